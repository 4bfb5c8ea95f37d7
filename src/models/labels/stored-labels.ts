import type { ModelRun } from '../../store';
import { isJsonObject } from '../parameters/describe-value';
import { describeCriterion, LabelCriterion } from './label-config';

/**
 * Run metric that contains the label resolutions of a segmenter run (label -> LabelResolution).
 * The trainer adds it to the plugin's metrics and replaces a plugin metric of the same name.
 */
export const SEGMENT_LABELS_METRIC = 'segmentLabels';

/** The criterion labels that a stored run resolves, and why the others have no segment. */
export interface StoredLabels {
  /** Label -> segment, for the labels the run resolved. */
  segments: Record<string, number>;
  /** Label -> why the run gives it no segment, for the other criterion labels. */
  problems: Record<string, string>;
}

/**
 * Reads the segments that `run` resolved for `criteria`. A label counts only when the run
 * resolved it with the criterion models.json has now and no fixed label takes its segment,
 * so an edited criterion waits for the next training instead of naming a stale segment.
 */
export function readStoredLabels(run: ModelRun, criteria: readonly LabelCriterion[], fixed: Readonly<Record<string, number>>): StoredLabels {
  const stored = run.metrics?.[SEGMENT_LABELS_METRIC];
  const resolutions = isJsonObject(stored) ? stored : {};
  const labelledSegments = new Set(Object.values(fixed));
  const segments: Record<string, number> = Object.create(null);
  const problems: Record<string, string> = Object.create(null);

  for (const criterion of criteria) {
    const current = describeCriterion(criterion);
    const resolution = Object.prototype.hasOwnProperty.call(resolutions, criterion.label) ? resolutions[criterion.label] : undefined;
    if (!isJsonObject(resolution)) {
      problems[criterion.label] = `it (${current}) was added after run ${run.id}, so it names a segment after the next training`;
    } else if (resolution.criterion !== current) {
      problems[criterion.label] =
        `run ${run.id} resolved it as ${JSON.stringify(resolution.criterion)}, but models.json now says "${current}", ` +
        'so it names a segment after the next training';
    } else if (typeof resolution.segment !== 'number' || !Number.isInteger(resolution.segment) || resolution.segment < 0) {
      const reason = typeof resolution.problem === 'string' ? resolution.problem : 'no segment recorded';
      problems[criterion.label] = `it (${current}) has no segment in run ${run.id}: ${reason}`;
    } else if (labelledSegments.has(resolution.segment)) {
      problems[criterion.label] = `run ${run.id} resolved it to segment ${resolution.segment}, which a fixed label now names`;
    } else {
      labelledSegments.add(resolution.segment);
      segments[criterion.label] = resolution.segment;
    }
  }
  return { segments, problems };
}
