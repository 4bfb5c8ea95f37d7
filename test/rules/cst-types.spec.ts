import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT, RulesWorker } from './support/rules-worker';

describe('cst-types.ts', () => {
  it('matches the grammar', async () => {
    const worker = RulesWorker.start();
    try {
      const expected = await worker.call('cstTypes');
      const committed = readFileSync(join(PROJECT_ROOT, 'src', 'rules', 'cst-types.ts'), 'utf8');
      // On a mismatch run: npm run build && node dist/src/rules/generate-cst-types.js
      expect(committed).toBe(expected);
    } finally {
      await worker.close();
    }
  });
});
