import { Injectable } from '@nestjs/common';

import { closestMatch } from '../../common/did-you-mean';
import type { FrequencyCap } from '../caps';
import type { CompiledCampaign, CompiledRules } from '../../rules/compiled';
import { UnknownCampaignError } from '../campaign-errors';

/**
 * Turns a campaign name into its URL and command-line form: lower case, with every run of
 * characters other than ASCII letters and digits replaced by one hyphen.
 * "Win back lapsed wine buyers" becomes `win-back-lapsed-wine-buyers`.
 */
export function campaignSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The campaigns the engine currently runs, as the rules loader last compiled them. Commands,
 * the HTTP API and the scheduler look campaigns up here by name or slug.
 */
@Injectable()
export class CampaignRegistry {
  private campaigns: CompiledCampaign[] = [];
  private cap: FrequencyCap | null = null;

  /** Replaces every campaign and the global cap with those of `rules`. */
  replace(rules: Pick<CompiledRules, 'campaigns' | 'globalCap'>): void {
    this.campaigns = [...rules.campaigns];
    this.cap = rules.globalCap;
  }

  list(): readonly CompiledCampaign[] {
    return this.campaigns;
  }

  /** The cap across all campaigns, from `global cap`; null when no loaded file sets one. */
  get globalCap(): FrequencyCap | null {
    return this.cap;
  }

  /** Finds a campaign by its exact name or by its slug; null when none matches. */
  find(nameOrSlug: string): CompiledCampaign | null {
    const exact = this.campaigns.find((campaign) => campaign.name === nameOrSlug);
    if (exact !== undefined) {
      return exact;
    }
    const slug = campaignSlug(nameOrSlug);
    if (slug === '') {
      return null;
    }
    return this.campaigns.find((campaign) => campaignSlug(campaign.name) === slug) ?? null;
  }

  /** Like `find`, but throws UnknownCampaignError listing the known campaigns and the closest name. */
  get(nameOrSlug: string): CompiledCampaign {
    const found = this.find(nameOrSlug);
    if (found !== null) {
      return found;
    }
    const names = this.campaigns.map((campaign) => campaign.name);
    const bySlug = closestMatch(campaignSlug(nameOrSlug), this.campaigns.map((campaign) => campaignSlug(campaign.name)));
    const suggestion = closestMatch(nameOrSlug, names) ?? this.campaigns.find((campaign) => campaignSlug(campaign.name) === bySlug)?.name ?? null;
    throw new UnknownCampaignError(nameOrSlug, names, suggestion);
  }
}
