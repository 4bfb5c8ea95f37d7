import { join } from 'node:path';

import { PluginRegistry } from '../../src/models/plugins/plugin-registry';
import { jsPluginSource } from './support/js-plugins';
import { TempFolder } from './support/temp-folder';

const PROJECT_ROOT = join(__dirname, '..', '..');

describe('PluginRegistry', () => {
  let folder: TempFolder;

  beforeEach(() => {
    folder = new TempFolder();
  });

  afterEach(() => folder.remove());

  function discover(packages: string[] = []): PluginRegistry {
    return PluginRegistry.discover({
      pluginsDir: folder.join('plugins'),
      packages,
      projectRoot: folder.path,
      packagePaths: [folder.path],
    });
  }

  it('loads the built-in plugins from dist', () => {
    const registry = PluginRegistry.discover({ pluginsDir: join(PROJECT_ROOT, 'plugins'), projectRoot: PROJECT_ROOT });

    expect(registry.names()).toEqual(expect.arrayContaining(['kmeans', 'logistic-regression']));
    expect(registry.get('kmeans')?.entryPath).toBe(join(PROJECT_ROOT, 'dist', 'plugins', 'kmeans', 'index.js'));
    expect(registry.get('kmeans')?.plugin.kind).toBe('segmenter');
    expect(registry.get('logistic-regression')?.plugin.kind).toBe('scorer');
  });

  it('loads index.js, package.json main and a package', () => {
    folder.write('plugins/plain/index.js', jsPluginSource({ name: 'plain' }));
    folder.write('plugins/packaged/package.json', JSON.stringify({ name: 'packaged', main: 'lib/entry.js' }));
    folder.write('plugins/packaged/lib/entry.js', jsPluginSource({ name: 'packaged' }));
    folder.write('node_modules/rulecast-plugin-churn/package.json', JSON.stringify({ name: 'rulecast-plugin-churn', main: 'main.js' }));
    folder.write('node_modules/rulecast-plugin-churn/main.js', jsPluginSource({ name: 'churn' }));

    const registry = discover(['rulecast-plugin-churn']);

    expect(registry.failures).toEqual([]);
    expect(registry.names()).toEqual(['churn', 'packaged', 'plain']);
    expect(registry.get('packaged')?.entryPath).toBe(folder.join('plugins', 'packaged', 'lib', 'entry.js'));
    expect(registry.get('churn')?.origin).toBe('package rulecast-plugin-churn');
  });

  it('loads a default export', () => {
    const source = jsPluginSource({ name: 'defaulted' }).replace('module.exports = {\n  plugin:', 'module.exports = {\n  default:');
    folder.write('plugins/defaulted/index.js', source);

    expect(discover().names()).toEqual(['defaulted']);
  });

  it('continues after a throwing plugin', () => {
    folder.write('plugins/broken/index.js', "throw new Error('missing native module');");
    folder.write('plugins/good/index.js', jsPluginSource({ name: 'good' }));

    const registry = discover();

    expect(registry.names()).toEqual(['good']);
    expect(registry.failures).toEqual([
      { origin: folder.join('plugins', 'broken'), error: 'cannot load: missing native module' },
    ]);
    expect(registry.failureFor('broken')?.error).toBe('cannot load: missing native module');
  });

  it('rejects both plugins that share a name', () => {
    folder.write('plugins/first/index.js', jsPluginSource({ name: 'twin' }));
    folder.write('plugins/second/index.js', jsPluginSource({ name: 'twin' }));

    const registry = discover();

    expect(registry.names()).toEqual([]);
    const origins = `${folder.join('plugins', 'first')} and ${folder.join('plugins', 'second')}`;
    expect(registry.failures.map((failure) => failure.error)).toEqual([
      `plugin name "twin" is used by ${origins}; rename one of them`,
      `plugin name "twin" is used by ${origins}; rename one of them`,
    ]);
    expect(registry.failureFor('twin')).toBeDefined();
  });

  it('rejects an invalid manifest with each problem', () => {
    const source = jsPluginSource({ name: 'Bad Name', kind: 'recommender' })
      .replace('async train(data, params, progress) {', 'async fit(data, params, progress) {')
      .replace("scale: { type: 'number', default: 1, min: 0, description: 'Multiplier' }", "scale: { type: 'float', description: 'Multiplier' }");
    folder.write('plugins/bad/index.js', source);

    const [failure] = discover().failures;

    expect(failure.error).toContain('invalid plugin manifest in');
    expect(failure.error).toContain('name must be lower-case letters, digits, ".", "_" or "-", got "Bad Name" (string)');
    expect(failure.error).toContain('train must be a function, got nothing');
    expect(failure.error).toContain('parameters: parameter scale: type must be one of number, integer, string, boolean, string[], number[], got "float" (string)');
  });

  it('rejects a module without a plugin export', () => {
    folder.write('plugins/empty/index.js', 'module.exports = { helper() {} };');

    expect(discover().failures[0].error).toBe(`${folder.join('plugins', 'empty', 'index.js')} exports no plugin; export it as default or as "plugin"`);
  });

  it('asks to build an uncompiled plugin', () => {
    folder.write('plugins/typed/index.ts', 'export default {};');

    expect(discover().failures[0].error).toBe(
      `cannot load: ${folder.join('plugins', 'typed')} has index.ts but its compiled ${folder.join('dist', 'plugins', 'typed', 'index.js')} is missing; run "npm run build"`,
    );
  });

  it('rejects a missing package.json main', () => {
    folder.write('plugins/moved/package.json', JSON.stringify({ main: 'build/index.js' }));

    expect(discover().failures[0].error).toBe(
      `cannot load: package.json "main" points to build/index.js, which does not exist in ${folder.join('plugins', 'moved')}`,
    );
  });

  it('reports a package that is not installed', () => {
    const registry = discover(['rulecast-plugin-absent']);

    expect(registry.failureFor('rulecast-plugin-absent')?.error).toMatch(/^cannot load: Cannot (find|resolve) module 'rulecast-plugin-absent'/);
  });

  it('loads nothing from a missing plugins folder', () => {
    const registry = discover();

    expect(registry.names()).toEqual([]);
    expect(registry.failures).toEqual([]);
  });
});
