import { createRulesCatalog, CriterionLabelStatus, RulesCatalog } from '../../src/rules/catalog';
import type { AudienceContext } from '../../src/rules/compiled';
import { Diagnostic, diagnosticText } from '../../src/rules/diagnostic';
import { checkAndCompile } from '../../src/rules/rules.service';
import type { ModelOutput } from '../../src/store/entities/model-run';
import { customer } from './support/fixtures';

function catalogWith(criterionLabels: Record<string, CriterionLabelStatus>): RulesCatalog {
  return createRulesCatalog({
    customerAttributes: [['MntWines', 'number']],
    models: [['kmeans', { kind: 'segmenter', labels: [['test group', 5]], criterionLabels: Object.entries(criterionLabels) }]],
    templates: ['winback'],
  });
}

function rules(audience: string): string {
  return `campaign "Wine" {\n  schedule every monday at 09:00 in "UTC"\n  audience ${audience}\n  send email "winback"\n  cap 1 per 7 days\n}\n`;
}

function check(audience: string, catalog: RulesCatalog) {
  return checkAndCompile([{ path: 'wine.rules', text: rules(audience) }], catalog);
}

function diagnostics(audience: string, catalog: RulesCatalog): Diagnostic[] {
  return check(audience, catalog).check.files.flatMap((file) => file.diagnostics);
}

/** Builds the context of one customer in `segment`, with the clusters that the run gives the criterion labels. */
function contextIn(segment: number, clusters: Record<string, number>): AudienceContext {
  const output: ModelOutput = { customerId: 'a', segment, score: null, recommendations: null };
  return {
    customer: customer('a', {}),
    events: [],
    now: Date.UTC(2025, 0, 1),
    output: (model) => (model === 'kmeans' ? output : undefined),
    labelledCluster: (model, label) => (model === 'kmeans' ? clusters[label] ?? null : null),
  };
}

describe('criterion labels in rules', () => {
  const resolved = catalogWith({ 'wine lovers': { state: 'resolved', segment: 2 }, budget: { state: 'resolved', segment: 0 } });

  it('compile to run-time lookups', () => {
    // The catalog gives "wine lovers" cluster 2, but the run's own label decides.
    const { compiled } = check('cluster(kmeans) in ["wine lovers", "test group"]', resolved);
    const campaign = compiled?.campaigns[0];

    expect(campaign?.needs.labels).toEqual([{ model: 'kmeans', label: 'wine lovers' }]);
    expect(campaign?.needs.models).toEqual(['kmeans']);
    expect(campaign?.audience(contextIn(2, { 'wine lovers': 3 }))).toBe(false);
    expect(campaign?.audience(contextIn(3, { 'wine lovers': 3 }))).toBe(true);
    expect(campaign?.audience(contextIn(5, { 'wine lovers': 3 }))).toBe(true);
    expect(campaign?.audience(contextIn(2, {}))).toBe(false);
  });

  it('compare with = and !=', () => {
    const equal = check('cluster(kmeans) = "budget"', resolved).compiled?.campaigns[0];
    const unequal = check('"budget" != cluster(kmeans)', resolved).compiled?.campaigns[0];

    expect(equal?.audience(contextIn(4, { budget: 4 }))).toBe(true);
    expect(equal?.audience(contextIn(0, { budget: 4 }))).toBe(false);
    expect(unequal?.audience(contextIn(0, { budget: 4 }))).toBe(true);
    expect(unequal?.audience(contextIn(4, { budget: 4 }))).toBe(false);
  });

  it('collect labels through segments', () => {
    const text = `segment wine = cluster(kmeans) is "wine lovers"\n${rules('wine or cluster(kmeans) is "budget"')}`;
    const { compiled } = checkAndCompile([{ path: 'wine.rules', text }], resolved);

    expect(compiled?.campaigns[0].needs.labels).toEqual([
      { model: 'kmeans', label: 'budget' },
      { model: 'kmeans', label: 'wine lovers' },
    ]);
  });

  it('resolved labels give no diagnostic', () => {
    expect(diagnostics('cluster(kmeans) is "wine lovers"', resolved)).toEqual([]);
  });

  it('warn before the first training', () => {
    const untrained = catalogWith({ 'wine lovers': { state: 'untrained' } });

    const [warning] = diagnostics('cluster(kmeans) is "wine lovers"', untrained);

    expect(warning).toMatchObject({ severity: 'warning', code: 'RC504', line: 3, column: 31 });
    expect(diagnosticText(warning, 'en')).toBe(
      'model "kmeans" is not trained yet, so label "wine lovers" names a cluster only after the first training; run "rulecast train kmeans"',
    );
    expect(diagnosticText(warning, 'zh-CN')).toBe(
      '模型 "kmeans" 尚未训练，标签 "wine lovers" 要在首次训练后才指向某个分群；请运行 "rulecast train kmeans"',
    );
    expect(check('cluster(kmeans) is "wine lovers"', untrained).compiled?.campaigns[0].needs.labels).toEqual([{ model: 'kmeans', label: 'wine lovers' }]);
  });

  it('warn about a label without cluster', () => {
    const unresolved = catalogWith({ 'wine lovers': { state: 'unresolved', problem: 'it (highest MntWines) has no segment in run 4: no segment has customers' } });

    const [warning] = diagnostics('cluster(kmeans) is "wine lovers"', unresolved);

    expect(warning).toMatchObject({ severity: 'warning', code: 'RC505' });
    expect(diagnosticText(warning, 'en')).toBe(
      'the active run of model "kmeans" gives label "wine lovers" no cluster (it (highest MntWines) has no segment in run 4: no segment has customers), ' +
        'so campaigns that use it fail until a training gives it one; fix the label in models.json if the problem is there, then run "rulecast train kmeans"',
    );
    expect(diagnosticText(warning, 'zh-CN')).toContain('模型 "kmeans" 的当前运行没有为标签 "wine lovers" 指定分群');
  });

  it('reject an undefined label', () => {
    const untrained = catalogWith({ 'wine lovers': { state: 'untrained' } });

    const [error] = diagnostics('cluster(kmeans) is "wine lover"', untrained);

    expect(error).toMatchObject({ severity: 'error', code: 'RC209' });
    expect(diagnosticText(error, 'en')).toBe('model "kmeans" has no cluster labelled "wine lover"; did you mean "wine lovers"?');
    expect(diagnosticText(diagnostics('cluster(kmeans) is "zzz"', untrained)[0], 'en')).toBe(
      'model "kmeans" has no cluster labelled "zzz"; known: test group, wine lovers',
    );
  });
});
