import { describeValue, isJsonObject } from '../parameters/describe-value';

/**
 * A label that describes its segment instead of naming its number: the segment whose
 * customers have the highest (or lowest) mean of one attribute, or of the sum of several
 * attributes' means. It is resolved after each training, from the customers' stored
 * attributes and the segments the run gave them.
 */
export interface LabelCriterion {
  label: string;
  pick: 'highest' | 'lowest';
  /** One or more number attributes; the criterion compares the sum of their segment means. */
  attributes: string[];
}

/** The labels of one model in models.json, split by how they name a segment. */
export interface LabelConfig {
  /** Labels with a fixed segment number: label -> segment. */
  fixed: Record<string, number>;
  /** Labels resolved after training, in the order written. */
  criteria: LabelCriterion[];
}

const PICKS: ReadonlyArray<LabelCriterion['pick']> = ['highest', 'lowest'];

/** Shows a criterion as models.json writes it, such as `highest MntFruits + MntFishProducts`. */
export function describeCriterion(criterion: Pick<LabelCriterion, 'pick' | 'attributes'>): string {
  return `${criterion.pick} ${criterion.attributes.join(' + ')}`;
}

/**
 * Checks the `labels` object of one model. A label is either a segment number or a
 * criterion like {"highest": "MntWines"} or {"lowest": ["Income"]}. Problems are added
 * to `problems`, each with its path `at`.
 */
export function parseLabels(value: unknown, at: string, problems: string[]): LabelConfig {
  const fixed: Record<string, number> = Object.create(null);
  const criteria: LabelCriterion[] = [];
  if (value === undefined) {
    return { fixed, criteria };
  }
  if (!isJsonObject(value)) {
    problems.push(`${at} must be an object of label -> segment number or criterion, got ${describeValue(value)}`);
    return { fixed, criteria };
  }

  const bySegment = new Map<number, string>();
  for (const [label, segment] of Object.entries(value)) {
    if (label.trim() === '') {
      problems.push(`${at}: a label must not be empty`);
    } else if (isJsonObject(segment)) {
      const criterion = parseCriterion(label, segment, `${at}."${label}"`, problems);
      if (criterion) {
        criteria.push(criterion);
      }
    } else if (typeof segment !== 'number' || !Number.isInteger(segment) || segment < 0) {
      problems.push(
        `${at}."${label}" must be a segment number (a whole number >= 0) or a criterion like {"highest": "MntWines"}, ` +
          `got ${describeValue(segment)}`,
      );
    } else if (bySegment.has(segment)) {
      problems.push(`${at}: "${label}" and "${bySegment.get(segment)}" both name segment ${segment}; keep one`);
    } else {
      bySegment.set(segment, label);
      fixed[label] = segment;
    }
  }
  return { fixed, criteria };
}

function parseCriterion(label: string, value: Record<string, unknown>, at: string, problems: string[]): LabelCriterion | null {
  const keys = Object.keys(value);
  const picks = PICKS.filter((pick) => keys.includes(pick));
  const unknown = keys.filter((key) => !PICKS.some((pick) => pick === key));
  if (unknown.length > 0 || picks.length !== 1) {
    problems.push(`${at} must have exactly one key, "highest" or "lowest", got ${describeValue(value)}`);
    return null;
  }

  const [pick] = picks;
  const attributes = parseAttributes(value[pick], `${at}.${pick}`, problems);
  return attributes ? { label, pick, attributes } : null;
}

function parseAttributes(value: unknown, at: string, problems: string[]): string[] | null {
  const names = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(names) || names.length === 0) {
    problems.push(`${at} must be an attribute name or a non-empty list of them, got ${describeValue(value)}`);
    return null;
  }

  const attributes: string[] = [];
  for (const name of names) {
    if (typeof name !== 'string' || name.trim() === '') {
      problems.push(`${at}: ${describeValue(name)} is not an attribute name; use a non-empty string`);
      return null;
    }
    if (attributes.includes(name)) {
      problems.push(`${at}: attribute "${name}" appears twice; list it once`);
      return null;
    }
    attributes.push(name);
  }
  return attributes;
}
