import { Test } from '@nestjs/testing';
import { join } from 'node:path';
import { CampaignsModule, ConversionReporter } from '../../src/campaigns';
import { ConfigModule } from '../../src/config';
import { CampaignJobs, Clock, SystemClock } from '../../src/scheduler';
import { StoreModule } from '../../src/store';
import { createTempDir, removeTempDir } from '../helpers/temp-store';

describe(CampaignsModule.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = createTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('wires the reporter to the store', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ env: { RULECAST_DB: join(dir, 'rulecast.db') } }), StoreModule, CampaignsModule],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();

    const reporter = app.get(ConversionReporter);

    expect(await reporter.reportRun(1)).toBeNull();
    expect(app.get(Clock)).toBeInstanceOf(SystemClock);
    expect(app.get(CampaignJobs)).toBeInstanceOf(CampaignJobs);
    await app.close();
  });
});
