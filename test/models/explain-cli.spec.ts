import { join } from 'node:path';

import { requireCompiledCli, runRulecast } from '../cli/run-cli';
import { NEWCOMER, PROJECT_PLUGINS, seedExplainShop, writeModels } from './support/explain-shop';
import { openTestStore } from './support/store-fixture';
import { TempFolder } from './support/temp-folder';

const RULES = `
campaign "Top picks" {
  schedule every monday at 09:00 in "Europe/Berlin"
  audience count(purchase) >= 1
  offer top 2 from recommend(products)
  send email "note"
}

campaign "First picks" {
  schedule every monday at 09:00 in "Europe/Berlin"
  audience count(purchase) = 0
  offer top 3 from recommend(products)
  send email "note"
}

campaign "Wine pair" {
  schedule every monday at 09:00 in "Europe/Berlin"
  audience count(purchase) >= 1
  offer items "wines-1", "wines-2"
  send email "note"
}

campaign "Plain news" {
  schedule every monday at 09:00 in "Europe/Berlin"
  audience count(purchase) >= 1
  send email "note"
}
`;

const HEADER = /^model products, run 1 \(collaborative-filtering 1\.0\.0, data up to 2025-03-01T00:00:00\.000Z\), customer 100002:\n/;

/** `rulecast explain`, the reasons in `rulecast preview --customer` and `plugin verify --lang`, on the compiled CLI. */
describe('explain commands', () => {
  let folder: TempFolder;
  let env: Record<string, string>;

  beforeAll(async () => {
    requireCompiledCli();
    folder = new TempFolder();
    writeModels(folder);
    folder.write('rules/shop.rules', RULES);
    folder.write('templates/note/subject.hbs', 'News for you');
    folder.write('templates/note/body.html.hbs', '<p>News</p>');
    folder.write('templates/note/body.txt.hbs', 'News');
    const store = openTestStore(folder.path);
    await seedExplainShop(store);
    await store.store.close();
    env = {
      RULECAST_DB: folder.join('rulecast.db'),
      RULECAST_PLUGINS_DIR: PROJECT_PLUGINS,
      RULECAST_MODELS_FILE: folder.join('models.json'),
      RULECAST_RULES_DIR: folder.join('rules'),
      RULECAST_TEMPLATES_DIR: folder.join('templates'),
      RULECAST_UNSUBSCRIBE_SECRET: 'explain-test-secret-0123456789',
      RULECAST_LANG: 'en',
    };

    const trained = runRulecast(['train', 'products'], folder.path, env);
    expect(trained.stdout).toMatch(/^products: run 1 succeeded/);
  });

  afterAll(() => folder.remove());

  const rulecast = (args: string[], extra: Record<string, string> = {}) => runRulecast(args, folder.path, { ...env, ...extra });

  /** Item ids in the `offers:` line of a customer preview. */
  const offeredIds = (stdout: string): string[] => [...(/^offers: (.*)$/m.exec(stdout)?.[1] ?? '').matchAll(/\(([^)]+)\)/g)].map((match) => match[1]);

  describe('rulecast explain', () => {
    it('prints the reasons in English', () => {
      const result = rulecast(['explain', 'products', '100002']);

      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(HEADER);
      const lines = result.stdout.split('\n').slice(1, -1);
      expect(lines).toHaveLength(3);
      for (const line of lines) {
        expect(line).toMatch(/^ {2}'[^']+' \([^)]+\) scores \d+\.\d{3} because of similar items you have: /);
      }
    });

    it('prints JSON in Chinese', () => {
      const result = rulecast(['explain', 'products', NEWCOMER, '--json'], { RULECAST_LANG: 'zh-CN' });

      expect(result.status).toBe(0);
      const explanation = JSON.parse(result.stdout);
      expect(explanation).toMatchObject({ model: 'products', customerId: NEWCOMER, runId: 1, lang: 'zh-CN' });
      expect(explanation.reasons).toHaveLength(1);
      expect(explanation.reasons[0]).toMatch(/^客户 newcomer 没有可用的“purchase”记录，因此改为推荐最热门的商品：/);
    });

    it.each([
      ['prodcts', '100002', /^rulecast: unknown model "prodcts" \(configured: .*\); did you mean "products"\?\n$/],
      ['products', 'ghost', /^rulecast: no customer with id 'ghost'; customer ids are the id column of the imported customer file\n$/],
      ['untrained', '100002', /^rulecast: model "untrained" has no successful training run to explain; train it with "rulecast train untrained"\n$/],
      ['segments', '100002', /^rulecast: model "segments" uses plugin kmeans, which has no explain\(\), so it gives no reasons; /],
      ['missing', '100002', /^rulecast: model "missing" uses plugin "nope", which is not available: /],
    ])('rejects model %s for customer %s', (model, customerId, message) => {
      const result = rulecast(['explain', model, customerId]);

      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    });
  });

  describe('rulecast preview --customer', () => {
    it('lists the reasons for the offered items', () => {
      const result = rulecast(['preview', 'top-picks', '--customer', '100002', '--out', folder.join('previews', 'top')]);

      expect(result.status).toBe(0);
      const offered = offeredIds(result.stdout);
      expect(offered).toHaveLength(2);
      const reasons = result.stdout.split('reasons from model products:\n')[1]?.split('\n').filter((line) => line.startsWith('  ')) ?? [];
      expect(reasons).toHaveLength(offered.length);
      offered.forEach((itemId, rank) => {
        expect(reasons[rank]).toMatch(new RegExp(`^ {2}'[^']+' \\(${itemId}\\) scores `));
      });
    });

    it('includes the reasons in JSON', () => {
      const result = rulecast(['preview', 'top-picks', '--customer', '100002', '--json', '--out', folder.join('previews', 'json')], {
        RULECAST_LANG: 'zh-CN',
      });

      expect(result.status).toBe(0);
      const placement = JSON.parse(result.stdout);
      expect(placement.reasons.model).toBe('products');
      expect(placement.reasons.unavailable).toBeNull();
      expect(placement.reasons.lines).toHaveLength(placement.offers.length);
      placement.offers.forEach((offer: { id: string }, rank: number) => {
        expect(placement.reasons.lines[rank]).toMatch(new RegExp(`^“[^”]+”（${offer.id}） 得分 `));
      });
    });

    it('explains a cold-start customer', () => {
      const result = rulecast(['preview', 'first-picks', '--customer', NEWCOMER, '--out', folder.join('previews', 'cold')]);

      expect(result.status).toBe(0);
      expect(offeredIds(result.stdout)).toHaveLength(3);
      expect(result.stdout).toMatch(
        /\nreasons from model products:\n {2}No usable 'purchase' history for customer newcomer, so these are the most popular items: /,
      );
    });

    it('prints no reasons for fixed items', () => {
      const result = rulecast(['preview', 'wine-pair', '--customer', '100002', '--out', folder.join('previews', 'fixed')]);
      const json = rulecast(['preview', 'wine-pair', '--customer', '100002', '--json', '--out', folder.join('previews', 'fixed')]);

      expect(result.status).toBe(0);
      expect(offeredIds(result.stdout)).toEqual(['wines-1', 'wines-2']);
      expect(result.stdout).not.toContain('reasons');
      expect(JSON.parse(json.stdout).reasons).toBeNull();
    });

    it('prints no reasons without an offer', () => {
      const result = rulecast(['preview', 'plain-news', '--customer', '100002', '--out', folder.join('previews', 'none')]);
      const json = rulecast(['preview', 'plain-news', '--customer', '100002', '--json', '--out', folder.join('previews', 'none')]);

      expect(result.status).toBe(0);
      expect(result.stdout).toContain('offers: none (the campaign makes no offer)\n');
      expect(result.stdout).not.toContain('reasons');
      expect(JSON.parse(json.stdout).reasons).toBeNull();
    });
  });

  describe('rulecast plugin verify', () => {
    const plugin = join(PROJECT_PLUGINS, 'collaborative-filtering');

    it('explains in the configured language', () => {
      const result = rulecast(['plugin', 'verify', plugin], { RULECAST_LANG: 'zh-CN' });

      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^PASS {2}explain: \S+: .*(得分|最热门)/m);
    });

    it('explains in the --lang language', () => {
      const result = rulecast(['plugin', 'verify', plugin, '--lang', 'en'], { RULECAST_LANG: 'zh-CN' });

      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^PASS {2}explain: \S+: .*(scores|most popular)/m);
      expect(result.stdout).not.toMatch(/得分|最热门/);
    });

    it('rejects an unknown --lang', () => {
      const result = rulecast(['plugin', 'verify', plugin, '--lang', 'fr']);

      expect(result.status).toBe(1);
      expect(result.stderr).toContain('unknown language "fr"; use en or zh-CN');
    });
  });
});
