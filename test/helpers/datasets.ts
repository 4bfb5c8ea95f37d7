import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared datasets folder beside the project (`../shared/datasets` from the project root). */
export const DATASETS_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'datasets');

/** Returns the absolute path of a dataset file, or null (after logging why) when it is absent. */
export function datasetFile(relativePath: string): string | null {
  const path = join(DATASETS_DIR, relativePath);
  if (!existsSync(path)) {
    process.stderr.write(`skipping: dataset file ${path} is absent\n`);
    return null;
  }
  return path;
}

/** `describe` when the dataset file exists, otherwise `describe.skip` with a message on stderr. */
export function describeWithDataset(name: string, relativePath: string, body: (path: string) => void): void {
  const path = datasetFile(relativePath);
  if (path === null) {
    describe.skip(`${name} (dataset ${relativePath} absent)`, () => {
      it('needs the dataset', () => undefined);
    });
    return;
  }
  describe(name, () => body(path));
}
