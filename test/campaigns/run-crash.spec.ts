import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CampaignFixture } from './support/campaign-fixture';
import { DyingOutbox } from './support/dying-outbox';
import { expireRunLeases } from './support/expire-leases';
import { waitFor } from './support/wait-for';
import { compiledCampaign } from './support/compiled-campaign';
import { customerIn, FIXED_OFFER, seedSmallShop } from './support/small-shop';

const CAMPAIGN = compiledCampaign({ name: 'Spring offer', offer: FIXED_OFFER });
const SCHEDULED = Date.parse('2025-03-03T08:00:00Z');
const CUSTOMERS = Array.from({ length: 40 }, (_, index) => customerIn(`c${String(index).padStart(3, '0')}`, 'Europe/Berlin'));

describe('run killed mid-way', () => {
  let first: CampaignFixture;
  let second: CampaignFixture;

  afterEach(async () => {
    await second?.close();
  });

  /** Starts the run in a fixture whose transport dies after `completed` messages, and waits until it hangs. */
  async function crashAfter(completed: number): Promise<number> {
    const folder = mkdtempSync(join(tmpdir(), 'rulecast-crash-'));
    first = await CampaignFixture.create({
      now: '2025-03-03T08:00:00Z',
      folder,
      campaigns: [CAMPAIGN],
      settings: { batchSize: 10, deliveryConcurrency: 2 },
      transport: new DyingOutbox(join(folder, 'outbox'), completed),
    });
    await seedSmallShop(first, CUSTOMERS);

    // The stopped process's run never settles, or fails on the closed store, and the test ignores it either way.
    first.runner.execute({ campaign: CAMPAIGN, scheduledAt: SCHEDULED, timeZone: null, trigger: 'schedule' }).catch(() => undefined);
    await waitFor(() => first.outboxFiles().length === completed + 1, `${completed + 1} messages in the outbox`);
    const [run] = await first.store.campaignRuns.list(CAMPAIGN.name);
    await first.stop();
    return run.id;
  }

  /** Starts a second process on the same folder, with a working outbox, and triggers the same slot. */
  async function restart(): Promise<void> {
    second = await CampaignFixture.create({ now: '2025-03-03T08:05:00Z', folder: first.folder, campaigns: [CAMPAIGN] });
    await expireRunLeases(second.store.campaignRuns);
    await second.runner.execute({ campaign: CAMPAIGN, scheduledAt: SCHEDULED, timeZone: null, trigger: 'schedule' });
  }

  it('leaves rows pending at the crash', async () => {
    const runId = await crashAfter(15);

    second = await CampaignFixture.create({ now: '2025-03-03T08:05:00Z', folder: first.folder, campaigns: [CAMPAIGN] });
    const pending = await second.store.sendLog.listPending(runId);
    expect(pending.length).toBeGreaterThanOrEqual(1);
    expect((await second.store.campaignRuns.findById(runId))?.status).toBe('running');
  });

  it('resumes and completes the run', async () => {
    const runId = await crashAfter(15);

    await restart();

    const run = await second.store.campaignRuns.findById(runId);
    expect(run?.status).toBe('completed');
    expect(await second.store.sendLog.listPending(runId)).toEqual([]);
  });

  it('sends each customer exactly once', async () => {
    const runId = await crashAfter(15);

    await restart();

    const sent = await second.store.sendLog.listByRun(runId, 'sent');
    expect(sent.map((row) => row.customerId).sort()).toEqual(CUSTOMERS.map((customer) => customer.id));
    expect(second.outboxFiles()).toHaveLength(CUSTOMERS.length);
  });

  it('does not rewrite a message written before the crash', async () => {
    const runId = await crashAfter(15);
    const beforeRestart = new Set(first.outboxFiles());

    await restart();

    expect(beforeRestart.size).toBe(16);
    const after = second.outboxFiles();
    expect(after.filter((name) => beforeRestart.has(name))).toHaveLength(16);
    expect(new Set(after).size).toBe(after.length);
    const summary = (await second.store.campaignRuns.findById(runId))?.summary;
    expect(summary).toMatchObject({ trigger: 'resume', outcomes: { sent: CUSTOMERS.length } });
  });
});
