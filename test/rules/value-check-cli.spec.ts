import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PROJECT_ROOT, requireCompiledCli, runRulecast } from '../cli/run-cli';

const RULES = `campaign "Fish week" {
  schedule every monday at 09:00
  audience score(response) >= 150%
  offer top 2 from recommend(products) where category = "fsh"
  send email "winback"
  cap 1 per 7 days
}
`;

const ITEMS = 'id,title,category,price,currency\nsalmon,Salmon,fish,12.5,EUR\ncod,Cod,fish,8,EUR\nrioja,Rioja,wine,15,EUR\nsteak,Steak,meat,20,EUR\n';

const MODELS = {
  models: {
    response: { plugin: 'logistic-regression', params: { target: 'Response' } },
    products: { plugin: 'collaborative-filtering', params: {} },
  },
};

/** `rulecast check` against a real SQLite store with imported items and the built-in scorer and recommender plugins. */
describe('rulecast check with item values and score ranges', () => {
  let folder: string;
  let env: Record<string, string>;

  beforeAll(() => requireCompiledCli());

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rulecast-value-check-'));
    writeFileSync(join(folder, 'fish.rules'), RULES);
    writeFileSync(join(folder, 'items.csv'), ITEMS);
    writeFileSync(join(folder, 'models.json'), JSON.stringify(MODELS));
    env = {
      RULECAST_DB: join(folder, 'rulecast.db'),
      RULECAST_PLUGINS_DIR: join(PROJECT_ROOT, 'plugins'),
      RULECAST_MODELS_FILE: join(folder, 'models.json'),
      RULECAST_TEMPLATES_DIR: join(PROJECT_ROOT, 'templates'),
      RULECAST_LANG: 'en',
    };
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const check = (args: string[] = []) => runRulecast(['check', '--no-templates', ...args, 'fish.rules'], folder, env);

  it('warns about a category no item has', () => {
    expect(runRulecast(['import', 'items', 'items.csv'], folder, env).status).toBe(0);

    const result = check();

    expect(result.stdout).toContain(
      'fish.rules:4:57: warning RC506: no item has category "fsh", so this condition is never true; ' +
        'did you mean "fish"? known categories: "fish", "meat", "wine"\n' +
        '  4 |   offer top 2 from recommend(products) where category = "fsh"\n' +
        '    |                                                         ^^^^^\n',
    );
    expect(result.stdout).toContain(
      'fish.rules:3:31: warning RC507: scores of model "response" are from 0 to 1 (0% to 100%), so this comparison is never true\n',
    );
    expect(result.stdout).toContain('checked 1 file: 0 errors, 2 warnings\n');
    expect(result.status).toBe(0);
  });

  it('warns in Chinese', () => {
    expect(runRulecast(['import', 'items', 'items.csv'], folder, env).status).toBe(0);

    const result = check(['--lang', 'zh-CN']);

    expect(result.stdout).toContain(
      'fish.rules:4:57: 警告 RC506: 没有商品的 category 是 "fsh"，所以该条件永远不成立；是否想写 "fish"？已有的类别："fish"、"meat"、"wine"\n',
    );
    expect(result.stdout).toContain('fish.rules:3:31: 警告 RC507: 模型 "response" 的分数在 0 到 1 之间（0% 到 100%），所以该比较永远不成立\n');
    expect(result.status).toBe(0);
  });

  it('skips category warnings without items', () => {
    const result = check();

    expect(result.stdout).not.toContain('RC506');
    expect(result.stdout).toContain('RC507');
    expect(result.stdout).toContain('checked 1 file: 0 errors, 1 warning\n');
    expect(result.status).toBe(0);
  });
});
