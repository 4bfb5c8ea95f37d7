import { Argument, Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';

import { errorMessage } from '../../common/error-message';
import { ModelsModule } from '../../models/models.module';
import { ModelsService } from '../../models/models.service';
import { headlineMetrics, runDuration } from '../../models/run-report';
import type { TrainingOutcome, TrainingProgress } from '../../models/training/model-trainer';
import { withAppContext } from '../app-context';
import { CliError } from '../cli-error';
import { addStoreOptions, StoreCommandOptions } from '../store-options';

interface TrainCommandOptions extends StoreCommandOptions {
  timeLimit?: string;
  json?: boolean;
}

/** One model's result: a finished run, or the reason no run started. */
type TrainingResult = { model: string; outcome: TrainingOutcome } | { model: string; error: string };

export function registerTrainCommand(program: Command): void {
  const command = program
    .command('train')
    .description('train models from models.json on the data in the store, in worker threads, and store their outputs')
    .addArgument(new Argument('[model...]', 'models to train, by name; all configured models when none is given'))
    .addOption(new Option('--time-limit <seconds>', "stop each training after this many seconds (overrides the model's timeLimitSeconds)"))
    .addOption(new Option('--json', 'print the results as JSON'));
  addStoreOptions(command).action(async (models: string[], options: TrainCommandOptions) => {
    const timeLimitMs = parseTimeLimit(options.timeLimit);

    const results = await withAppContext(options, [ModelsModule], async (app) => {
      const service = app.get(ModelsService);
      const names = models.length > 0 ? models : service.catalog.names();
      if (names.length === 0) {
        throw new CliError(`no models configured in ${service.catalog.config.file}; add one under "models"`);
      }
      const trained: TrainingResult[] = [];
      for (const model of names) {
        trained.push(await trainOne(service, model, timeLimitMs));
      }
      return trained;
    });

    process.stdout.write(options.json ? `${JSON.stringify(results.map(toJson), null, 2)}\n` : formatSummary(results));
    const failed = results.filter((result) => 'error' in result || result.outcome.run.status !== 'succeeded');
    if (failed.length > 0) {
      throw new CliError(`${failed.length} of ${results.length} trainings failed: ${failed.map((result) => result.model).join(', ')}`);
    }
  });
}

async function trainOne(service: ModelsService, model: string, timeLimitMs: number | undefined): Promise<TrainingResult> {
  const progress = new TrainingProgressDisplay(model);
  try {
    const outcome = await service.train(model, { timeLimitMs, onProgress: (step) => progress.update(step) });
    return { model, outcome };
  } catch (error) {
    return { model, error: errorMessage(error) };
  } finally {
    progress.stop();
  }
}

function parseTimeLimit(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new CliError(`--time-limit must be a number of seconds above 0, got ${JSON.stringify(value)}`);
  }
  return seconds * 1000;
}

function formatSummary(results: TrainingResult[]): string {
  const lines = results.map((result) => {
    if ('error' in result) {
      return `${result.model}: not trained: ${result.error}`;
    }
    const { run, customers } = result.outcome;
    const head = `${result.model}: run ${run.id} ${run.status} in ${runDuration(run)}`;
    if (run.status !== 'succeeded') {
      return `${head}: ${run.error ?? 'no error recorded'}`;
    }
    return `${head} on ${customers ?? 0} customers; ${headlineMetrics(run.metrics)}`;
  });
  return `${lines.join('\n')}\n`;
}

function toJson(result: TrainingResult): Record<string, unknown> {
  if ('error' in result) {
    return { model: result.model, error: result.error };
  }
  const { artifact: _artifact, ...run } = result.outcome.run;
  return { model: result.model, customers: result.outcome.customers, run };
}

/**
 * Shows a training's progress on stderr: a bar on a terminal, otherwise one line per
 * stage, so logs and CI output stay readable.
 */
class TrainingProgressDisplay {
  private bar: SingleBar | null = null;
  private stage: TrainingProgress['stage'] | null = null;

  constructor(
    private readonly model: string,
    private readonly interactive = process.stderr.isTTY === true,
  ) {}

  update(progress: TrainingProgress): void {
    if (progress.stage !== this.stage) {
      this.stop();
      this.stage = progress.stage;
      if (this.interactive) {
        this.bar = new SingleBar({
          format: `${this.model} ${progress.stage.padEnd(8)} [{bar}] {percentage}% | {note}`,
          stream: process.stderr,
          hideCursor: true,
        });
        this.bar.start(100, 0, { note: '' });
      } else {
        process.stderr.write(`${this.model}: ${progress.stage}${progress.message ? `: ${progress.message}` : ''}\n`);
      }
    }
    this.bar?.update(Math.round(progress.fraction * 100), { note: progress.message ?? '' });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
