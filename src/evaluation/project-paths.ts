import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Finds the folder with Rulecast's package.json by walking up from this file, so that
 * paths resolve the same from src/ (tests) and from dist/src/ (compiled CLI).
 */
export function projectRoot(): string {
  let folder = __dirname;
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && isRulecastManifest(manifest)) {
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error(`no Rulecast package.json above ${__dirname}; run from a Rulecast checkout`);
    }
    folder = parent;
  }
}

/** Returns the shared data sets folder, a sibling of the project root. */
export function sharedDatasetsFolder(): string {
  return resolve(projectRoot(), '..', 'shared', 'datasets');
}

/** MovieLens "latest small" ratings, the default data of `rulecast evaluate`. */
export function defaultRatingsPath(): string {
  return join(sharedDatasetsFolder(), 'movielens-latest-small', 'ratings.csv');
}

function isRulecastManifest(path: string): boolean {
  try {
    const manifest: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof manifest === 'object' && manifest !== null && 'name' in manifest && manifest.name === 'rulecast';
  } catch {
    return false;
  }
}
