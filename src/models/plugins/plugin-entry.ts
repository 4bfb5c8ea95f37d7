import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

import { errorMessage } from '../../common/error-message';
import { isJsonObject } from '../parameters/describe-value';

/**
 * Returns the folder that contains Rulecast's package.json, which is the parent of
 * both `src/` and `dist/`, whether this file runs from TypeScript sources or compiled.
 */
export function findProjectRoot(start: string = __dirname): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error(`no package.json above ${start}; Rulecast must run from its project folder`);
    }
    folder = parent;
  }
  return folder;
}

/**
 * Finds the file to load for the plugin folder, trying in order: package.json `main`,
 * index.js, and for a TypeScript plugin inside the project (index.ts only) its
 * compiled counterpart under dist/, which `npm run build` writes. Throws an error
 * that names what is missing.
 */
export function resolvePluginEntry(folder: string, projectRoot: string): string {
  const manifestPath = join(folder, 'package.json');
  if (existsSync(manifestPath)) {
    const main = readPackageMain(manifestPath);
    if (main !== null) {
      const entry = resolveFile(resolve(folder, main));
      if (!entry) {
        throw new Error(`package.json "main" points to ${main}, which does not exist in ${folder}`);
      }
      return entry;
    }
  }

  const indexJs = join(folder, 'index.js');
  if (isFile(indexJs)) {
    return indexJs;
  }

  if (isFile(join(folder, 'index.ts'))) {
    const inside = relative(projectRoot, folder);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`${folder} has index.ts but no index.js; compile the plugin to JavaScript next to it`);
    }
    const compiled = join(projectRoot, 'dist', inside, 'index.js');
    if (!isFile(compiled)) {
      throw new Error(`${folder} has index.ts but its compiled ${compiled} is missing; run "npm run build"`);
    }
    return compiled;
  }

  throw new Error(`${folder} has no package.json "main", index.js or index.ts to load`);
}

function readPackageMain(manifestPath: string): string | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${manifestPath}: ${errorMessage(error)}`);
  }
  if (!isJsonObject(manifest) || manifest.main === undefined) {
    return null;
  }
  if (typeof manifest.main !== 'string') {
    throw new Error(`"main" in ${manifestPath} must be a string path`);
  }
  return manifest.main;
}

/** Returns the file itself, or with .js added, or its index.js when it is a folder, as Node resolves `main`. */
function resolveFile(path: string): string | null {
  for (const candidate of [path, `${path}.js`, join(path, 'index.js')]) {
    if (isFile(candidate)) {
      return candidate;
    }
  }
  return null;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
