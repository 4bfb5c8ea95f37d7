import { closestMatch } from '../../common/did-you-mean';
import type { AttributeType } from '../../store';
import { describeCriterion, LabelCriterion } from './label-config';
import { SegmentTotals, sumOfMeans } from './segment-means';

/** A criterion label after a training: its segment and the value that chose it, or why none fits. */
export type LabelResolution =
  | {
      segment: number;
      /** The criterion as models.json wrote it, such as `highest MntWines`. */
      criterion: string;
      /** The chosen segment's mean of the criterion's attribute, or the sum of the means of its attributes. */
      mean: number;
    }
  | { segment: null; criterion: string; problem: string };

/**
 * Gives each criterion label its segment, in the order written. A label gets the segment
 * with the highest (or lowest) mean among the segments with customers that no fixed label
 * and no earlier criterion label names, so different labels name different segments.
 * Ties go to the lower segment number. A label that no segment fits gets a problem.
 */
export function resolveLabels(
  criteria: readonly LabelCriterion[],
  fixed: Readonly<Record<string, number>>,
  totals: ReadonlyMap<number, SegmentTotals>,
  attributeTypes: ReadonlyMap<string, AttributeType>,
): Record<string, LabelResolution> {
  const labelledSegments = new Set(Object.values(fixed));
  const segments = [...totals.keys()].filter((segment) => (totals.get(segment)?.customers ?? 0) > 0).sort((a, b) => a - b);
  const resolutions: Record<string, LabelResolution> = Object.create(null);

  for (const criterion of criteria) {
    const described = describeCriterion(criterion);
    const problem = attributeProblem(criterion.attributes, attributeTypes);
    if (problem !== null) {
      resolutions[criterion.label] = { segment: null, criterion: described, problem };
      continue;
    }

    let best: { segment: number; mean: number } | null = null;
    for (const segment of segments) {
      const segmentTotals = totals.get(segment);
      const mean = segmentTotals === undefined || labelledSegments.has(segment) ? null : sumOfMeans(segmentTotals, criterion.attributes);
      if (mean !== null && (best === null || (criterion.pick === 'highest' ? mean > best.mean : mean < best.mean))) {
        best = { segment, mean };
      }
    }

    if (best === null) {
      resolutions[criterion.label] = { segment: null, criterion: described, problem: noSegmentProblem(segments, labelledSegments, criterion) };
    } else {
      labelledSegments.add(best.segment);
      resolutions[criterion.label] = { segment: best.segment, criterion: described, mean: best.mean };
    }
  }
  return resolutions;
}

/** Returns label -> segment for the labels that have one. */
export function resolvedSegments(resolutions: Readonly<Record<string, LabelResolution>>): Record<string, number> {
  const segments: Record<string, number> = Object.create(null);
  for (const [label, resolution] of Object.entries(resolutions)) {
    if (resolution.segment !== null) {
      segments[label] = resolution.segment;
    }
  }
  return segments;
}

function attributeProblem(attributes: readonly string[], attributeTypes: ReadonlyMap<string, AttributeType>): string | null {
  for (const name of attributes) {
    const type = attributeTypes.get(name);
    if (type === undefined) {
      const suggestion = closestMatch(name, attributeTypes.keys());
      const hint = suggestion === null ? '' : `; did you mean "${suggestion}"?`;
      return `attribute "${name}" is not stored for any customer${hint}`;
    }
    if (type !== 'number') {
      return `attribute "${name}" is a ${type}, but a label criterion compares means of number attributes`;
    }
  }
  return null;
}

function noSegmentProblem(segments: readonly number[], labelledSegments: ReadonlySet<number>, criterion: LabelCriterion): string {
  if (segments.length === 0) {
    return 'no segment has customers';
  }
  if (segments.every((segment) => labelledSegments.has(segment))) {
    return `every segment with customers (${segments.join(', ')}) already has a label; remove a label or train more segments`;
  }
  return `no unlabelled segment has customers with a number in ${criterion.attributes.join(', ')}`;
}
