import { Module } from '@nestjs/common';

import { ModelsModule } from '../models/models.module';
import { RulesModule } from '../rules/rules.module';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { DemoSeeder } from './demo-seeder';
import { DemoService } from './demo.service';

/** The generated demo shop: seeding an empty store, training its models, checking the rules. */
@Module({
  imports: [ModelsModule, RulesModule, SchedulerModule],
  providers: [DemoSeeder, DemoService],
  exports: [DemoSeeder, DemoService],
})
export class DemoModule {}
