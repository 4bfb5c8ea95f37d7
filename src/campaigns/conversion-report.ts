import { AttributedExposure, AttributionOptions } from './attribution';
import { Interval, RateDifference, newcombeDifference, wilsonInterval } from './uplift';

/** Conversion figures of one group of exposed customers. */
export interface ArmResult {
  exposed: number;
  /** Exposed customers with at least one attributed conversion. */
  converted: number;
  /** `converted / exposed`, or null with no exposures. */
  rate: number | null;
  /** 95% Wilson interval of the rate, or null with no exposures. */
  interval: Interval | null;
  /** Attributed conversion events; a customer may convert more than once. */
  conversions: number;
  /** Sum of the attributed events' values. */
  value: number;
}

export interface VariantResult extends ArmResult {
  /** Null for a campaign without A/B variants. */
  variant: string | null;
  /** Absolute uplift over the holdout, null when either group is empty. */
  uplift: RateDifference | null;
}

export interface ConversionReport {
  runId: number;
  windowMs: number;
  eventTypes: readonly string[];
  /**
   * Whether every exposure's attribution window has closed at the report time. Until
   * then the rates can still rise.
   */
  complete: boolean;
  /** Sorted by variant name, the no-variant group first. */
  variants: VariantResult[];
  treatment: ArmResult & { uplift: RateDifference | null };
  holdout: ArmResult;
}

/**
 * Builds the conversion report of run `runId` from attributed exposures, which may also
 * hold other runs' exposures. Uplift is the absolute difference of conversion rates
 * against the holdout, with Newcombe's hybrid score 95% interval.
 */
export function buildConversionReport(
  runId: number,
  attributed: readonly AttributedExposure[],
  options: AttributionOptions,
  now: number,
): ConversionReport {
  const ofRun = attributed.filter((exposure) => exposure.runId === runId);
  const holdoutExposures = ofRun.filter((exposure) => exposure.group === 'holdout');
  const treatmentExposures = ofRun.filter((exposure) => exposure.group === 'treatment');

  const holdout = summarize(holdoutExposures);
  const treatment = summarize(treatmentExposures);

  const byVariant = new Map<string | null, AttributedExposure[]>();
  for (const exposure of treatmentExposures) {
    const group = byVariant.get(exposure.variant);
    if (group) {
      group.push(exposure);
    } else {
      byVariant.set(exposure.variant, [exposure]);
    }
  }
  const variants = [...byVariant.entries()]
    .sort(([a], [b]) => compareVariants(a, b))
    .map(([variant, exposures]): VariantResult => {
      const result = summarize(exposures);
      return { variant, ...result, uplift: upliftOver(result, holdout) };
    });

  const lastExposure = ofRun.reduce((latest, exposure) => Math.max(latest, exposure.at), Number.NEGATIVE_INFINITY);
  return {
    runId,
    windowMs: options.windowMs,
    eventTypes: options.eventTypes,
    complete: ofRun.length === 0 || now >= lastExposure + options.windowMs,
    variants,
    treatment: { ...treatment, uplift: upliftOver(treatment, holdout) },
    holdout,
  };
}

function summarize(exposures: readonly AttributedExposure[]): ArmResult {
  let converted = 0;
  let conversions = 0;
  let value = 0;
  for (const exposure of exposures) {
    if (exposure.conversions > 0) {
      converted += 1;
    }
    conversions += exposure.conversions;
    value += exposure.value;
  }

  const exposed = exposures.length;
  return {
    exposed,
    converted,
    rate: exposed > 0 ? converted / exposed : null,
    interval: exposed > 0 ? wilsonInterval(converted, exposed) : null,
    conversions,
    value,
  };
}

function upliftOver(arm: ArmResult, holdout: ArmResult): RateDifference | null {
  if (arm.exposed === 0 || holdout.exposed === 0) {
    return null;
  }
  return newcombeDifference(arm.converted, arm.exposed, holdout.converted, holdout.exposed);
}

function compareVariants(a: string | null, b: string | null): number {
  if (a === b) {
    return 0;
  }
  if (a === null) {
    return -1;
  }
  if (b === null) {
    return 1;
  }
  return a < b ? -1 : 1;
}
