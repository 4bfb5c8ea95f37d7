import type { ModelOutput, ModelPlugin, RecommendedItem, TrainingData } from '../../plugin-api';
import { describeValue, isJsonObject } from '../parameters/describe-value';

export interface OutputCheck {
  /** The valid outputs, copied field by field; store them only when `problems` is empty. */
  outputs: ModelOutput[];
  /** Every problem: `coverage` and `values` together. */
  problems: string[];
  /** Customers without exactly one output, and outputs for unknown customers. */
  coverage: string[];
  /** Segments, scores and recommendations of the wrong type or out of range. */
  values: string[];
}

/** Examples shown per kind of problem; the message gives the full count. */
const EXAMPLES = 3;

/**
 * Checks what `predict` returned against the contract: one output per customer of the
 * data and none for others, a whole segment >= 0 from a segmenter, a finite score
 * (inside `scoreRange` when declared) from a scorer, and from a recommender a list of
 * distinct items that exist, with finite scores. Problems of one kind are grouped.
 */
export function checkOutputs(
  returned: unknown,
  data: TrainingData,
  plugin: Pick<ModelPlugin, 'name' | 'kind' | 'scoreRange'>,
): OutputCheck {
  if (!Array.isArray(returned)) {
    const problem = `predict must return an array of outputs, got ${describeValue(returned)}`;
    return { outputs: [], problems: [problem], coverage: [problem], values: [] };
  }

  const coverage = new ProblemList();
  const values = new ProblemList();
  const expected = new Set(data.customers.map((customer) => customer.id));
  const itemIds = new Set(data.items.map((item) => item.id));
  const seen = new Set<string>();
  const outputs: ModelOutput[] = [];

  returned.forEach((entry: unknown, index) => {
    if (!isJsonObject(entry) || typeof entry.customerId !== 'string') {
      coverage.add('output without a string customerId', `#${index}: ${describeValue(entry)}`);
      return;
    }
    const id = entry.customerId;
    if (!expected.has(id)) {
      coverage.add('output for a customer not in the data', id);
      return;
    }
    if (seen.has(id)) {
      coverage.add('more than one output for a customer', id);
      return;
    }
    seen.add(id);

    const output = checkOne(entry, id, plugin, itemIds, values);
    if (output) {
      outputs.push(output);
    }
  });

  const missing = data.customers.filter((customer) => !seen.has(customer.id)).map((customer) => customer.id);
  if (missing.length > 0) {
    coverage.addAll(`no output (outputs cover ${seen.size} of ${expected.size} customers)`, missing);
  }

  const coverageMessages = coverage.messages(plugin.name);
  const valueMessages = values.messages(plugin.name);
  return { outputs, problems: [...coverageMessages, ...valueMessages], coverage: coverageMessages, values: valueMessages };
}

function checkOne(
  entry: Record<string, unknown>,
  id: string,
  plugin: Pick<ModelPlugin, 'kind' | 'scoreRange'>,
  itemIds: ReadonlySet<string>,
  problems: ProblemList,
): ModelOutput | null {
  const before = problems.count;
  const output: ModelOutput = { customerId: id, segment: null, score: null, recommendations: null };

  if (plugin.kind === 'segmenter') {
    if (typeof entry.segment === 'number' && Number.isInteger(entry.segment) && entry.segment >= 0) {
      output.segment = entry.segment;
    } else {
      problems.add('segment that is not a whole number >= 0', `${id}: ${describeValue(entry.segment)}`);
    }
  }

  if (plugin.kind === 'scorer') {
    const range = plugin.scoreRange;
    if (typeof entry.score !== 'number' || !Number.isFinite(entry.score)) {
      problems.add('score that is not a finite number', `${id}: ${describeValue(entry.score)}`);
    } else if (range && (entry.score < range[0] || entry.score > range[1])) {
      problems.add(`score outside [${range[0]}, ${range[1]}]`, `${id}: ${entry.score}`);
    } else {
      output.score = entry.score;
    }
  }

  if (plugin.kind === 'recommender') {
    output.recommendations = checkRecommendations(entry.recommendations, id, itemIds, problems);
    if (entry.coldStart !== undefined) {
      if (typeof entry.coldStart === 'boolean') {
        output.coldStart = entry.coldStart;
      } else {
        problems.add('coldStart that is not true or false', `${id}: ${describeValue(entry.coldStart)}`);
      }
    }
  }

  return problems.count === before ? output : null;
}

function checkRecommendations(
  value: unknown,
  id: string,
  itemIds: ReadonlySet<string>,
  problems: ProblemList,
): RecommendedItem[] | null {
  if (!Array.isArray(value)) {
    problems.add('recommendations that are not a list', `${id}: ${describeValue(value)}`);
    return null;
  }

  const ranked: RecommendedItem[] = [];
  const listed = new Set<string>();
  for (const candidate of value) {
    if (!isJsonObject(candidate) || typeof candidate.itemId !== 'string' || typeof candidate.score !== 'number' || !Number.isFinite(candidate.score)) {
      problems.add('recommendation that is not {itemId: string, score: finite number}', `${id}: ${describeValue(candidate)}`);
      return null;
    }
    // Without a catalogue (a plugin that did not ask for items) existence cannot be checked.
    if (itemIds.size > 0 && !itemIds.has(candidate.itemId)) {
      problems.add('recommended item that does not exist', `${id}: ${candidate.itemId}`);
      return null;
    }
    if (listed.has(candidate.itemId)) {
      problems.add('item recommended twice to one customer', `${id}: ${candidate.itemId}`);
      return null;
    }
    listed.add(candidate.itemId);
    ranked.push({ itemId: candidate.itemId, score: candidate.score });
  }
  return ranked;
}

/** Problems grouped by kind, each with a count and the first few examples. */
class ProblemList {
  private readonly groups = new Map<string, { count: number; examples: string[] }>();
  count = 0;

  add(kind: string, example: string): void {
    this.addAll(kind, [example]);
  }

  addAll(kind: string, examples: readonly string[]): void {
    const group = this.groups.get(kind) ?? { count: 0, examples: [] };
    group.count += examples.length;
    group.examples.push(...examples.slice(0, EXAMPLES - group.examples.length));
    this.groups.set(kind, group);
    this.count += examples.length;
  }

  messages(pluginName: string): string[] {
    return [...this.groups.entries()].map(([kind, group]) => {
      const more = group.count > group.examples.length ? `, ... (${group.count} in all)` : '';
      return `plugin ${pluginName} returned ${kind}: ${group.examples.join(', ')}${more}`;
    });
  }
}
