/**
 * Runs the compiled rules code (dist/, built by `npm run build`) in a worker thread.
 *
 * Chevrotain 11 ships only as an ES module. Node 20.19 can require it, but jest's own
 * module loader cannot (jest supports that from Node 24.9), so the rules suites cannot
 * import src/rules in-process. They send inputs to this worker and get plain data back:
 * diagnostics, ASTs, formatted text, predicate results on given customers and MongoDB
 * filters.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import type { RulesFileAst } from '../../../src/rules/ast';
import type { Diagnostic } from '../../../src/rules/diagnostic';
import type { FormatResult } from '../../../src/rules/formatter';
import type { RulesReadProblem } from '../../../src/rules/rules-files';
import type { MongoTranslation } from '../../../src/rules/mongo-query';
import type { ScheduleSpec } from '../../../src/scheduler/campaign-schedule';
import type { FrequencyCap } from '../../../src/campaigns/caps';
import type { QuietHoursSpec } from '../../../src/scheduler/quiet-hours';
import type { Customer } from '../../../src/store/entities/customer';
import type { CustomerEvent } from '../../../src/store/entities/event';
import type { Item } from '../../../src/store/entities/item';
import type { ModelOutput } from '../../../src/store/entities/model-run';
import type { CheckOutput } from '../../../src/cli/commands/check.command';
import type { AudienceNeeds, CompiledVariant } from '../../../src/rules/compiled';

export const PROJECT_ROOT = join(__dirname, '..', '..', '..');
const DIST = join(PROJECT_ROOT, 'dist');

/** A catalog as `rulecast check --catalog` reads it. */
export interface CatalogDocument {
  customerAttributes?: Record<string, 'number' | 'string' | 'boolean' | 'date'>;
  itemAttributes?: Record<string, 'number' | 'string' | 'boolean' | 'date'>;
  eventTypes?: string[];
  models?: Record<string, { kind: 'segmenter' | 'scorer' | 'recommender'; labels?: Record<string, number>; scoreRange?: [number, number] }>;
  templates?: string[];
  itemValues?: { category?: string[]; currency?: string[] };
}

export interface Source {
  path: string;
  text: string;
}

export interface CampaignSummary {
  name: string;
  file: string;
  needs: AudienceNeeds;
  schedules: ScheduleSpec[];
  offer: { kind: 'recommend'; model: string; count: number } | { kind: 'items'; itemIds: string[] } | null;
  template: string;
  variants: CompiledVariant[];
  holdout: number;
  cap: FrequencyCap | null;
  quietHours: QuietHoursSpec | null;
  priority: number;
  startDate: string | null;
  endDate: string | null;
  missedRuns: string;
}

export interface CheckSummary {
  errorCount: number;
  warningCount: number;
  diagnostics: Diagnostic[];
  /** Each diagnostic rendered with its caret excerpt, per language. */
  rendered: { en: string[]; 'zh-CN': string[] };
  campaigns: CampaignSummary[];
  /** Segment names in dependency order. */
  segments: string[];
  globalCap: FrequencyCap | null;
}

/** One customer for evaluation; `outputs` maps model name to its output. */
export interface CustomerCase {
  customer: Customer;
  events: CustomerEvent[];
  outputs: Record<string, ModelOutput>;
  now: number;
}

export type PredicateTarget = { campaign: string } | { segment: string };

