import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openSqliteStore } from '../../src/store';
import { PROJECT_ROOT, requireCompiledCli, runRulecast } from '../cli/run-cli';
import { engineEnvironment } from './support/campaign-fixture';
import { seedDemoShop } from './support/demo-shop';
import { writeTestModels } from './support/test-models';

const RULES = `
campaign "Wine offer" {
  schedule every monday at 09:00 in "Europe/Berlin"
  audience attr.MntWines > 0
  offer top 2 from recommend(products) where category = "wines"
  variants A 50% "winback", B 50% "winback-discount"
  holdout 10%
  cap 1 per 7 days
}
`;
const SLOT = '2025-03-03T09:00:00+01:00';

/** `rulecast run`, `preview`, `runs` and `report` as child processes on the compiled CLI (npm run build first). */
describe('campaign commands', () => {
  let folder: string;
  let env: Record<string, string>;

  beforeAll(() => {
    requireCompiledCli();
  });

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rulecast-campaign-cli-'));
    writeTestModels(folder);
    mkdirSync(join(folder, 'rules'));
    writeFileSync(join(folder, 'rules', 'shop.rules'), RULES);
    env = engineEnvironment(folder);
    const store = openSqliteStore(env.RULECAST_DB);
    await seedDemoShop(store, Date.now(), 200, ['products']);
    await store.store.close();
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  const rulecast = (...args: string[]) => runRulecast(args, folder, env);
  const outbox = (): string[] => {
    try {
      return readdirSync(join(folder, 'outbox')).filter((name) => name.endsWith('.eml'));
    } catch {
      return [];
    }
  };

  it('rejects an unknown campaign', () => {
    const result = rulecast('run', 'wine-ofer');

    expect(result.status).toBe(1);
    expect(result.stderr).toBe("rulecast: unknown campaign 'wine-ofer'; known: 'Wine offer'; did you mean 'Wine offer'?\n");
  });

  it('previews without sending', () => {
    const result = rulecast('preview', 'wine-offer');

    expect(result.status).toBe(0);
    expect(result.stdout).toContain("campaign 'Wine offer' (wine-offer)");
    expect(result.stdout).toContain('sample recipients:');
    expect(outbox()).toEqual([]);
  });

  it('previews one customer', () => {
    const out = join(folder, 'preview');
    const result = rulecast('preview', 'Wine offer', '--customer', '100002', '--out', out);

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^customer 100002 in campaign 'Wine offer': /);
    expect(readdirSync(out).sort()).toEqual(['body.html', 'body.txt', 'subject.txt']);
  });

  it('previews a suppressed customer without offers', async () => {
    const store = openSqliteStore(env.RULECAST_DB);
    await store.customers.setConsent('100002', 'unsubscribed');
    await store.store.close();

    const result = rulecast('preview', 'Wine offer', '--customer', '100002', '--out', join(folder, 'preview'));

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^customer 100002 in campaign 'Wine offer': suppressed/);
    expect(result.stdout).toContain('offers: none picked, because the customer is suppressed\n');
    expect(result.stdout).not.toContain('reasons from model');
    expect(result.stdout).not.toContain('none qualify');
  });

  it('exits quietly when stdout closes', async () => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'rulecast.js'), 'preview', 'Wine offer', '--customer', '100002', '--out', join(folder, 'preview')], {
      cwd: folder,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closing the read end at once, as `| head` does after its lines, makes every write of the CLI fail with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));

    expect(stderr).toBe('');
    expect(status).toBe(0);
  }, 60_000);

  it('dry-runs to a JSON report', () => {
    const result = rulecast('run', 'wine-offer', '--dry-run', '--json');

    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.run.dryRun).toBe(true);
    expect(output.summary.outcomes.sent).toBeGreaterThan(0);
    expect(readdirSync(join(folder, 'data', 'reports'))).toHaveLength(1);
    expect(outbox()).toEqual([]);
  });

  it('runs a slot once', () => {
    const first = rulecast('run', 'wine-offer', '--at', SLOT);
    const second = rulecast('run', 'wine-offer', '--at', SLOT);

    expect(first.status).toBe(0);
    expect(first.stdout).toContain("run 1 of campaign 'Wine offer' (Wine offer@2025-03-03T08:00:00.000Z): completed");
    const files = outbox().length;
    expect(files).toBeGreaterThan(0);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('nothing sent: run 1 (Wine offer@2025-03-03T08:00:00.000Z) already completed');
    expect(outbox()).toHaveLength(files);
  });

  it('lists runs and reports one', () => {
    rulecast('run', 'wine-offer', '--at', SLOT);

    const runs = rulecast('runs', 'wine-offer');
    const report = rulecast('report', '1');

    expect(runs.stdout).toMatch(/^ *1 +Wine offer +run +completed +2025-03-03T08:00:00.000Z/m);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('conversions (purchase within 7 day(s) of the send)');
    expect(report.stdout).toMatch(/^holdout +\d+/m);
  });

  it('rejects bad arguments', () => {
    expect(rulecast('report', 'abc').stderr).toBe('rulecast: run must be a run id such as 12, got "abc"; list the runs with "rulecast runs"\n');
    expect(rulecast('report', '42').stderr).toBe('rulecast: no campaign run with id 42; list the runs with "rulecast runs"\n');
    expect(rulecast('run', 'wine-offer', '--at', 'monday').stderr).toBe('rulecast: --at "monday" is not an ISO 8601 time; write it like 2025-03-03T09:00:00+01:00\n');
    expect(rulecast('run', 'wine-offer', '--zone', 'Mars/Olympus').stderr).toBe('rulecast: --zone "Mars/Olympus" is not an IANA time zone; use a name such as Europe/Berlin\n');
    expect(rulecast('run', 'wine-offer', '--dry-run', '--at', SLOT).status).toBe(1);
  });

  it('names the untrained model', () => {
    writeFileSync(join(folder, 'rules', 'shop.rules'), RULES.replace('audience attr.MntWines > 0', 'audience score(response) >= 50%'));

    const result = rulecast('run', 'wine-offer');

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`campaign 'Wine offer' reads model 'response', which has no trained run; train it with "rulecast train response"`);
  });

  it('resumes a run killed with SIGKILL', async () => {
    // Ten messages a second keep the first run going long enough to kill it part way.
    const slow = { ...env, RULECAST_SEND_RATE: '10' };
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'rulecast.js'), 'run', 'wine-offer', '--at', SLOT], { cwd: folder, env: { ...process.env, ...slow }, stdio: 'ignore' });
    for (let waited = 0; outbox().length < 5; waited += 50) {
      if (waited > 60_000) {
        throw new Error('the first run wrote no messages within 60 s');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const beforeResume = outbox().length;

    const resumed = rulecast('run', 'wine-offer', '--at', SLOT, '--json');

    expect(resumed.status).toBe(0);
    const output = JSON.parse(resumed.stdout);
    expect(output.status).toBe('completed');
    expect(output.summary.trigger).toBe('resume');
    expect(output.summary.alreadyRecorded).toBeGreaterThanOrEqual(beforeResume);
    expect(outbox()).toHaveLength(output.summary.outcomes.sent);
    expect(new Set(outbox()).size).toBe(outbox().length);
  }, 120_000);
});
