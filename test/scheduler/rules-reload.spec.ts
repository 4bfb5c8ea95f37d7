import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CampaignRegistry } from '../../src/campaigns';
import { CampaignRulesLoader } from '../../src/campaigns/registry/campaign-rules-loader';
import { compilePerFile } from '../../src/campaigns/registry/per-file-compile';
import { skippedFileConsequence, skippedFileContents } from '../../src/campaigns/registry/skipped-file-contents';
import { ConfigModule, loadRulecastConfig } from '../../src/config';
import { createRulesCatalog } from '../../src/rules/catalog';
import { CampaignJobs } from '../../src/scheduler';
import { CampaignSchedulingModule } from '../../src/scheduler/campaign-scheduling.module';
import { CAMPAIGN_RUN_REPOSITORY, CampaignRunRepository, openSqliteStore, StoreModule } from '../../src/store';
import { engineEnvironment } from '../campaigns/support/campaign-fixture';
import { writeTestModels } from '../campaigns/support/test-models';

const campaign = (name: string, schedule: string, audience = 'score(response) >= 50%') => `
campaign "${name}" {
  schedule ${schedule}
  audience ${audience}
  offer top 2 from recommend(products)
  send email "winback"
  cap 1 per 7 days
}
`;
/** Root reads any file whatever its mode, so permission cases run only as another user. */
const itUnlessRoot = process.getuid?.() === 0 ? it.skip : it;

const BROKEN = 'campaign "Broken" {\n  schedule every monday at 09:00\n  audience scor(response) >= 50%\n  send email "winback"\n}\n';

const CATALOG = createRulesCatalog({
  models: [
    ['response', { kind: 'scorer' }],
    ['products', { kind: 'recommender' }],
  ],
  templates: ['winback'],
  eventTypes: ['purchase'],
});

describe(compilePerFile.name, () => {
  it('loads the files without errors', () => {
    const result = compilePerFile(
      [
        { path: 'a.rules', text: campaign('A', 'every monday at 09:00') },
        { path: 'b.rules', text: BROKEN },
      ],
      CATALOG,
      new Map(),
    );

    expect(result.compiled?.campaigns.map((entry) => entry.name)).toEqual(['A']);
    expect(result.accepted).toEqual(['a.rules']);
    expect(result.rejected).toMatchObject([{ path: 'b.rules', action: 'skipped' }]);
    expect(result.rejected[0].errors[0]).toMatchObject({ file: 'b.rules', line: 3 });
  });

  it('keeps the last version that loaded', () => {
    const lastGood = new Map([['a.rules', campaign('A', 'every monday at 09:00')]]);

    const result = compilePerFile([{ path: 'a.rules', text: campaign('A', 'every monday at 09:00', 'scor(response) >= 50%') }], CATALOG, lastGood);

    expect(result.compiled?.campaigns.map((entry) => entry.name)).toEqual(['A']);
    expect(result.rejected).toMatchObject([{ path: 'a.rules', action: 'previous' }]);
    expect(result.loaded.get('a.rules')).toBe(lastGood.get('a.rules'));
  });

  it('leaves out a file that uses a segment of a broken file', () => {
    const result = compilePerFile(
      [
        { path: 'a.rules', text: 'segment likely = scor(response) >= 50%\n' },
        { path: 'b.rules', text: campaign('B', 'every monday at 09:00', 'likely') },
        { path: 'c.rules', text: campaign('C', 'every day at 10:00') },
      ],
      CATALOG,
      new Map(),
    );

    expect(result.compiled?.campaigns.map((entry) => entry.name)).toEqual(['C']);
    expect(result.rejected.map((file) => file.path).sort()).toEqual(['a.rules', 'b.rules']);
  });

  it('returns nothing when every file is broken', () => {
    const result = compilePerFile([{ path: 'b.rules', text: BROKEN }], CATALOG, new Map());

    expect(result.compiled).toBeNull();
    expect(result.loaded.size).toBe(0);
  });
});

@Module({})
class RootModule {}

