import { Module } from '@nestjs/common';

import { AuthModule } from './auth/auth.module';
import { EnginePidFile } from './common/engine-pid-file.service';
import { ConfigModule } from './config/config.module';
import { DeliveryModule } from './delivery/delivery.module';
import { FirstStartModule } from './demo/first-start.module';
import { HealthModule } from './health/health.module';
import { ImportModule } from './import/import.module';
import { ModelsModule } from './models/models.module';
import { CampaignSchedulingModule } from './scheduler/campaign-scheduling.module';
import { StoreModule } from './store/store.module';

/** The engine as one process: HTTP API, store and every feature module. */
@Module({
  imports: [ConfigModule.forRoot(), StoreModule, AuthModule, HealthModule, ImportModule, DeliveryModule, ModelsModule, FirstStartModule, CampaignSchedulingModule],
  providers: [EnginePidFile],
})
export class AppModule {}
