import { Logger } from '@nestjs/common';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

import { errorMessage } from '../../common/error-message';
import type { ModelPlugin } from '../../plugin-api';
import { checkManifest, isModelPlugin, pluginExport } from './plugin-manifest';
import { findProjectRoot, resolvePluginEntry } from './plugin-entry';

/** A plugin that loaded and passed the manifest check. */
export interface LoadedPlugin {
  plugin: ModelPlugin;
  /** Absolute path of the file that was loaded; training workers load it again. */
  entryPath: string;
  /** Source of the plugin: its folder, or `package <name>`. */
  origin: string;
}

/** A plugin folder or package that could not be used, with the reason. */
export interface PluginLoadFailure {
  origin: string;
  /** The plugin name, when the failure is a duplicate name. */
  name?: string;
  error: string;
}

export interface DiscoveryOptions {
  /** Folder whose subfolders are plugins; a missing folder means no folder plugins. */
  pluginsDir: string;
  /** npm package names to load by require, from models.json `package` entries. */
  packages?: readonly string[];
  /** Folder that contains `dist/` for TypeScript plugins; by default Rulecast's own folder. */
  projectRoot?: string;
  /** Folders searched for packages; defaults to the current directory and the project. */
  packagePaths?: readonly string[];
}

/**
 * The one place plugin names live. Discovery loads every plugin folder and package.
 * A plugin that fails to load or breaks the contract is recorded as a failure and
 * logged, and the others still load. Two plugins with one name are both rejected,
 * because choosing one would be arbitrary.
 */
export class PluginRegistry {
  private readonly logger = new Logger(PluginRegistry.name);
  private readonly plugins = new Map<string, LoadedPlugin>();
  private readonly failureList: PluginLoadFailure[] = [];

  static discover(options: DiscoveryOptions): PluginRegistry {
    const registry = new PluginRegistry();
    registry.discover(options);
    return registry;
  }

  /** Builds a registry from plugins already in memory (tests, verify). */
  static of(plugins: readonly LoadedPlugin[]): PluginRegistry {
    const registry = new PluginRegistry();
    registry.register(plugins);
    return registry;
  }

  get(name: string): LoadedPlugin | undefined {
    return this.plugins.get(name);
  }

  list(): LoadedPlugin[] {
    return [...this.plugins.values()].sort((a, b) => a.plugin.name.localeCompare(b.plugin.name));
  }

  names(): string[] {
    return this.list().map((loaded) => loaded.plugin.name);
  }

  get failures(): readonly PluginLoadFailure[] {
    return this.failureList;
  }

  /**
   * Returns the failure recorded for a plugin name, a package, or a plugin folder of
   * that name, if any. A folder that failed to load has no known plugin name, so its
   * folder name stands in.
   */
  failureFor(nameOrPackage: string): PluginLoadFailure | undefined {
    return this.failureList.find(
      (failure) =>
        failure.name === nameOrPackage ||
        failure.origin === `package ${nameOrPackage}` ||
        basename(failure.origin) === nameOrPackage,
    );
  }

  private discover(options: DiscoveryOptions): void {
    const projectRoot = options.projectRoot ?? findProjectRoot();
    const loaded: LoadedPlugin[] = [];

    for (const folder of pluginFolders(options.pluginsDir, this.logger)) {
      const result = loadFromFile(() => resolvePluginEntry(folder, projectRoot), folder);
      if ('error' in result) {
        this.fail(result);
      } else {
        loaded.push(result);
      }
    }

    const searchPaths = options.packagePaths ?? [process.cwd(), projectRoot];
    for (const name of new Set(options.packages ?? [])) {
      const origin = `package ${name}`;
      const result = loadFromFile(() => require.resolve(name, { paths: [...searchPaths] }), origin);
      if ('error' in result) {
        this.fail(result);
      } else {
        loaded.push(result);
      }
    }

    this.register(loaded);
    this.logger.log(
      `loaded ${this.plugins.size} model plugins (${this.names().join(', ') || 'none'}); ${this.failureList.length} failed`,
    );
  }

  private register(candidates: readonly LoadedPlugin[]): void {
    const byName = new Map<string, LoadedPlugin[]>();
    for (const candidate of candidates) {
      const group = byName.get(candidate.plugin.name) ?? [];
      group.push(candidate);
      byName.set(candidate.plugin.name, group);
    }

    for (const [name, group] of byName) {
      if (group.length === 1) {
        this.plugins.set(name, group[0]);
        continue;
      }
      const origins = group.map((loaded) => loaded.origin).join(' and ');
      for (const loaded of group) {
        this.fail({ origin: loaded.origin, name, error: `plugin name "${name}" is used by ${origins}; rename one of them` });
      }
    }
  }

  private fail(failure: PluginLoadFailure): void {
    this.failureList.push(failure);
    this.logger.error(`failed to load model plugin from ${failure.origin}: ${failure.error}`);
  }
}

/** Loads one plugin; returns a failure in place of throwing. */
export function loadFromFile(resolveEntry: () => string, origin: string): LoadedPlugin | PluginLoadFailure {
  let entryPath: string;
  let candidate: unknown;
  try {
    entryPath = resolveEntry();
    candidate = pluginExport(require(entryPath));
  } catch (error) {
    return { origin, error: `cannot load: ${errorMessage(error)}` };
  }

  if (candidate === undefined) {
    return { origin, error: `${entryPath} exports no plugin; export it as default or as "plugin"` };
  }
  if (!isModelPlugin(candidate)) {
    return { origin, error: `invalid plugin manifest in ${entryPath}: ${checkManifest(candidate).join('; ')}` };
  }
  return { plugin: candidate, entryPath, origin };
}

function pluginFolders(pluginsDir: string, logger: Logger): string[] {
  if (!existsSync(pluginsDir)) {
    logger.warn(`plugins folder ${pluginsDir} does not exist; no folder plugins loaded`);
    return [];
  }
  return readdirSync(pluginsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => join(pluginsDir, entry.name))
    .sort();
}
