import { Argument, Command, Option } from 'commander';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';

import { IMPORT_KINDS, ImportKind, isImportKind } from '../../import/import-kind';
import { ImportModule } from '../../import/import.module';
import { listProblems, summarizeImport } from '../../import/import-report';
import { ImportService } from '../../import/import.service';
import { SourceFormat } from '../../import/mapping/import-mapping';
import { withAppContext } from '../app-context';
import { CliError } from '../cli-error';
import { ImportProgressBar } from '../progress-bar';
import { addStoreOptions, StoreCommandOptions } from '../store-options';

interface ImportCommandOptions extends StoreCommandOptions {
  mapping?: string;
  skipInvalid?: boolean;
  format?: SourceFormat;
}

export function registerImportCommand(program: Command): void {
  const command = program
    .command('import')
    .description('import customers, items or events from a CSV or JSON Lines file; all valid rows land in one transaction, or none do')
    .addArgument(new Argument('<kind>', 'what the file contains').choices(IMPORT_KINDS))
    .addArgument(new Argument('<file>', 'CSV (any delimiter, UTF-8) or JSON Lines (.jsonl, .ndjson) file'))
    .addOption(new Option('--mapping <file>', 'mapping file (JSON) naming the columns of each field and the typed attributes'))
    .addOption(new Option('--skip-invalid', 'import the valid rows and list the invalid ones, instead of importing nothing'))
    .addOption(new Option('--format <format>', 'file format, when the file name does not tell').choices(['csv', 'jsonl']));
  addStoreOptions(command).action(async (kind: string, file: string, options: ImportCommandOptions) => {
    if (!isImportKind(kind)) {
      throw new CliError(`unknown kind ${JSON.stringify(kind)}; use one of ${IMPORT_KINDS.join(', ')}`);
    }
    await runImport(kind, file, options);
  });
}

async function runImport(kind: ImportKind, file: string, options: ImportCommandOptions): Promise<void> {
  const path = resolve(file);
  await requireReadable(path, 'file');
  if (options.mapping !== undefined) {
    await requireReadable(resolve(options.mapping), 'mapping file');
  }

  const bar = new ImportProgressBar();
  const report = await withAppContext(options, [ImportModule], async (app) => {
    try {
      return await app.get(ImportService).importFile({
        kind,
        file: path,
        mappingFile: options.mapping === undefined ? undefined : resolve(options.mapping),
        format: options.format,
        skipInvalid: options.skipInvalid === true,
        onProgress: (progress) => bar.update(progress),
      });
    } finally {
      bar.stop();
    }
  });

  for (const line of listProblems(report)) {
    process.stderr.write(`${line}\n`);
  }
  if (!report.committed) {
    throw new CliError(summarizeImport(report));
  }
  process.stdout.write(`${summarizeImport(report)}\n`);
}

async function requireReadable(path: string, what: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new CliError(`${what} not found: ${path}`);
  }
}
