import type { RunRequest, RunResult } from '../../src/campaigns/run/campaign-runner';
import { ModelNotTrainedError } from '../../src/campaigns/campaign-errors';
import type { CampaignRun } from '../../src/store/entities/campaign-run';
import { runAllNow, runLatestSlots, RunSubmitter } from '../../src/demo/campaign-batch';
import { formatRunTable } from '../../src/demo/run-table';
import { compiledCampaign } from '../campaigns/support/compiled-campaign';

/** Friday 2026-12-04 12:00 UTC. */
const NOW = Date.UTC(2026, 11, 4, 12);

function run(campaign: string): CampaignRun {
  return { id: 1, campaign, runKey: `${campaign}@key`, scheduledAt: NOW, startedAt: NOW, finishedAt: NOW, status: 'completed', dryRun: false, summary: null };
}

/** Records what was submitted and resolves each request with `answer`. */
class RecordingQueue implements RunSubmitter {
  readonly requests: RunRequest[] = [];

  constructor(private readonly answer: (request: RunRequest) => Promise<RunResult>) {}

  submit(request: RunRequest): Promise<RunResult> {
    this.requests.push(request);
    return this.answer(request);
  }
}

const skipped = (request: RunRequest): Promise<RunResult> =>
  Promise.resolve({ status: 'skipped', run: run(request.campaign.name), reason: 'already completed' });

describe('runLatestSlots', () => {
  it('fixed zone runs its latest slot', async () => {
    const queue = new RecordingQueue(skipped);
    const weekly = compiledCampaign({ name: 'weekly', schedules: [{ cron: '0 9 * * 1', timeZone: 'Europe/Berlin' }] });

    await runLatestSlots(queue, [weekly], ['Asia/Tokyo'], NOW);

    // Monday 2026-11-30 09:00 in Berlin (UTC+1) is 08:00 UTC.
    expect(queue.requests.map((request) => [request.scheduledAt, request.timeZone, request.trigger])).toEqual([
      [Date.UTC(2026, 10, 30, 8), null, 'schedule'],
    ]);
  });

  it('customer time runs once per zone', async () => {
    const queue = new RecordingQueue(skipped);
    const daily = compiledCampaign({ name: 'daily', schedules: [{ cron: '0 10 * * *', timeZone: 'customer' }] });

    await runLatestSlots(queue, [daily], ['America/New_York', 'Asia/Tokyo'], NOW);

    expect(queue.requests.map((request) => [request.timeZone, new Date(request.scheduledAt).toISOString()])).toEqual([
      ['America/New_York', '2026-12-03T15:00:00.000Z'],
      ['Asia/Tokyo', '2026-12-04T01:00:00.000Z'],
    ]);
  });

  it('latest of several cron expressions wins', async () => {
    const queue = new RecordingQueue(skipped);
    const twice = compiledCampaign({
      name: 'twice',
      schedules: [
        { cron: '0 9 * * *', timeZone: 'UTC' },
        { cron: '30 11 * * *', timeZone: 'UTC' },
      ],
    });

    await runLatestSlots(queue, [twice], [], NOW);

    expect(queue.requests.map((request) => request.scheduledAt)).toEqual([Date.UTC(2026, 11, 4, 11, 30)]);
  });

  it('slot outside the dates is left out', async () => {
    const queue = new RecordingQueue(skipped);
    const ended = compiledCampaign({ name: 'ended', schedules: [{ cron: '0 9 * * *', timeZone: 'UTC' }], endDate: '2026-12-03' });
    const later = compiledCampaign({ name: 'later', schedules: [{ cron: '0 9 * * *', timeZone: 'UTC' }], startDate: '2026-12-05' });

    const rows = await runLatestSlots(queue, [ended, later], [], NOW);

    expect(rows).toEqual([]);
    expect(queue.requests).toEqual([]);
  });
});

describe('runAllNow', () => {
  it('submits every campaign at now', async () => {
    const queue = new RecordingQueue(skipped);
    const campaigns = [compiledCampaign({ name: 'a' }), compiledCampaign({ name: 'b', priority: 10 })];

    const rows = await runAllNow(queue, campaigns, NOW);

    expect(queue.requests.map((request) => [request.campaign.name, request.scheduledAt, request.timeZone, request.trigger])).toEqual([
      ['a', NOW, null, 'manual'],
      ['b', NOW, null, 'manual'],
    ]);
    expect(rows.map((row) => row.result?.status)).toEqual(['skipped', 'skipped']);
  });

  it('run that cannot start becomes a row', async () => {
    const queue = new RecordingQueue((request) => Promise.reject(new ModelNotTrainedError(request.campaign.name, ['products'])));

    const rows = await runAllNow(queue, [compiledCampaign({ name: 'needs products' })], NOW);

    expect(rows).toHaveLength(1);
    expect(rows[0].result).toBeNull();
    expect(rows[0].error).toContain("reads model 'products', which has no trained run");
  });
});

describe('formatRunTable', () => {
  it('aligns columns and explains rows', async () => {
    const queue = new RecordingQueue(skipped);
    const rows = await runAllNow(queue, [compiledCampaign({ name: 'Short' })], NOW);
    const failing = await runAllNow(new RecordingQueue(() => Promise.reject(new Error('disk full'))), [compiledCampaign({ name: 'A longer name' })], NOW);

    const lines = formatRunTable([...rows, ...failing]).trimEnd().split('\n');

    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^campaign +audience +sent +held out +capped +suppressed +no offer +failed +offers\/email +note$/);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    expect(lines[2]).toMatch(/^Short +skipped: already completed$/);
    expect(lines[3]).toMatch(/^A longer name +not run: disk full$/);
    expect(lines[2].indexOf('skipped')).toBe(lines[3].indexOf('not run'));
  });
});