interface Operations {
  parse(path: string, text: string): { ast: RulesFileAst; diagnostics: Diagnostic[] };
  check(sources: Source[], catalog: CatalogDocument): CheckSummary;
  format(path: string, text: string): FormatResult;
  evaluate(sources: Source[], catalog: CatalogDocument, target: PredicateTarget, cases: CustomerCase[]): boolean[];
  filterItems(sources: Source[], catalog: CatalogDocument, campaign: string, items: Item[], now: number): boolean[];
  mongo(sources: Source[], catalog: CatalogDocument, campaign: string, now: number): MongoTranslation;
  runCheck(input: {
    sources: Source[];
    unreadable: RulesReadProblem[];
    catalog: CatalogDocument;
    templatesDir: string | null;
    lang: 'en' | 'zh-CN';
    format: 'text' | 'json';
  }): CheckOutput;
  cstTypes(): string;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { join } = require('node:path');
const load = (file) => require(join(workerData.dist, file));
const reader = load('src/rules/rules-reader.js');
const checker = load('src/rules/checker.js');
const compiler = load('src/rules/rules-compiler.js');
const formatter = load('src/rules/formatter.js');
const renderer = load('src/rules/diagnostic-renderer.js');
const catalogFile = load('src/rules/catalog-file.js');

function build(sources, catalogDocument) {
  const parsed = sources.map((source) => reader.parseRulesFile(source.path, source.text));
  const result = checker.checkRules(parsed, catalogFile.parseCatalogDocument(catalogDocument, 'test catalog'));
  return { parsed, result, compiled: result.errorCount === 0 ? compiler.compileRules(result) : null };
}

function compiledOrThrow(sources, catalog) {
  const { result, compiled } = build(sources, catalog);
  if (compiled === null) {
    const messages = result.files.flatMap((file) => file.diagnostics.map((d) => d.file + ':' + d.line + ':' + d.column + ' ' + d.message.en));
    throw new Error('rules have errors:\\n' + messages.join('\\n'));
  }
  return compiled;
}

function campaign(compiled, name) {
  const found = compiled.campaigns.find((entry) => entry.name === name);
  if (!found) throw new Error('no campaign named ' + name);
  return found;
}

const operations = {
  parse(path, text) {
    const parsed = reader.parseRulesFile(path, text);
    return { ast: parsed.ast, diagnostics: parsed.diagnostics.list() };
  },
  check(sources, catalog) {
    const { result, compiled } = build(sources, catalog);
    const rendered = { en: [], 'zh-CN': [] };
    for (const file of result.files) {
      for (const diagnostic of file.diagnostics) {
        rendered.en.push(renderer.renderDiagnostic(diagnostic, file.source, 'en'));
        rendered['zh-CN'].push(renderer.renderDiagnostic(diagnostic, file.source, 'zh-CN'));
      }
    }
    const campaigns = (compiled ? compiled.campaigns : []).map((entry) => ({
      name: entry.name, file: entry.file, needs: entry.needs, schedules: entry.schedules,
      offer: entry.offer === null ? null : entry.offer.kind === 'items' ? entry.offer : { kind: 'recommend', model: entry.offer.model, count: entry.offer.count },
      template: entry.template, variants: entry.variants, holdout: entry.holdout, cap: entry.cap, quietHours: entry.quietHours,
      priority: entry.priority, startDate: entry.startDate, endDate: entry.endDate, missedRuns: entry.missedRuns,
    }));
    return {
      errorCount: result.errorCount, warningCount: result.warningCount,
      diagnostics: result.files.flatMap((file) => file.diagnostics), rendered, campaigns,
      segments: result.segments.map((segment) => segment.name), globalCap: result.globalCap,
    };
  },
  format(path, text) {
    return formatter.formatRulesText(path, text);
  },
  evaluate(sources, catalog, target, cases) {
    const compiled = compiledOrThrow(sources, catalog);
    const predicate = target.campaign !== undefined ? campaign(compiled, target.campaign).audience : compiled.segments.get(target.segment);
    if (!predicate) throw new Error('no segment named ' + target.segment);
    return cases.map((entry) => predicate({
      customer: entry.customer, events: entry.events, now: entry.now,
      output: (model) => entry.outputs[model],
    }));
  },
  filterItems(sources, catalog, name, items, now) {
    const offer = campaign(compiledOrThrow(sources, catalog), name).offer;
    if (!offer || offer.kind !== 'recommend') throw new Error('campaign ' + name + ' has no recommended offer');
    return items.map((item) => offer.filter(item, now));
  },
  mongo(sources, catalog, name, now) {
    return campaign(compiledOrThrow(sources, catalog), name).audienceQuery(now);
  },
  runCheck(input) {
    const command = load('src/cli/commands/check.command.js');
    return command.runCheck({ ...input, catalog: catalogFile.parseCatalogDocument(input.catalog, 'test catalog') });
  },
  cstTypes() {
    return load('src/rules/generate-cst-types.js').renderCstTypes();
  },
};

parentPort.on('message', ({ id, operation, args }) => {
  try {
    parentPort.postMessage({ id, ok: true, result: operations[operation](...args) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error && error.stack ? error.stack : String(error) });
  }
});
`;

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** Fails early, with the fix, when dist/ is missing or older than the rules sources. */
function assertBuilt(): void {
  const sourceDir = join(PROJECT_ROOT, 'src', 'rules');
  const distDir = join(DIST, 'src', 'rules');
  if (!existsSync(distDir)) {
    throw new Error(`${distDir} is missing; run "npm run build" before the rules tests`);
  }
  for (const file of readdirSync(sourceDir).filter((name) => name.endsWith('.ts'))) {
    const compiled = join(distDir, file.replace(/\.ts$/, '.js'));
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(join(sourceDir, file)).mtimeMs) {
      throw new Error(`${compiled} is older than src/rules/${file}; run "npm run build" before the rules tests`);
    }
  }
}

export class RulesWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) {
        waiting?.resolve(reply.result);
      } else {
        waiting?.reject(new Error(`rules worker: ${reply.error ?? 'unknown error'}`));
      }
    });
    worker.on('error', (error) => {
      for (const waiting of this.pending.values()) {
        waiting.reject(error);
      }
      this.pending.clear();
    });
  }

  static start(): RulesWorker {
    assertBuilt();
    return new RulesWorker(new Worker(WORKER_SOURCE, { eval: true, workerData: { dist: DIST } }));
  }

  call<K extends keyof Operations>(operation: K, ...args: Parameters<Operations[K]>): Promise<ReturnType<Operations[K]>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // The worker answers with the operation's return value, cloned across the thread boundary.
      this.pending.set(id, { resolve: (value) => resolve(value as ReturnType<Operations[K]>), reject });
      this.worker.postMessage({ id, operation, args });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
