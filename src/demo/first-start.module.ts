import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DemoModule } from './demo.module';
import { FirstStart } from './first-start';

/** The server's start-up step; `main.ts` calls `FirstStart` before it listens. */
@Module({
  imports: [DemoModule, AuthModule, CampaignsModule],
  providers: [FirstStart],
  exports: [FirstStart],
})
export class FirstStartModule {}
