import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RunRequest } from '../../src/campaigns';
import { SmtpSink } from '../delivery/smtp-sink';
import { CampaignFixture } from './support/campaign-fixture';
import { compiledCampaign } from './support/compiled-campaign';
import { DyingOutbox } from './support/dying-outbox';
import { expireRunLeases } from './support/expire-leases';
import { customerIn, FIXED_OFFER, seedSmallShop } from './support/small-shop';
import { waitFor } from './support/wait-for';

const CAMPAIGN = compiledCampaign({ name: 'Welcome', offer: FIXED_OFFER });
const SLOT: RunRequest = { campaign: CAMPAIGN, scheduledAt: Date.parse('2025-03-03T08:00:00Z'), timeZone: null, trigger: 'manual' };
const SHARED_REASON = "the address already gets this run's email as customer s4";

/** s4, s5 and s6 share one inbox, written with different case and spaces, and c1 has its own. */
const CUSTOMERS = [
  customerIn('s4', 'Europe/Berlin', { email: 'dupaddr@example.com' }),
  customerIn('s5', 'Europe/Berlin', { email: 'DUPADDR@example.com' }),
  customerIn('s6', 'Europe/Berlin', { email: ' DupAddr@Example.com ' }),
  customerIn('c1', 'Europe/Berlin'),
];

describe('one email per address in a run', () => {
  let sink: SmtpSink;
  let fixture: CampaignFixture;

  beforeEach(async () => {
    sink = new SmtpSink();
    await sink.start();
    fixture = await CampaignFixture.create({
      now: '2025-03-03T08:00:00Z',
      campaigns: [CAMPAIGN],
      env: { RULECAST_TRANSPORT: 'smtp', RULECAST_SMTP_URL: sink.url },
    });
    await seedSmallShop(fixture, CUSTOMERS);
  });

  afterEach(async () => {
    await fixture.close();
    await sink.stop();
  });

  it('sends one email to a shared inbox', async () => {
    await fixture.runner.execute(SLOT);

    const recipients = sink.received.map((message) => message.recipient.toLowerCase()).sort();
    expect(recipients).toEqual(['c1@example.com', 'dupaddr@example.com']);
  });

  it('gives the address to the lowest id', async () => {
    const { run } = await fixture.runner.execute(SLOT);

    expect(await fixture.store.sendLog.find(CAMPAIGN.name, run.id, 's4')).toMatchObject({ status: 'sent', error: null });
    expect(await fixture.store.sendLog.find(CAMPAIGN.name, run.id, 's5')).toMatchObject({ status: 'suppressed', error: SHARED_REASON });
    expect(await fixture.store.sendLog.find(CAMPAIGN.name, run.id, 's6')).toMatchObject({ status: 'suppressed', error: SHARED_REASON });
  });

  it('counts shared inboxes in a dry run', async () => {
    const result = await fixture.dryRunner.run(CAMPAIGN);

    expect(result.summary.outcomes).toMatchObject({ sent: 2, suppressed: 2 });
    expect(sink.received).toEqual([]);
  });

  it('counts shared inboxes in a campaign preview', async () => {
    const preview = await fixture.previewer.preview(CAMPAIGN);

    expect(preview.outcomes).toMatchObject({ sent: 2, suppressed: 2 });
    expect(preview.samples.map((sample) => sample.customerId).sort()).toEqual(['c1', 's4']);
  });

  it('previews a later customer as suppressed', async () => {
    const placement = await fixture.previewer.previewCustomer(CAMPAIGN, 's5');

    expect(placement.outcome).toBe('suppressed');
    expect(placement.error).toBe(SHARED_REASON);
    expect(placement.reasons).toBeNull();
  });

  it('previews the first customer as sent', async () => {
    const placement = await fixture.previewer.previewCustomer(CAMPAIGN, 's4');

    expect(placement.outcome).toBe('sent');
    expect(placement.error).toBeNull();
  });
});

describe('one email per address after a crash', () => {
  const crashCampaign = compiledCampaign({ name: 'Spring offer', offer: FIXED_OFFER });
  const scheduledAt = Date.parse('2025-03-03T08:00:00Z');
  // With batches of 10, c005 is in the first batch and c015, on the same address, in the second.
  const customers = Array.from({ length: 20 }, (_, index) => {
    const id = `c${String(index).padStart(3, '0')}`;
    return customerIn(id, 'Europe/Berlin', index === 5 || index === 15 ? { email: index === 5 ? 'shared@example.com' : 'Shared@Example.com' } : {});
  });
  let first: CampaignFixture;
  let second: CampaignFixture;

  afterEach(async () => {
    await second?.close();
  });

  /** Counts the messages in the outbox addressed to the shared inbox. */
  function sharedInboxMessages(fixture: CampaignFixture): number {
    return fixture.outboxFiles().filter((name) => /^to: shared@example\.com$/im.test(readFileSync(join(fixture.outboxDir, name), 'utf8'))).length;
  }

  it('keeps address with pre-crash recipient', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rulecast-shared-crash-'));
    first = await CampaignFixture.create({
      now: '2025-03-03T08:00:00Z',
      folder,
      campaigns: [crashCampaign],
      settings: { batchSize: 10, deliveryConcurrency: 1 },
      transport: new DyingOutbox(join(folder, 'outbox'), 8),
    });
    await seedSmallShop(first, customers);
    first.runner.execute({ campaign: crashCampaign, scheduledAt, timeZone: null, trigger: 'schedule' }).catch(() => undefined);
    await waitFor(() => first.outboxFiles().length === 9, '9 messages in the outbox');
    const [run] = await first.store.campaignRuns.list(crashCampaign.name);
    await first.stop();
    expect(sharedInboxMessages(first)).toBe(1);

    second = await CampaignFixture.create({ now: '2025-03-03T08:05:00Z', folder, campaigns: [crashCampaign] });
    await expireRunLeases(second.store.campaignRuns);
    await second.runner.execute({ campaign: crashCampaign, scheduledAt, timeZone: null, trigger: 'schedule' });

    expect(sharedInboxMessages(second)).toBe(1);
    expect(await second.store.sendLog.find(crashCampaign.name, run.id, 'c005')).toMatchObject({ status: 'sent' });
    const later = await second.store.sendLog.find(crashCampaign.name, run.id, 'c015');
    expect(later).toMatchObject({ status: 'suppressed', error: "the address already gets this run's email as customer c005" });
  });
});