/** The scheduling service on a real rules folder, watched with fs.watch; waits poll real time. */
describe('rules folder reload', () => {
  let folder: string;
  let app: INestApplicationContext;

  const rulesFile = (name: string) => join(folder, 'rules', name);
  const registry = () => app.get(CampaignRegistry);
  const jobs = () => app.get(CampaignJobs);

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (let waited = 0; waited < 20_000; waited += 50) {
      if (condition()) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rulecast-reload-'));
    writeTestModels(folder);
    mkdirSync(join(folder, 'rules'));
    writeFileSync(rulesFile('a.rules'), campaign('Weekly', 'every monday at 09:00 in "Europe/Berlin"'));
    writeFileSync(rulesFile('b.rules'), BROKEN);

    const config = loadRulecastConfig({ env: engineEnvironment(folder), cwd: folder });
    app = await NestFactory.createApplicationContext(
      { module: RootModule, imports: [ConfigModule.forConfig(config), StoreModule, CampaignSchedulingModule] },
      { logger: false },
    );
    await app.init();
  });

  afterEach(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('schedules the good file at start', () => {
    expect(registry().list().map((entry) => entry.name)).toEqual(['Weekly']);
    expect(jobs().jobNames('Weekly')).toEqual(['campaign:Weekly']);
    expect(jobs().jobNames('Broken')).toEqual([]);
  });

  it('registers a changed schedule', async () => {
    writeFileSync(rulesFile('a.rules'), campaign('Weekly', 'every tuesday at 07:30 in "Europe/Berlin"'));

    await until(() => registry().find('Weekly')?.schedules[0].cron === '30 7 * * 2', 'the new schedule loads');

    const [next] = jobs().nextFires('Weekly');
    expect(new Date(next.scheduledAt).getUTCDay()).toBe(2);
  });

  it('keeps the old version after a broken edit', async () => {
    writeFileSync(rulesFile('c.rules'), campaign('Daily', 'every day at 10:00 in "Europe/Berlin"'));
    await until(() => registry().find('Daily') !== null, 'the new file loads');

    writeFileSync(rulesFile('a.rules'), campaign('Weekly', 'every tuesday at 07:30', 'scor(response) > 1'));
    writeFileSync(rulesFile('c.rules'), campaign('Daily', 'every day at 11:00 in "Europe/Berlin"'));
    await until(() => registry().find('Daily')?.schedules[0].cron === '0 11 * * *', 'the second edit loads');

    expect(registry().find('Weekly')?.schedules[0].cron).toBe('0 9 * * 1');
    expect(jobs().jobNames('Weekly')).toEqual(['campaign:Weekly']);
  });

  it('unschedules a deleted file', async () => {
    unlinkSync(rulesFile('a.rules'));

    await until(() => registry().find('Weekly') === null, 'the campaign leaves');

    expect(jobs().jobNames('Weekly')).toEqual([]);
  });

  it('keeps the old version of a Latin-1 file', async () => {
    writeFileSync(rulesFile('a.rules'), Buffer.from(campaign('Weekly', 'every tuesday at 07:30').replace('Weekly', 'Caf\xe9'), 'latin1'));
    writeFileSync(rulesFile('c.rules'), campaign('Daily', 'every day at 10:00 in "Europe/Berlin"'));
    await until(() => registry().find('Daily') !== null, 'the new file loads');

    expect(registry().find('Weekly')?.schedules[0].cron).toBe('0 9 * * 1');
    expect(jobs().jobNames('Weekly')).toEqual(['campaign:Weekly']);
  });

  it('reports a Latin-1 file as a file with errors', async () => {
    writeFileSync(rulesFile('a.rules'), Buffer.from('# Caf\xe9\n', 'latin1'));

    const load = await app.get(CampaignRulesLoader).load();

    expect(load.rejected.map((file) => [file.path, file.action])).toEqual([
      [rulesFile('a.rules'), 'previous'],
      [rulesFile('b.rules'), 'skipped'],
    ]);
    expect(load.rejected[0].errors).toHaveLength(1);
    expect(load.rejected[0].errors[0]).toMatchObject({ file: rulesFile('a.rules'), code: 'RC001', line: 1, column: 1 });
    expect(load.rejected[0].errors[0].message.en).toBe(
      'cannot read: not valid UTF-8 at byte 5; save the file as UTF-8 (rule files are read as UTF-8 only)',
    );
    expect(load.accepted).toEqual([]);
    expect(load.campaigns).toEqual(['Weekly']);
  });

  it('keeps old version across two failed reads', async () => {
    writeFileSync(rulesFile('a.rules'), Buffer.from([0x23, 0xff, 0x0a]));
    const loader = app.get(CampaignRulesLoader);

    await loader.load();
    const second = await loader.load();

    expect(second.campaigns).toEqual(['Weekly']);
    expect(second.rejected[0]).toMatchObject({ path: rulesFile('a.rules'), action: 'previous' });
  });

  it('keeps old version when folder replaces file', async () => {
    unlinkSync(rulesFile('a.rules'));
    mkdirSync(rulesFile('a.rules'));
    writeFileSync(rulesFile('c.rules'), campaign('Daily', 'every day at 10:00 in "Europe/Berlin"'));
    await until(() => registry().find('Daily') !== null, 'the new file loads');

    expect(jobs().jobNames('Weekly')).toEqual(['campaign:Weekly']);
    const load = await app.get(CampaignRulesLoader).load();
    expect(load.rejected[0]).toMatchObject({ path: rulesFile('a.rules'), action: 'previous' });
    expect(load.rejected[0].errors[0].message.en).toContain('it is a folder now, not a file');
  });

  it('withholds campaigns for unreadable new file', async () => {
    writeFileSync(rulesFile('c.rules'), Buffer.from(campaign('Daily', 'every day at 10:00').replace('Daily', 'Caf\xe9'), 'latin1'));

    const load = await app.get(CampaignRulesLoader).load();

    expect(load.rejected.map((file) => [file.path, file.action])).toEqual([
      [rulesFile('b.rules'), 'skipped'],
      [rulesFile('c.rules'), 'skipped'],
    ]);
    // Whether c.rules sets the global cap is unknown, so no campaign may run without it.
    expect(load.withheldBy).toEqual([rulesFile('c.rules')]);
    expect(load.campaigns).toEqual([]);
  });

  it('keeps campaigns beside a broken campaign file', async () => {
    const load = await app.get(CampaignRulesLoader).load();

    expect(load.rejected.map((file) => file.path)).toEqual([rulesFile('b.rules')]);
    expect(load.withheldBy).toEqual([]);
    expect(load.campaigns).toEqual(['Weekly']);
  });

  it('keeps old global cap of Latin-1 settings', async () => {
    writeFileSync(rulesFile('settings.rules'), 'global cap 2 per 7 days\n');
    await until(() => registry().globalCap !== null, 'the settings load');

    writeFileSync(rulesFile('settings.rules'), Buffer.from('\xe9global cap 2 per 7 days\n', 'latin1'));
    const load = await app.get(CampaignRulesLoader).load();

    expect(load.withheldBy).toEqual([]);
    expect(load.campaigns).toEqual(['Weekly']);
    expect(registry().globalCap).toEqual({ limit: 2, windowMs: 7 * 24 * 3_600_000 });
  });

  it('drops an unreadable file once it is deleted', async () => {
    const loader = app.get(CampaignRulesLoader);
    writeFileSync(rulesFile('a.rules'), Buffer.from([0xff]));
    const unreadable = await loader.load();
    expect(unreadable.campaigns).toEqual(['Weekly']);

    unlinkSync(rulesFile('a.rules'));
    const load = await loader.load();

    expect(load.campaigns).toEqual([]);
    expect(load.rejected.map((file) => file.path)).toEqual([rulesFile('b.rules')]);
  });

  itUnlessRoot('keeps old version without read permission', async () => {
    chmodSync(rulesFile('a.rules'), 0o000);

    const load = await app.get(CampaignRulesLoader).load();

    expect(load.campaigns).toEqual(['Weekly']);
    expect(load.rejected[0].errors[0].message.en).toContain('permission denied');
  });

  itUnlessRoot('keeps old versions in unlistable folder', async () => {
    mkdirSync(rulesFile('more'));
    writeFileSync(join(rulesFile('more'), 'd.rules'), campaign('Daily', 'every day at 10:00'));
    const loader = app.get(CampaignRulesLoader);
    await loader.load();

    chmodSync(rulesFile('more'), 0o300);
    const load = await loader.load();
    chmodSync(rulesFile('more'), 0o700);

    expect(load.campaigns).toEqual(['Weekly', 'Daily']);
    const unlisted = load.rejected.find((file) => file.path === join(rulesFile('more'), 'd.rules'));
    expect(unlisted?.action).toBe('previous');
    expect(unlisted?.errors[0].message.en).toContain(`its folder ${rulesFile('more')} cannot be listed: permission denied`);
  });

  it('schedules a file once it is fixed', async () => {
    writeFileSync(rulesFile('b.rules'), campaign('Broken', 'every monday at 09:00'));

    await until(() => registry().find('Broken') !== null, 'the fixed file loads');

    expect(jobs().jobNames('Broken')).toEqual(['campaign:Broken']);
  });
});

