import type { CompiledCampaign } from '../../rules/compiled';
import { modelsRead } from '../run/run-inputs';
import { campaignSlug } from './campaign-registry';

/** A compiled campaign as plain data, for listings in the CLI and the HTTP API. */
export interface CampaignDescription {
  name: string;
  slug: string;
  file: string;
  schedules: Array<{ cron: string; timeZone: string }>;
  template: string;
  variants: Array<{ name: string; weight: number; template: string }>;
  /** Fraction held out, in [0, 1). */
  holdout: number;
  cap: { limit: number; windowMs: number } | null;
  quietHours: { start: string; end: string } | null;
  priority: number;
  startDate: string | null;
  endDate: string | null;
  missedRuns: 'skip' | 'catch-up';
  offer: { kind: 'recommend'; model: string; count: number } | { kind: 'items'; itemIds: string[] } | null;
  /** Models the audience and offers read; each needs a trained run. */
  models: string[];
}

export function describeCampaign(campaign: CompiledCampaign): CampaignDescription {
  return {
    name: campaign.name,
    slug: campaignSlug(campaign.name),
    file: campaign.file,
    schedules: campaign.schedules.map((schedule) => ({ cron: schedule.cron, timeZone: schedule.timeZone })),
    template: campaign.template,
    variants: campaign.variants.map((variant) => ({ name: variant.name, weight: variant.weight, template: variant.template })),
    holdout: campaign.holdout,
    cap: campaign.cap === null ? null : { limit: campaign.cap.limit, windowMs: campaign.cap.windowMs },
    quietHours: campaign.quietHours === null ? null : { start: campaign.quietHours.start, end: campaign.quietHours.end },
    priority: campaign.priority,
    startDate: campaign.startDate,
    endDate: campaign.endDate,
    missedRuns: campaign.missedRuns,
    offer: describeOffer(campaign.offer),
    models: modelsRead(campaign),
  };
}

function describeOffer(offer: CompiledCampaign['offer']): CampaignDescription['offer'] {
  if (offer === null) {
    return null;
  }
  if (offer.kind === 'recommend') {
    return { kind: 'recommend', model: offer.model, count: offer.count };
  }
  return { kind: 'items', itemIds: [...offer.itemIds] };
}
