import type { RunRequest, RunResult } from '../../src/campaigns';
import type { CustomerField } from '../../src/store';
import { SmtpSink } from '../delivery/smtp-sink';
import { CampaignFixture } from './support/campaign-fixture';
import { compiledCampaign } from './support/compiled-campaign';
import { customerIn, FIXED_OFFER, seedSmallShop } from './support/small-shop';

const CAMPAIGN = compiledCampaign({ name: 'Probe', offer: FIXED_OFFER });
const SLOT: RunRequest = { campaign: CAMPAIGN, scheduledAt: Date.parse('2025-03-03T08:00:00Z'), timeZone: null, trigger: 'manual' };

const CUSTOMERS = [
  customerIn('101028', 'Europe/Berlin', { email: 'customer-101028@example.com', consent: 'unsubscribed' }),
  customerIn('9000001', 'Europe/Berlin', { email: 'Customer-101028@Example.com', locale: 'de-DE' }),
  customerIn('100004', 'Europe/Berlin', { email: 'customer-100004@example.com', consent: 'unsubscribed' }),
  customerIn('100002', 'Europe/Berlin', { email: 'customer-100002@example.com' }),
  customerIn('c1', 'Europe/Berlin'),
  customerIn('c2', 'Europe/Berlin'),
];

/** Opens the engine on SMTP to `sink`, stores the customers, and moves 100002 onto the address 100004 opted out. */
async function openShop(sink: SmtpSink): Promise<CampaignFixture> {
  const fixture = await CampaignFixture.create({
    now: '2025-03-03T08:00:00Z',
    campaigns: [CAMPAIGN],
    env: { RULECAST_TRANSPORT: 'smtp', RULECAST_SMTP_URL: sink.url },
  });
  await seedSmallShop(fixture, CUSTOMERS);
  await fixture.store.customers.mergeMany([
    { customer: customerIn('100002', 'Europe/Berlin', { email: 'customer-100004@example.com' }), given: new Set<CustomerField>(['email']) },
  ]);
  return fixture;
}

describe('campaign run with shared addresses', () => {
  let sink: SmtpSink;
  let fixture: CampaignFixture;

  beforeEach(async () => {
    sink = new SmtpSink();
    await sink.start();
    fixture = await openShop(sink);
  });

  afterEach(async () => {
    await fixture.close();
    await sink.stop();
  });

  it('sends nothing to opted-out addresses', async () => {
    await fixture.runner.execute(SLOT);

    const recipients = sink.received.map((message) => message.recipient.toLowerCase()).sort();
    expect(recipients).toEqual(['c1@example.com', 'c2@example.com']);
  });

  it('counts shared addresses as suppressed', async () => {
    const result: RunResult = await fixture.runner.execute(SLOT);

    expect(result.status).toBe('completed');
    const summary = result.status === 'completed' ? result.summary : null;
    expect(summary?.outcomes).toMatchObject({ sent: 2, suppressed: 4, failed: 0 });
    expect(summary?.failures).toEqual([]);
  });

  it('records the reason naming the other customer', async () => {
    const { run } = await fixture.runner.execute(SLOT);

    const newId = await fixture.store.sendLog.find(CAMPAIGN.name, run.id, '9000001');
    const moved = await fixture.store.sendLog.find(CAMPAIGN.name, run.id, '100002');
    expect(newId).toMatchObject({ status: 'suppressed', error: 'the address is unsubscribed under customer 101028' });
    expect(moved).toMatchObject({ status: 'suppressed', error: 'the address is unsubscribed under customer 100004' });
  });

  it('previews a new id as suppressed', async () => {
    const placement = await fixture.previewer.previewCustomer(CAMPAIGN, '9000001');

    expect(placement.outcome).toBe('suppressed');
    expect(placement.error).toBe('the address is unsubscribed under customer 101028');
  });

  it('previews a moved customer as suppressed', async () => {
    const placement = await fixture.previewer.previewCustomer(CAMPAIGN, '100002');

    expect(placement.outcome).toBe('suppressed');
    expect(placement.error).toBe('the address is unsubscribed under customer 100004');
  });

  it('previews a plain customer as sent', async () => {
    const placement = await fixture.previewer.previewCustomer(CAMPAIGN, 'c1');

    expect(placement.outcome).toBe('sent');
    expect(placement.error).toBeNull();
  });

  it('counts shared addresses in a campaign preview', async () => {
    const preview = await fixture.previewer.preview(CAMPAIGN);

    expect(preview.outcomes).toMatchObject({ sent: 2, suppressed: 4 });
    expect(preview.samples.map((sample) => sample.customerId).sort()).toEqual(['c1', 'c2']);
  });
});
