import { join } from 'node:path';

import { verifyPlugin, VerifyReport } from '../../src/models/verify/plugin-verifier';
import { requireCompiledCli, runRulecast } from '../cli/run-cli';
import { jsPluginSource } from './support/js-plugins';
import { TempFolder } from './support/temp-folder';

const PROJECT_ROOT = join(__dirname, '..', '..');

function statuses(report: VerifyReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [check.name, check.status]));
}

function detailOf(report: VerifyReport, name: string): string {
  return report.checks.find((check) => check.name === name)?.detail ?? '';
}

describe('verifyPlugin', () => {
  let folder: TempFolder;

  beforeEach(() => {
    folder = new TempFolder();
  });

  afterEach(() => folder.remove());

  function pluginAt(name: string, source: string): string {
    folder.write(`plugins/${name}/index.js`, source);
    return folder.join('plugins', name);
  }

  it.each(['kmeans', 'logistic-regression'])('passes the built-in %s plugin', async (name) => {
    const report = await verifyPlugin(join(PROJECT_ROOT, 'plugins', name), { projectRoot: PROJECT_ROOT });

    expect(report.checks.filter((check) => check.status === 'fail')).toEqual([]);
    expect(report.passed).toBe(true);
    expect(statuses(report)).toMatchObject({
      'output for every customer': 'pass',
      'types and ranges': 'pass',
      'predicts unseen customers': 'pass',
      'JSON round trip': 'pass',
      deterministic: 'pass',
    });
  });

  it('passes a well-behaved JavaScript plugin', async () => {
    const report = await verifyPlugin(pluginAt('good', jsPluginSource({ name: 'good' })));

    expect(report.plugin).toBe('good 0.0.1 (scorer)');
    expect(report.passed).toBe(true);
    expect(detailOf(report, 'output for every customer')).toBe('60 outputs');
  });

  it('fails a plugin whose training is random', async () => {
    const source = jsPluginSource({
      name: 'random',
      train: `return { model: { offset: Math.random() / 10 }, metrics: {} };`,
      predict: `return data.customers.map((c) => ({ customerId: c.id, segment: null, score: model.offset, recommendations: null }));`,
    });

    const report = await verifyPlugin(pluginAt('random', source));

    expect(report.passed).toBe(false);
    expect(statuses(report)).toMatchObject({ deterministic: 'fail', 'JSON round trip': 'pass' });
    expect(detailOf(report, 'deterministic')).toBe('the model artifact differs');
  });

  it('fails a model that JSON does not carry', async () => {
    const source = jsPluginSource({
      name: 'mapped',
      train: `return { model: { byId: new Map(data.customers.map((c, i) => [c.id, (i % 10) / 10])) }, metrics: {} };`,
      predict: `return data.customers.map((c) => ({
        customerId: c.id, segment: null, recommendations: null,
        score: model.byId instanceof Map ? model.byId.get(c.id) ?? 0.5 : 0.5,
      }));`,
    });

    const report = await verifyPlugin(pluginAt('mapped', source));

    expect(statuses(report)).toMatchObject({ 'JSON round trip': 'fail', 'types and ranges': 'pass' });
    expect(detailOf(report, 'JSON round trip')).toBe(
      'predictions from the model object and from its JSON copy differ at outputs[0].score: 0 then 0.5',
    );
  });

  it('fails half outputs and fractional segments', async () => {
    const source = jsPluginSource({
      name: 'sloppy',
      kind: 'segmenter',
      predict: `return data.customers.slice(0, data.customers.length / 2)
        .map((c) => ({ customerId: c.id, segment: 1.5, score: null, recommendations: null }));`,
    });

    const report = await verifyPlugin(pluginAt('sloppy', source));

    expect(statuses(report)).toMatchObject({ 'output for every customer': 'fail', 'types and ranges': 'fail' });
    expect(detailOf(report, 'output for every customer')).toBe(
      'plugin sloppy returned no output (outputs cover 30 of 60 customers): v031, v032, v033, ... (30 in all)',
    );
    expect(detailOf(report, 'types and ranges')).toMatch(/^plugin sloppy returned segment that is not a whole number >= 0: v001: 1\.5 \(number\)/);
  });

  it('fails predicting unseen customers', async () => {
    const source = jsPluginSource({
      name: 'memorizing',
      train: `return { model: { known: data.customers.map((c) => c.id) }, metrics: {} };`,
      predict: `return data.customers.map((c) => {
        if (!model.known.includes(c.id)) { throw new Error('unknown customer ' + c.id); }
        return { customerId: c.id, segment: null, score: 0.5, recommendations: null };
      });`,
    });

    const report = await verifyPlugin(pluginAt('memorizing', source));

    expect(statuses(report)).toMatchObject({ trains: 'pass', 'predicts unseen customers': 'fail' });
    expect(detailOf(report, 'predicts unseen customers')).toBe('predict threw: unknown customer v061');
  });

  it('fails a missing required parameter', async () => {
    const source = jsPluginSource({ name: 'targeted' }).replace(
      "scale: { type: 'number', default: 1, min: 0, description: 'Multiplier' },",
      "target: { type: 'string', required: true, description: 'Attribute to predict' },",
    );

    const report = await verifyPlugin(pluginAt('targeted', source));

    expect(statuses(report)).toMatchObject({ parameters: 'fail', trains: 'skip' });
    expect(detailOf(report, 'parameters')).toBe(
      `parameter target is required by plugin targeted: Attribute to predict; pass values with --params '{"name": value}'`,
    );
    expect((await verifyPlugin(folder.join('plugins', 'targeted'), { params: { target: 'converted' } })).passed).toBe(true);
  });

  it('fails a training that runs past the time limit', async () => {
    const report = await verifyPlugin(pluginAt('looping', jsPluginSource({ name: 'looping', train: 'for (;;) {}' })), { timeLimitMs: 500 });

    expect(statuses(report)).toMatchObject({ trains: 'fail', deterministic: 'skip' });
    expect(detailOf(report, 'trains')).toMatch(/^training timed out after 0\.5 s/);
  });

  it('fails a path without a plugin', async () => {
    const report = await verifyPlugin(folder.join('nothing-here'));

    expect(statuses(report)).toMatchObject({ loads: 'fail', manifest: 'skip' });
    expect(detailOf(report, 'loads')).toBe(`${folder.join('nothing-here')} does not exist; give a plugin folder or its entry file`);
  });

  it('fails an invalid manifest', async () => {
    const report = await verifyPlugin(pluginAt('kindless', jsPluginSource({ name: 'kindless' }).replace("kind: \"scorer\",", 'kind: "ranker",')));

    expect(statuses(report)).toMatchObject({ loads: 'pass', manifest: 'fail', parameters: 'skip' });
    expect(detailOf(report, 'manifest')).toBe('kind must be one of segmenter, scorer, recommender, got "ranker" (string)');
  });
});

