import { Logger } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { Delivery, RunGate, SendLedger, UNKNOWN_AFTER_CRASH } from '../../src/campaigns';
import { CampaignRun, NewCampaignRun } from '../../src/store';
import { openTempStore, TempStore } from '../helpers/temp-store';
import { expireRunLeases } from './support/expire-leases';

/** Returns the pid of a process that has exited; no live process owns it unless the OS reuses it. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

const customers = Array.from({ length: 10 }, (_, index) => `c${index}`);
const request: NewCampaignRun = {
  campaign: 'winback',
  runKey: 'winback@2025-03-03T09:00:00.000Z',
  scheduledAt: Date.parse('2025-03-03T09:00:00Z'),
  dryRun: false,
};

/** Runs against a real SQLite file; each "process" is a fresh RunGate and SendLedger on it. */
describe('run resume', () => {
  let store: TempStore;
  let deliveries: string[];

  const deliverTo = (customerId: string) => async (): Promise<Delivery> => {
    deliveries.push(customerId);
    return { messageId: `<${customerId}@rulecast.test>` };
  };

  function ledgerFor(run: CampaignRun, confirmDelivered?: () => Promise<boolean | null>): SendLedger {
    return new SendLedger(store.sendLog, run, { now: () => Date.parse('2025-03-03T09:00:05Z'), confirmDelivered });
  }

  async function admittedRun(gate: RunGate, expected: 'start' | 'resume'): Promise<CampaignRun> {
    const admission = await gate.admit(request);
    if (admission.action !== expected) {
      throw new Error(`expected ${expected}, got ${admission.action}`);
    }
    return admission.run;
  }

  /** Leaves the run as a process killed mid-way would: c6 reserved, c7 inside the delivery call. */
  async function crashMidRun(): Promise<CampaignRun> {
    const run = await admittedRun(new RunGate(store.campaignRuns), 'start');
    const ledger = ledgerFor(run);
    for (const customerId of customers.slice(0, 6)) {
      await ledger.deliverOnce(customerId, 'A', null, deliverTo(customerId));
    }

    await store.sendLog.reserve({ campaign: 'winback', runId: run.id, customerId: 'c6', variant: 'A', status: 'pending', offers: null });
    void ledger.deliverOnce('c7', 'A', null, () => {
      deliveries.push('c7');
      return new Promise<Delivery>(() => undefined);
    });
    await waitForAttempt(run.id, 'c7');
    await expireRunLeases(store.campaignRuns);
    return run;
  }

  async function waitForAttempt(runId: number, customerId: string): Promise<void> {
    for (let tries = 0; tries < 100; tries++) {
      const row = await store.sendLog.find('winback', runId, customerId);
      if (row && row.attempts > 0) {
        return;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`no delivery attempt recorded for ${customerId}`);
  }

  async function resumeAll(confirmDelivered?: () => Promise<boolean | null>): Promise<CampaignRun> {
    const gate = new RunGate(store.campaignRuns);
    const run = await admittedRun(gate, 'resume');
    const ledger = ledgerFor(run, confirmDelivered);
    for (const customerId of customers) {
      await ledger.deliverOnce(customerId, 'A', null, deliverTo(customerId));
    }
    return gate.finish(run, 'completed', {});
  }

  beforeEach(() => {
    store = openTempStore({ now: () => Date.parse('2025-03-03T09:00:01Z') });
    deliveries = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await store.cleanup();
  });

  describe(RunGate.name, () => {
    it('skips a finished run', async () => {
      const gate = new RunGate(store.campaignRuns);
      const run = await admittedRun(gate, 'start');
      const ledger = ledgerFor(run);
      for (const customerId of customers) {
        await ledger.deliverOnce(customerId, 'A', null, deliverTo(customerId));
      }
      await gate.finish(run, 'completed', { sent: customers.length });

      const again = await gate.admit(request);
      const afterRestart = await new RunGate(store.campaignRuns).admit(request);

      expect(again.action).toBe('skip');
      expect(afterRestart).toMatchObject({ action: 'skip', reason: `run ${run.id} (${request.runKey}) already completed` });
      expect(deliveries).toEqual(customers);
    });

    it('skips a run in progress', async () => {
      const gate = new RunGate(store.campaignRuns);
      await admittedRun(gate, 'start');

      const second = await gate.admit(request);

      expect(second).toMatchObject({ action: 'skip', reason: expect.stringContaining('in progress in this process') });
    });

    it('resumes a run left running', async () => {
      await admittedRun(new RunGate(store.campaignRuns), 'start');
      await expireRunLeases(store.campaignRuns);

      const admission = await new RunGate(store.campaignRuns).admit(request);

      expect(admission.action).toBe('resume');
    });

    it('retries a failed run', async () => {
      const gate = new RunGate(store.campaignRuns);
      const run = await admittedRun(gate, 'start');
      await gate.finish(run, 'failed', { error: 'SMTP server unreachable' });

      const retry = await new RunGate(store.campaignRuns).admit(request);

      expect(retry).toMatchObject({ action: 'resume', run: { id: run.id, status: 'running', finishedAt: null } });
      expect((await store.campaignRuns.findById(run.id))?.status).toBe('running');
    });

    it('retries a failed run in the process that failed it', async () => {
      const gate = new RunGate(store.campaignRuns);
      const run = await admittedRun(gate, 'start');
      await gate.finish(run, 'failed', { error: 'SMTP server unreachable' });

      expect((await gate.admit(request)).action).toBe('resume');
    });

    it('skips a run leased by a live process', async () => {
      const run = await admittedRun(new RunGate(store.campaignRuns), 'start');
      const lease = await store.campaignRuns.leaseOf(run.id);
      // The parent of this jest worker plays another engine process on this host.
      const liveOwner = `${hostname()}|${process.ppid}|other`;
      await store.campaignRuns.swapLease(run.id, lease?.owner ?? null, { owner: liveOwner, expiresAt: 0 });

      const admission = await new RunGate(store.campaignRuns).admit(request);

      expect(admission).toMatchObject({ action: 'skip', reason: expect.stringContaining('in progress in another process') });
    });

    it('takes over a run leased by a dead process', async () => {
      const run = await admittedRun(new RunGate(store.campaignRuns), 'start');
      const lease = await store.campaignRuns.leaseOf(run.id);
      const deadOwner = `${hostname()}|${deadPid()}|gone`;
      await store.campaignRuns.swapLease(run.id, lease?.owner ?? null, { owner: deadOwner, expiresAt: Date.now() + 3_600_000 });

      const admission = await new RunGate(store.campaignRuns).admit(request);

      expect(admission.action).toBe('resume');
      expect((await store.campaignRuns.leaseOf(run.id))?.owner).not.toBe(deadOwner);
    });

    it('lets one of two racing triggers run', async () => {
      const admissions = await Promise.all([new RunGate(store.campaignRuns).admit(request), new RunGate(store.campaignRuns).admit(request)]);

      const actions = admissions.map((admission) => admission.action);
      expect(actions.filter((action) => action === 'skip')).toHaveLength(1);
      expect(actions.filter((action) => action !== 'skip')).toHaveLength(1);
    });

    it('stops a second slot while one sends', async () => {
      const first = await admittedRun(new RunGate(store.campaignRuns), 'start');
      const manual = { ...request, runKey: 'winback@2025-03-03T09:00:05.000Z', scheduledAt: request.scheduledAt + 5_000 };

      const admission = await new RunGate(store.campaignRuns).admit(manual);

      expect(admission.action).toBe('skip');
      expect(admission.action === 'skip' ? admission.reason : '').toContain(`is already running as run ${first.id}`);
      expect((await store.campaignRuns.findByKey(manual.runKey))?.status).toBe('failed');
    });

    it('starts a second slot after the first finishes', async () => {
      const gate = new RunGate(store.campaignRuns);
      const first = await admittedRun(gate, 'start');
      await gate.finish(first, 'completed', {});
      const next = { ...request, runKey: 'winback@2025-03-10T09:00:00.000Z', scheduledAt: request.scheduledAt + 7 * 86_400_000 };

      const admission = await new RunGate(store.campaignRuns).admit(next);

      expect(admission.action).toBe('start');
    });

    it('ignores a run its dead process left', async () => {
      const first = await admittedRun(new RunGate(store.campaignRuns), 'start');
      await store.campaignRuns.swapLease(first.id, (await store.campaignRuns.leaseOf(first.id))?.owner ?? null, {
        owner: `${hostname()}|${deadPid()}|00000000`,
        expiresAt: Date.now() + 60_000,
      });
      const next = { ...request, runKey: 'winback@2025-03-10T09:00:00.000Z', scheduledAt: request.scheduledAt + 7 * 86_400_000 };

      const admission = await new RunGate(store.campaignRuns).admit(next);

      expect(admission.action).toBe('start');
    });

    it('lets a dry run pass while a run sends', async () => {
      await admittedRun(new RunGate(store.campaignRuns), 'start');
      const dryRun = { ...request, runKey: 'dry-run:winback@2025-03-03T09:00:05.000Z', dryRun: true };

      const admission = await new RunGate(store.campaignRuns).admit(dryRun);

      expect(admission.action).toBe('start');
    });
  });

  describe(SendLedger.name, () => {
    it('sends each remaining customer once', async () => {
      const run = await crashMidRun();

      const finished = await resumeAll();

      expect(finished.status).toBe('completed');
      expect(deliveries).toEqual([...customers.slice(0, 6), 'c7', 'c6', 'c8', 'c9']);
      expect(new Set(deliveries).size).toBe(deliveries.length);
      const rows = await store.sendLog.listByRun(run.id);
      expect(rows.filter((row) => row.status === 'sent').map((row) => row.customerId).sort()).toEqual(
        customers.filter((id) => id !== 'c7'),
      );
    });

    it('marks an interrupted delivery unknown', async () => {
      const run = await crashMidRun();

      await resumeAll();

      const row = await store.sendLog.find('winback', run.id, 'c7');
      expect(row).toMatchObject({ status: 'failed', error: UNKNOWN_AFTER_CRASH, attempts: 1 });
    });

    it('resends when the transport confirms a loss', async () => {
      const run = await crashMidRun();

      await resumeAll(async () => false);

      expect(deliveries.filter((id) => id === 'c7')).toHaveLength(2);
      expect(await store.sendLog.find('winback', run.id, 'c7')).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('trusts a confirmed delivery', async () => {
      const run = await crashMidRun();

      await resumeAll(async () => true);

      expect(deliveries.filter((id) => id === 'c7')).toHaveLength(1);
      expect(await store.sendLog.find('winback', run.id, 'c7')).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('records outcomes without sending', async () => {
      const run = await admittedRun(new RunGate(store.campaignRuns), 'start');
      const ledger = ledgerFor(run);

      const first = await ledger.record('c1', null, 'held_out');
      const again = await ledger.record('c1', null, 'capped');
      const afterSend = await ledger.deliverOnce('c1', null, null, deliverTo('c1'));

      expect([first, again, afterSend]).toEqual(['recorded', 'already_recorded', 'already_recorded']);
      expect(deliveries).toEqual([]);
      expect(await store.sendLog.find('winback', run.id, 'c1')).toMatchObject({ status: 'held_out' });
    });

    it('replaces an unattempted send', async () => {
      const run = await admittedRun(new RunGate(store.campaignRuns), 'start');
      await store.sendLog.reserve({ campaign: 'winback', runId: run.id, customerId: 'c1', variant: 'A', status: 'pending', offers: null });

      const result = await ledgerFor(run).record('c1', 'A', 'suppressed');

      expect(result).toBe('recorded');
      expect(await store.sendLog.find('winback', run.id, 'c1')).toMatchObject({ status: 'suppressed', variant: 'A' });
    });

    it('records a failed delivery once', async () => {
      const run = await admittedRun(new RunGate(store.campaignRuns), 'start');
      const ledger = ledgerFor(run);
      const refuse = async (): Promise<Delivery> => {
        throw new Error('550 mailbox unavailable');
      };

      const first = await ledger.deliverOnce('c1', 'A', ['i1'], refuse);
      const second = await ledger.deliverOnce('c1', 'A', ['i1'], deliverTo('c1'));

      expect([first, second]).toEqual(['failed', 'already_recorded']);
      expect(await store.sendLog.find('winback', run.id, 'c1')).toMatchObject({
        status: 'failed',
        error: '550 mailbox unavailable',
        offers: ['i1'],
      });
    });
  });
});
