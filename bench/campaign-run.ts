/**
 * A campaign run over generated customers: total time, customers per second per stage
 * and peak memory, beside a plain loop doing the same steps without the engine, and
 * json-rules-engine evaluating the same audience condition.
 *
 * Each phase runs in its own child process, so its peak memory is its own:
 *   generate      customers with events, 40 items, a scorer and a recommender in SQLite
 *   dry run       the engine's dry run: audience, offers, caps, rendering of every email
 *   run           the engine's run: the same, plus the send log and .eml files in the outbox
 *   plain loop    the peer: plain SQL, the condition by hand, the same templates, .eml files
 *   condition     the compiled audience predicate against json-rules-engine, in memory
 *
 * Run: npm run build && node dist/bench/campaign-run.js [customers] [--events N] [--keep]
 * (defaults: 1,000,000 customers, 10 events each). The data and the emails go to a
 * temporary folder, removed at the end unless --keep is given. To repeat phases on a
 * kept folder: --folder DIR --only plain,condition (the engine run needs a fresh folder,
 * because its slot has run there already).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { RunSummary } from '../src/campaigns/run/run-summary';
import type { StageFigures } from '../src/campaigns/run/stage-timer';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store';
import { PhaseResult, peakRssMiB } from './campaign-run/bench-setup';
import { generateBenchShop } from './campaign-run/bench-shop';
import { runEnginePhase } from './campaign-run/engine-phase';
import { runPlainLoop } from './campaign-run/plain-loop';
import { runRulesEnginePeer } from './campaign-run/rules-engine-peer';

const CONDITION_SAMPLE = 100_000;
const number = new Intl.NumberFormat('en-US');

const PHASES = ['generate', 'dry-run', 'run', 'plain', 'condition'] as const;
type PhaseName = (typeof PHASES)[number];

async function runPhase(name: PhaseName, folder: string, customers: number, events: number): Promise<PhaseResult> {
  switch (name) {
    case 'generate': {
      const store = openSqliteStore(join(folder, 'rulecast.db'));
      const started = performance.now();
      let reported = 0;
      await generateBenchShop(store, customers, events, Date.now(), (written) => {
        if (written - reported >= customers / 10 || written === customers) {
          reported = written;
          process.stdout.write(`  generated ${number.format(written)} of ${number.format(customers)} customers (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
        }
      });
      await store.store.close();
      return { phase: 'generate', milliseconds: performance.now() - started, peakRssMiB: peakRssMiB(), figures: {} };
    }
    case 'dry-run':
      return runEnginePhase(folder, true);
    case 'run':
      return runEnginePhase(folder, false);
    case 'plain':
      return runPlainLoop(folder);
    case 'condition':
      return runRulesEnginePeer(folder, Math.min(customers, CONDITION_SAMPLE));
  }
}

function inChild(name: PhaseName, folder: string, customers: number, events: number): Promise<PhaseResult> {
  const child = fork(__filename, ['--phase', name, folder, String(customers), String(events)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let result: PhaseResult | null = null;
    child.on('message', (message: PhaseResult) => {
      result = message;
    });
    child.once('error', reject);
    child.once('exit', (code) => (result !== null && code === 0 ? resolve(result) : reject(new Error(`phase ${name} exited with code ${code}`))));
  });
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

function stageLine(stage: string, figures: StageFigures | undefined): string {
  if (figures === undefined) {
    return `  ${stage.padEnd(10)} -`;
  }
  return `  ${stage.padEnd(10)} ${number.format(figures.customers).padStart(11)} in ${seconds(figures.milliseconds).padStart(9)}  ${number.format(figures.perSecond ?? 0).padStart(10)} /s`;
}

function isSummary(figures: Record<string, unknown>): figures is RunSummary & Record<string, unknown> {
  return typeof figures.stages === 'object' && figures.stages !== null && typeof figures.outcomes === 'object';
}

function printEngine(result: PhaseResult): void {
  const { figures } = result;
  if (!isSummary(figures)) {
    return;
  }
  process.stdout.write(`\n${result.phase}: ${seconds(result.milliseconds)} in total, peak RSS ${number.format(result.peakRssMiB)} MiB\n`);
  process.stdout.write(`  audience ${number.format(figures.audience.matched)} of ${number.format(figures.audience.read)}; outcomes ${JSON.stringify(figures.outcomes)}\n`);
  for (const [stage, stageFigures] of Object.entries(figures.stages)) {
    process.stdout.write(`${stageLine(stage, stageFigures)}\n`);
  }
  if (typeof figures.emails === 'number') {
    process.stdout.write(`  .eml files in the outbox: ${number.format(figures.emails)}\n`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--phase') {
    const name = PHASES.find((phase) => phase === args[1]);
    if (name === undefined) {
      throw new Error(`unknown phase '${args[1]}'; expected one of ${PHASES.join(', ')}`);
    }
    const result = await runPhase(name, args[2], Number(args[3]), Number(args[4]));
    process.send?.(result);
    return;
  }

  const option = (name: string): string | undefined => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const customers = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1_000_000);
  const events = Number(option('--events') ?? 10);
  const given = option('--folder');
  const only = option('--only')?.split(',');
  const runs = (phase: PhaseName): boolean => only === undefined || only.includes(phase);
  const folder = given ?? mkdtempSync(join(tmpdir(), 'rulecast-bench-campaign-'));
  process.stdout.write(`campaign run benchmark: ${number.format(customers)} customers, ${events} events each, in ${folder}\n`);
  process.stdout.write(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n\n`);

  try {
    if (given === undefined) {
      const generated = await inChild('generate', folder, customers, events);
      process.stdout.write(`generate: ${seconds(generated.milliseconds)}, peak RSS ${number.format(generated.peakRssMiB)} MiB\n`);
    }
    if (runs('dry-run')) {
      printEngine(await inChild('dry-run', folder, customers, events));
    }
    const run = runs('run') ? await inChild('run', folder, customers, events) : null;
    if (run !== null) {
      printEngine(run);
    }
    if (!runs('plain')) {
      return;
    }

    const plain = await inChild('plain', folder, customers, events);
    process.stdout.write(`\n${plain.phase}: ${seconds(plain.milliseconds)} in total, peak RSS ${number.format(plain.peakRssMiB)} MiB\n`);
    const plainStages = plain.figures.stages;
    if (typeof plainStages === 'object' && plainStages !== null) {
      for (const [stage, figures] of Object.entries(plainStages)) {
        process.stdout.write(`${stageLine(stage, figures)}\n`);
      }
    }
    process.stdout.write(`  audience ${number.format(Number(plain.figures.audience))}, .eml files ${number.format(Number(plain.figures.emails))}\n`);

    if (!runs('condition')) {
      return;
    }
    const condition = await inChild('condition', folder, customers, events);
    process.stdout.write(
      `\naudience condition on ${number.format(Number(condition.figures.customers))} customers in memory: compiled predicate ${number.format(Number(condition.figures.compiledPerSecond))}/s, json-rules-engine ${number.format(Number(condition.figures.rulesEnginePerSecond))}/s\n`,
    );
    if (run !== null) {
      process.stdout.write(`\nengine run / plain loop, total time: ${(run.milliseconds / plain.milliseconds).toFixed(2)}\n`);
    }
  } finally {
    if (args.includes('--keep') || given !== undefined) {
      process.stdout.write(`kept ${folder}\n`);
    } else {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`campaign-run benchmark failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