describe('rulecast plugin verify', () => {
  let folder: TempFolder;

  beforeAll(() => requireCompiledCli());

  beforeEach(() => {
    folder = new TempFolder();
  });

  afterEach(() => folder.remove());

  it('prints each check and exits 0 for a valid plugin', () => {
    const result = runRulecast(['plugin', 'verify', join(PROJECT_ROOT, 'plugins', 'kmeans')], folder.path);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('plugin: kmeans 1.0.0 (segmenter)');
    expect(result.stdout).toContain('PASS  deterministic: two trainings with seed 42 gave the same model and outputs');
    expect(result.stdout).toContain('SKIP  explain: the plugin has no explain()');
    expect(result.stdout).toMatch(/all checks passed\n$/);
  });

  it('exits 1 and names the failed checks', () => {
    const source = jsPluginSource({
      name: 'random',
      train: `return { model: { offset: Math.random() / 10 }, metrics: {} };`,
      predict: `return data.customers.map((c) => ({ customerId: c.id, segment: null, score: model.offset, recommendations: null }));`,
    });
    folder.write('plugins/random/index.js', source);

    const result = runRulecast(['plugin', 'verify', 'plugins/random'], folder.path);

    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAIL  deterministic: the model artifact differs');
    expect(result.stderr).toBe('rulecast: plugin verify failed: deterministic\n');
  });

  it('rejects --params that are not a JSON object', () => {
    const result = runRulecast(['plugin', 'verify', join(PROJECT_ROOT, 'plugins', 'kmeans'), '--params', '[4]'], folder.path);

    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`rulecast: --params must be a JSON object such as '{"k": 4}', got [4]\n`);
  });
});