/** A rules folder whose settings file cannot load when the engine starts. */
describe('settings file that cannot load', () => {
  const SETTINGS = 'global cap 2 per 7 days\n';
  let folder: string;
  let app: INestApplicationContext | null = null;

  const rulesFile = (name: string) => join(folder, 'rules', name);
  const registry = () => app?.get(CampaignRegistry) ?? fail('the engine did not start');
  const jobs = () => app?.get(CampaignJobs) ?? fail('the engine did not start');

  function fail(message: string): never {
    throw new Error(message);
  }

  async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
    for (let waited = 0; waited < 20_000; waited += 50) {
      if (await condition()) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  /** Starts the scheduling service on the folder with `settings` as rules/settings.rules. */
  async function start(settings: string | Buffer): Promise<void> {
    writeFileSync(rulesFile('settings.rules'), settings);
    const config = loadRulecastConfig({ env: engineEnvironment(folder), cwd: folder });
    app = await NestFactory.createApplicationContext(
      { module: RootModule, imports: [ConfigModule.forConfig(config), StoreModule, CampaignSchedulingModule] },
      { logger: false },
    );
    await app.init();
  }

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rulecast-settings-'));
    writeTestModels(folder);
    mkdirSync(join(folder, 'rules'));
    writeFileSync(rulesFile('weekly.rules'), campaign('Weekly', 'every monday at 09:00 in "Europe/Berlin"'));
  });

  afterEach(async () => {
    await app?.close();
    app = null;
    rmSync(folder, { recursive: true, force: true });
  });

  it('schedules nothing for a Latin-1 settings file', async () => {
    await start(Buffer.from(`\xe9${SETTINGS}`, 'latin1'));

    expect(registry().list()).toEqual([]);
    expect(registry().withheldBy).toEqual([rulesFile('settings.rules')]);
    expect(jobs().jobNames('Weekly')).toEqual([]);
  });

  it('schedules once the settings file is fixed', async () => {
    await start(Buffer.from(`\xe9${SETTINGS}`, 'latin1'));

    writeFileSync(rulesFile('settings.rules'), SETTINGS);
    await until(() => registry().find('Weekly') !== null, 'the fixed settings load');

    expect(registry().globalCap).toEqual({ limit: 2, windowMs: 7 * 24 * 3_600_000 });
    expect(registry().withheldBy).toEqual([]);
    expect(jobs().jobNames('Weekly')).toEqual(['campaign:Weekly']);
  });

  it('schedules nothing for a settings file with errors', async () => {
    await start(`${SETTINGS}${BROKEN}`);

    expect(registry().list()).toEqual([]);
    expect(jobs().jobNames('Weekly')).toEqual([]);
  });

  it('schedules nothing for a file with syntax errors', async () => {
    await start('campaign "Half written" {\n  schedule every monday at\n');

    expect(registry().list()).toEqual([]);
    expect(registry().withheldBy).toEqual([rulesFile('settings.rules')]);
  });

  it('leaves unfinished runs waiting', async () => {
    // An interrupted dry run is marked failed when runs resume, which shows when that happens.
    const store = openSqliteStore(engineEnvironment(folder).RULECAST_DB);
    const { run } = await store.campaignRuns.createOrGet({ campaign: 'Weekly', runKey: 'Weekly@2026-11-30T08:00:00.000Z', scheduledAt: Date.UTC(2026, 10, 30, 8), dryRun: true });
    await store.store.close();

    await start(Buffer.from(`\xe9${SETTINGS}`, 'latin1'));
    const runs = () => app?.get<CampaignRunRepository>(CAMPAIGN_RUN_REPOSITORY) ?? fail('the engine did not start');

    expect((await runs().findById(run.id))?.status).toBe('running');
    writeFileSync(rulesFile('settings.rules'), SETTINGS);
    await until(async () => (await runs().findById(run.id))?.status !== 'running', 'the runs resume');
    expect((await runs().findById(run.id))?.status).toBe('failed');
  });
});

describe(skippedFileConsequence.name, () => {
  it('names the cost of each kind of file', () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'whether it sets the global cap is unknown, so no campaign runs are scheduled until it loads'],
      ['campaign "X" {\n', 'whether it sets the global cap is unknown, so no campaign runs are scheduled until it loads'],
      ['global cap 2 per 7 days\n', 'it sets the global cap, so no campaign runs are scheduled until it loads'],
      [BROKEN, 'its campaigns are not scheduled'],
      ['segment likely = scor(response) >= 50%\n', 'it is left out, so its segments cannot be used'],
    ];
    for (const [text, consequence] of cases) {
      expect([text, skippedFileConsequence(skippedFileContents('x.rules', text))]).toEqual([text, consequence]);
    }
  });
});
