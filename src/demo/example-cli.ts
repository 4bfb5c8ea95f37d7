import { Argument, Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { errorMessage } from '../common/error-message';
import { projectRoot } from '../evaluation/project-paths';
import { ExampleSession } from './example-session';
import { checkStep, previewStep, runStep, StepOutput, trainStep } from './example-steps';

export const EXAMPLE_STEPS = ['import', 'train', 'check', 'preview', 'run'] as const;
export type ExampleStep = (typeof EXAMPLE_STEPS)[number];

/** One example scenario: its folder, its data and how that data enters the store. */
export interface ExampleDefinition {
  /** Folder name under `examples/`, also the default output folder under `data/examples/`. */
  name: string;
  description: string;
  /** Absolute path of the data the example reads unless `--data` names another. */
  defaultData: string;
  dataHelp: string;
  /** Imports the data into an empty store. */
  importData(session: ExampleSession, output: StepOutput, data: string): Promise<void>;
}

interface ExampleOptions {
  data?: string;
  out?: string;
  models?: string;
  verbose?: boolean;
}

/**
 * Runs an example scenario's steps in order (all five by default) and returns the exit
 * status: 0 when every step succeeded, 1 after a message on stderr otherwise. The
 * import is skipped when the store already has customers, so running the whole
 * sequence again trains, checks and previews again but sends nothing new.
 */
export async function runExampleCli(definition: ExampleDefinition, argv: string[], output: StepOutput = process.stdout): Promise<number> {
  const program = new Command(`node dist/examples/${definition.name}/run.js`)
    .description(definition.description)
    .addArgument(new Argument('[steps...]', `steps to run, in this order: ${EXAMPLE_STEPS.join(', ')} (default: all)`).choices(EXAMPLE_STEPS))
    .addOption(new Option('--data <path>', definition.dataHelp))
    .addOption(new Option('--out <folder>', `folder for the store, the outbox and the previews (default: data/examples/${definition.name})`))
    .addOption(new Option('--models <file>', `models configuration (default: examples/${definition.name}/models.json)`))
    .addOption(new Option('--verbose', 'print engine logs to stderr'))
    .exitOverride();

  let steps: ExampleStep[];
  let options: ExampleOptions;
  try {
    program.parse(argv);
    steps = program.args.filter(isExampleStep);
    options = program.opts<ExampleOptions>();
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    throw error;
  }

  try {
    await runSteps(definition, steps.length === 0 ? [...EXAMPLE_STEPS] : steps, options, output);
    return 0;
  } catch (error) {
    process.stderr.write(`${definition.name}: ${errorMessage(error)}\n`);
    return 1;
  }
}

function isExampleStep(value: string): value is ExampleStep {
  return EXAMPLE_STEPS.some((step) => step === value);
}

async function runSteps(definition: ExampleDefinition, steps: ExampleStep[], options: ExampleOptions, output: StepOutput): Promise<void> {
  const root = projectRoot();
  const exampleDir = join(root, 'examples', definition.name);
  const data = resolve(options.data ?? definition.defaultData);
  const session = await ExampleSession.open({
    exampleDir,
    outDir: resolve(options.out ?? join(root, 'data', 'examples', definition.name)),
    modelsFile: resolve(options.models ?? join(exampleDir, 'models.json')),
    verbose: options.verbose === true,
  });

  try {
    output.write(`# the same steps by hand: set these variables, then run the commands after each $\n`);
    for (const [name, value] of Object.entries(session.environment())) {
      output.write(`export ${name}=${value}\n`);
    }
    for (const step of EXAMPLE_STEPS.filter((candidate) => steps.includes(candidate))) {
      output.write(`\n## ${step}\n`);
      await performStep(step, definition, session, output, data);
    }
  } finally {
    await session.close();
  }
}

async function performStep(step: ExampleStep, definition: ExampleDefinition, session: ExampleSession, output: StepOutput, data: string): Promise<void> {
  switch (step) {
    case 'import': {
      const customers = await session.customerCount();
      if (customers > 0) {
        output.write(`the store ${session.config.dbPath} already has ${customers} customers, so the import is skipped; delete the folder to start over\n`);
        return;
      }
      if (!existsSync(data)) {
        throw new Error(`the data is not at ${data}; pass its path with --data`);
      }
      return definition.importData(session, output, data);
    }
    case 'train':
      return trainStep(session, output);
    case 'check':
      return checkStep(session, output);
    case 'preview':
      return previewStep(session, output);
    case 'run':
      await runStep(session, output);
      return;
  }
}
