/**
 * Frequency caps: at most `limit` sends per customer in any rolling window of
 * `windowMs`, per campaign and across all campaigns. When campaigns due together would
 * exceed the global cap, the higher priority wins.
 */

import { SendLogRepository } from '../store/repositories/send-log.repository';

/** At most `limit` sends per customer in any window of `windowMs` milliseconds. */
export interface FrequencyCap {
  limit: number;
  windowMs: number;
}

export interface CampaignCapPolicy {
  campaign: string;
  /** Higher wins. Ties go to the campaign name that sorts first, so the outcome is repeatable. */
  priority: number;
  /** Null when the campaign has no cap of its own. */
  cap: FrequencyCap | null;
}

/** A send that a due campaign would make to one customer. */
export interface CapCandidate {
  campaign: string;
  customerId: string;
}

/** Sends already made, each counted within the window of the cap it is checked against. */
export interface RecentSends {
  /** Sends of `campaign` to the customer within that campaign's cap window. */
  byCampaign(campaign: string, customerId: string): number;
  /** Sends of every campaign to the customer within the global cap window. */
  global(customerId: string): number;
}

export type CapDecision = CapCandidate & ({ allowed: true } | { allowed: false; cappedBy: 'campaign' | 'global' });

/** Lists what is wrong with `cap`, or nothing when it is valid. `label` names it in messages. */
export function checkFrequencyCap(cap: FrequencyCap, label: string): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(cap.limit) || cap.limit < 1) {
    problems.push(`${label}: limit ${cap.limit} must be a whole number of at least 1`);
  }
  if (!Number.isFinite(cap.windowMs) || cap.windowMs <= 0) {
    problems.push(`${label}: window ${cap.windowMs} ms must be a positive duration`);
  }
  return problems;
}

/** Returns the start of the window that recent sends are counted from for `cap`. */
export function capWindowStart(now: number, cap: FrequencyCap): number {
  return now - cap.windowMs;
}

/**
 * Decides which candidate sends the caps allow. Candidates of one customer are taken in
 * priority order, and each allowed send counts against the global cap for the ones after
 * it. All candidates of a customer must be in the same call, because a later call does
 * not know what an earlier one allowed. Decisions come back in the order of
 * `candidates`. Throws for a candidate whose campaign has no policy or that appears twice.
 */
export function planCaps(
  candidates: readonly CapCandidate[],
  policies: readonly CampaignCapPolicy[],
  globalCap: FrequencyCap | null,
  recent: RecentSends,
): CapDecision[] {
  const policyByCampaign = indexPolicies(policies, globalCap);
  const byCustomer = groupByCustomer(candidates, policyByCampaign);

  const decisions = new Array<CapDecision>(candidates.length);
  for (const [customerId, indexes] of byCustomer) {
    indexes.sort((a, b) => comparePriority(policyByCampaign, candidates[a].campaign, candidates[b].campaign));

    let globalCount = globalCap ? recent.global(customerId) : 0;
    for (const index of indexes) {
      const candidate = candidates[index];
      const cap = policyByCampaign.get(candidate.campaign)?.cap ?? null;

      if (cap && recent.byCampaign(candidate.campaign, customerId) >= cap.limit) {
        decisions[index] = { ...candidate, allowed: false, cappedBy: 'campaign' };
      } else if (globalCap && globalCount >= globalCap.limit) {
        decisions[index] = { ...candidate, allowed: false, cappedBy: 'global' };
      } else {
        decisions[index] = { ...candidate, allowed: true };
        globalCount += 1;
      }
    }
  }
  return decisions;
}

function indexPolicies(policies: readonly CampaignCapPolicy[], globalCap: FrequencyCap | null): Map<string, CampaignCapPolicy> {
  const problems = globalCap ? checkFrequencyCap(globalCap, 'global cap') : [];
  const byCampaign = new Map<string, CampaignCapPolicy>();
  for (const policy of policies) {
    if (byCampaign.has(policy.campaign)) {
      problems.push(`campaign '${policy.campaign}' has two cap policies`);
    }
    if (!Number.isFinite(policy.priority)) {
      problems.push(`campaign '${policy.campaign}': priority ${policy.priority} must be a finite number`);
    }
    if (policy.cap) {
      problems.push(...checkFrequencyCap(policy.cap, `campaign '${policy.campaign}' cap`));
    }
    byCampaign.set(policy.campaign, policy);
  }

  if (problems.length > 0) {
    throw new RangeError(`invalid cap policies: ${problems.join('; ')}`);
  }
  return byCampaign;
}

function groupByCustomer(
  candidates: readonly CapCandidate[],
  policyByCampaign: ReadonlyMap<string, CampaignCapPolicy>,
): Map<string, number[]> {
  const byCustomer = new Map<string, number[]>();
  const seen = new Set<string>();
  candidates.forEach((candidate, index) => {
    if (!policyByCampaign.has(candidate.campaign)) {
      throw new RangeError(`candidate send of campaign '${candidate.campaign}' has no cap policy; pass one for every campaign`);
    }
    const key = `${candidate.campaign}\u0000${candidate.customerId}`;
    if (seen.has(key)) {
      throw new RangeError(`campaign '${candidate.campaign}' has two candidate sends to customer '${candidate.customerId}'`);
    }
    seen.add(key);

    const indexes = byCustomer.get(candidate.customerId);
    if (indexes) {
      indexes.push(index);
    } else {
      byCustomer.set(candidate.customerId, [index]);
    }
  });
  return byCustomer;
}

function comparePriority(policies: ReadonlyMap<string, CampaignCapPolicy>, a: string, b: string): number {
  const priorityA = policies.get(a)?.priority ?? 0;
  const priorityB = policies.get(b)?.priority ?? 0;
  if (priorityA !== priorityB) {
    return priorityB - priorityA;
  }
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/**
 * RecentSends backed by per-customer counts, such as SendLogRepository.countSentSince
 * returns them: one map per capped campaign and one for the global window.
 */
export class RecentSendCounts implements RecentSends {
  constructor(
    private readonly campaignCounts: ReadonlyMap<string, ReadonlyMap<string, number>>,
    private readonly globalCounts: ReadonlyMap<string, number>,
  ) {}

  /** Reads the counts each cap needs from the send log, with windows ending at `now`. */
  static async load(
    sendLog: SendLogRepository,
    policies: readonly CampaignCapPolicy[],
    globalCap: FrequencyCap | null,
    now: number,
  ): Promise<RecentSendCounts> {
    const campaignCounts = new Map<string, Map<string, number>>();
    for (const policy of policies) {
      if (policy.cap) {
        campaignCounts.set(policy.campaign, await sendLog.countSentSince(capWindowStart(now, policy.cap), policy.campaign));
      }
    }
    const globalCounts = globalCap ? await sendLog.countSentSince(capWindowStart(now, globalCap)) : new Map<string, number>();
    return new RecentSendCounts(campaignCounts, globalCounts);
  }

  byCampaign(campaign: string, customerId: string): number {
    return this.campaignCounts.get(campaign)?.get(customerId) ?? 0;
  }

  global(customerId: string): number {
    return this.globalCounts.get(customerId) ?? 0;
  }
}
