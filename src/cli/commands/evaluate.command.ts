import { Command, InvalidArgumentError, Option } from 'commander';

import {
  formatEvaluationReport,
  ParameterError,
  parseParameterAssignments,
  PRESETS,
  RatingsFileError,
  runEvaluation,
} from '../../evaluation';
import { CliError } from '../cli-error';

interface EvaluateCommandOptions {
  folds: number;
  seed: number;
  data?: string;
  relevance?: 'all' | number;
  param: string[];
  json?: boolean;
}

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('cross-validate a recommender on MovieLens ratings and print accuracy, time and memory per fold')
    .argument('<model>', `model to measure: ${Object.keys(PRESETS).join(', ')}`)
    .addOption(new Option('--folds <k>', 'number of folds').argParser(parseFolds).default(5))
    .addOption(new Option('--seed <n>', 'seed of the fold split and of the model').argParser(parseSeed).default(42))
    .addOption(
      new Option(
        '--data <path>',
        'MovieLens ratings.csv or 100k u.data file (default: ../shared/datasets/movielens-latest-small/ratings.csv)',
      ),
    )
    .addOption(
      new Option(
        '--relevance <rating|all>',
        'held-out ratings that count as relevant for P@10, R@10 and NDCG@10: a lowest rating, or all ' +
          '(default: 4 for rating models, all for implicit ones, as gorse)',
      ).argParser(parseRelevance),
    )
    .addOption(
      new Option('--param <key=value>', 'plugin parameter, repeatable, for example --param factors=100')
        .argParser((value: string, previous: string[]) => [...previous, value])
        .default([]),
    )
    .addOption(new Option('--json', 'print the report as JSON instead of a table'))
    .action(async (model: string, options: EvaluateCommandOptions) => {
      try {
        const report = await runEvaluation({
          model,
          folds: options.folds,
          seed: options.seed,
          dataPath: options.data,
          relevance: options.relevance,
          params: parseParameterAssignments(options.param),
          onProgress: (message) => process.stderr.write(`${message}\n`),
        });
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatEvaluationReport(report)}\n`);
      } catch (error) {
        if (error instanceof ParameterError || error instanceof RatingsFileError || error instanceof RangeError) {
          throw new CliError(error.message);
        }
        throw error;
      }
    });
}

function parseFolds(value: string): number {
  const folds = Number(value);
  if (!Number.isInteger(folds) || folds < 2) {
    throw new InvalidArgumentError(`expected an integer of at least 2, got '${value}'`);
  }
  return folds;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed)) {
    throw new InvalidArgumentError(`expected an integer, got '${value}'`);
  }
  return seed;
}

function parseRelevance(value: string): 'all' | number {
  if (value === 'all') {
    return value;
  }
  const rating = Number(value);
  if (value.trim() === '' || !Number.isFinite(rating)) {
    throw new InvalidArgumentError(`expected a rating such as 4 or the word all, got '${value}'`);
  }
  return rating;
}
