import { Injectable } from '@nestjs/common';

import { closestMatch } from '../../common/did-you-mean';
import type { FrequencyCap } from '../caps';
import type { CompiledCampaign, CompiledRules } from '../../rules/compiled';
import { UnknownCampaignError } from '../campaign-errors';

/**
 * Turns a campaign name into its URL and command-line form: lower case without accents,
 * with every run of characters other than ASCII letters and digits replaced by one hyphen.
 * "Win back lapsed wine buyers" becomes `win-back-lapsed-wine-buyers`. A name without
 * such characters, such as one in Chinese, has an empty slug and is found by name only.
 */
export function campaignSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
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
  private withheldFor: string[] = [];

  /** Replaces every campaign and the global cap with those of `rules`. */
  replace(rules: Pick<CompiledRules, 'campaigns' | 'globalCap'>): void {
    this.campaigns = [...rules.campaigns];
    this.cap = rules.globalCap;
    this.withheldFor = [];
  }

  /**
   * Empties the registry because the rules files at `paths` did not load and may set the
   * global cap, so no campaign may run under a weaker cap. The next `replace` ends it.
   */
  withhold(paths: readonly string[]): void {
    this.campaigns = [];
    this.cap = null;
    this.withheldFor = [...paths];
  }

  /** Rules files that keep every campaign out of the registry. Empty unless `withhold` was the last change. */
  get withheldBy(): readonly string[] {
    return this.withheldFor;
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

  /**
   * Like `find`, but throws UnknownCampaignError listing the known campaigns and the closest
   * name, or the rules files that withhold every campaign.
   */
  get(nameOrSlug: string): CompiledCampaign {
    const found = this.find(nameOrSlug);
    if (found !== null) {
      return found;
    }
    const names = this.campaigns.map((campaign) => campaign.name);
    throw new UnknownCampaignError(nameOrSlug, names, this.suggest(nameOrSlug), this.withheldFor);
  }

  /**
   * Finds the campaign the user most likely meant: the closest name or slug by edit
   * distance, else the only campaign whose name contains the input once spaces and
   * punctuation are dropped ("winback" for "Win back lapsed wine buyers").
   */
  private suggest(input: string): string | null {
    const byName = closestMatch(input, this.campaigns.map((campaign) => campaign.name));
    if (byName !== null) {
      return byName;
    }
    const bySlug = closestMatch(campaignSlug(input), this.campaigns.map((campaign) => campaignSlug(campaign.name)));
    if (bySlug !== null) {
      return this.campaigns.find((campaign) => campaignSlug(campaign.name) === bySlug)?.name ?? null;
    }

    const compact = (text: string): string => campaignSlug(text).replace(/-/g, '');
    const wanted = compact(input);
    const containing = wanted === '' ? [] : this.campaigns.filter((campaign) => compact(campaign.name).includes(wanted));
    return containing.length === 1 ? containing[0].name : null;
  }
}
