import { Inject, Injectable, Logger } from '@nestjs/common';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { performance } from 'node:perf_hooks';

import { AttributeDefinition, AttributeType, CustomerEvent, Item } from '../store/entities';
import {
  CUSTOMER_REPOSITORY,
  CustomerField,
  CustomerRepository,
  EVENT_REPOSITORY,
  EventRepository,
  ITEM_REPOSITORY,
  ItemRepository,
} from '../store/repositories';
import { Store } from '../store/store';
import { CustomerConverter } from './convert/customer-converter';
import { ImportedCustomer, withoutDefaults } from './convert/imported-customer';
import { EventConverter } from './convert/event-converter';
import { ImportPlan, missingColumns, resolvePlan } from './convert/import-plan';
import { ItemConverter } from './convert/item-converter';
import { RowConverter } from './convert/row-converter';
import { ImportKind } from './import-kind';
import { describeProblem, fileProblem, ImportAbort, ImportProblem, rowProblem } from './import-problem';
import { ImportReport, KeptOptOuts, MAX_KEPT_OPT_OUT_IDS, noKeptOptOuts, summarizeImport } from './import-report';
import { SourceFormat } from './mapping/import-mapping';
import { builtInMapping, loadMappingFile, parseMappingText } from './mapping/load-mapping';
import { ParsedMapping } from './mapping/parse-mapping';
import { ProblemCollector } from './problem-collector';
import { NewCustomerCheck } from './new-customer-check';
import { ReferenceCheck } from './reference-check';
import { readCsv } from './source/csv-reader';
import { detectDelimiter } from './source/detect-delimiter';
import { collectJsonKeys } from './source/jsonl-keys';
import { readJsonLines } from './source/jsonl-reader';
import { ReadProgress, SourceEvent } from './source/source-row';

export interface ImportProgress {
  phase: 'validating' | 'writing';
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface ImportOptions {
  kind: ImportKind;
  /** Path of the file to read; it is read twice, so it must not change meanwhile. */
  file: string;
  /** Name shown in messages and the report; defaults to the file's base name. */
  displayName?: string;
  /** Path of a mapping file (JSON). */
  mappingFile?: string;
  /** Mapping JSON as text, in place of a file (HTTP header). */
  mappingText?: string;
  /** Overrides the format from the mapping or the file extension. */
  format?: SourceFormat;
  /** Writes the valid rows and lists the others, instead of writing nothing. */
  skipInvalid?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

type AnyRecord = ImportedCustomer | Item | CustomerEvent;

interface WriteCounts {
  inserted: number;
  updated: number;
  appended: number;
  keptOptOuts: KeptOptOuts;
}

/** Fields a row must contain to insert a customer. Without them, the row may only update one. */
const FIELDS_OF_NEW_CUSTOMERS: readonly CustomerField[] = ['email', 'consent'];
const WRITE_BATCH = 1000;
const PROGRESS_EVERY_ROWS = 2000;

/** Results of the validation pass, for the write pass and the report. */
interface Validation {
  plan: ImportPlan;
  problems: ProblemCollector;
  rowsRead: number;
  attributes: AttributeDefinition[];
}

/**
 * Imports customers, items or events from CSV or JSON Lines in two streamed passes. The
 * first pass validates every row and reports each problem by row, column and value; the
 * second writes the valid rows in one transaction, so an import lands whole or not at
 * all. A JSON Lines file is read once more before them, to collect the keys of all lines.
 * With `skipInvalid`, rows with problems are left out and listed instead. Customer rows
 * merge into known ids (`CustomerRepository.mergeMany`), so an update keeps the fields a
 * file leaves out or leaves to a mapping default, and never lifts an opt-out.
 */
@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    @Inject(Store) private readonly store: Store,
    @Inject(CUSTOMER_REPOSITORY) private readonly customers: CustomerRepository,
    @Inject(ITEM_REPOSITORY) private readonly items: ItemRepository,
    @Inject(EVENT_REPOSITORY) private readonly events: EventRepository,
  ) {}

  async importFile(options: ImportOptions): Promise<ImportReport> {
    const started = performance.now();
    const displayName = options.displayName ?? basename(options.file);
    this.logger.log(`importing ${options.kind} from ${displayName}`);

    const parsed = await this.loadMapping(options);
    const format = options.format ?? parsed.mapping.format ?? formatFromName(displayName);
    const delimiter = format === 'csv' ? (parsed.mapping.delimiter ?? (await detectDelimiter(options.file))) : null;
    const report: ImportReport = {
      kind: options.kind,
      file: displayName,
      format,
      delimiter,
      committed: false,
      reason: null,
      rowsRead: 0,
      rejected: 0,
      skipped: 0,
      inserted: 0,
      updated: 0,
      appended: 0,
      keptOptOuts: noKeptOptOuts(),
      attributes: [],
      problems: [],
      problemCount: 0,
      seconds: 0,
    };
    const finish = (): ImportReport => {
      report.seconds = (performance.now() - started) / 1000;
      const summary = summarizeImport(report);
      if (report.committed && report.keptOptOuts.count === 0) {
        this.logger.log(summary);
      } else {
        this.logger.warn(summary);
      }
      return report;
    };

    if (parsed.problems.length > 0) {
      report.problems = parsed.problems;
      report.problemCount = parsed.problems.length;
      report.reason = 'the mapping is invalid';
      return finish();
    }

    const before = await stat(options.file);
    const read = (progress: ReadProgress, lineNumbers = true): AsyncGenerator<SourceEvent> =>
      format === 'csv' ? readCsv(options.file, delimiter ?? ',', progress, { lineNumbers }) : readJsonLines(options.file, progress);
    const validation = await this.validate(options, parsed, format, read, before.size);

    report.rowsRead = validation.rowsRead;
    report.rejected = validation.problems.rejectedRows.size;
    report.problems = validation.problems.listed;
    report.problemCount = validation.problems.count;
    report.attributes = validation.attributes;
    const validRows = validation.rowsRead - report.rejected;

    if (validation.problems.fileProblems.length > 0) {
      report.reason = 'the file cannot be imported as it is';
      return finish();
    }
    if (report.rejected > 0 && !options.skipInvalid) {
      report.reason = `${report.rejected} of ${validation.rowsRead} rows are invalid${firstProblem(validation.problems)}; fix them, or use --skip-invalid (skipInvalid=true over HTTP) to import the ${validRows} valid rows`;
      return finish();
    }
    if (validRows === 0) {
      report.reason = 'no valid rows';
      return finish();
    }

    const after = await stat(options.file);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      report.reason = 'the file changed while it was being validated; import it again';
      return finish();
    }

    const written = await this.write(options, validation, read, before.size);
    report.committed = true;
    report.skipped = report.rejected;
    report.inserted = written.inserted;
    report.updated = written.updated;
    report.appended = written.appended;
    report.keptOptOuts = written.keptOptOuts;
    return finish();
  }

  private async loadMapping(options: ImportOptions): Promise<ParsedMapping> {
    if (options.mappingText !== undefined) {
      return parseMappingText(options.mappingText, options.kind, 'from the request');
    }
    if (options.mappingFile !== undefined) {
      return loadMappingFile(options.mappingFile, options.kind);
    }
    return { mapping: builtInMapping(options.kind), problems: [] };
  }

  /** First pass: resolves the mapping against the file and checks every row. */
  private async validate(
    options: ImportOptions,
    parsed: ParsedMapping,
    format: SourceFormat,
    read: (progress: ReadProgress) => AsyncGenerator<SourceEvent>,
    totalBytes: number,
  ): Promise<Validation> {
    const problems = new ProblemCollector();
    const progress: ReadProgress = { bytes: 0 };
    const firstSeen = new Map<string, number>();
    const seenColumns = new Set<string>();
    let plan: ImportPlan | null = null;
    let converter: RowConverter<AnyRecord> | null = null;
    let references: ReferenceCheck | null = null;
    let newCustomers: NewCustomerCheck | null = null;
    let rowsRead = 0;
    const catalogue = await this.attributeCatalogue(options.kind);

    try {
      // A JSON Lines object may add keys the first one lacks, so the plan is resolved
      // against the keys of all lines, which costs one more read of the file.
      // NOTE: this read reports no progress, so a progress bar stays at 0 until it ends.
      const jsonKeys = format === 'jsonl' ? await collectJsonKeys(read({ bytes: 0 })) : null;
      for await (const event of read(progress)) {
        if (event.type === 'header') {
          const resolved = resolvePlan(parsed.mapping, jsonKeys ?? event.columns, format === 'csv');
          problems.addAll(resolved.problems);
          if (resolved.problems.length > 0) {
            break;
          }
          plan = resolved.plan;
          converter = converterFor(options.kind, plan);
          references = options.kind === 'events' ? this.referenceCheck(plan, problems) : null;
          newCustomers = options.kind === 'customers' ? this.newCustomerCheck(plan, problems) : null;
          continue;
        }

        rowsRead += 1;
        if (event.type === 'problem') {
          problems.add(event.problem);
          for (const column of event.columns ?? []) {
            seenColumns.add(column);
          }
        } else if (plan !== null && converter !== null) {
          const row = event.row;
          const converted = converter.convert(row, false);
          const otherProblems = plan.checkOtherColumns(row, catalogue);
          if (format === 'jsonl') {
            for (const column of row.columns()) {
              seenColumns.add(column);
            }
          }
          if (!converted.ok || otherProblems.length > 0) {
            problems.addAll(converted.ok ? otherProblems : [...converted.problems, ...otherProblems]);
          } else if (converted.key !== null && firstSeen.has(converted.key)) {
            problems.add(duplicateIdProblem(row.row, row.line, plan, converted.key, firstSeen.get(converted.key) ?? 0));
          } else {
            if (converted.key !== null) {
              firstSeen.set(converted.key, row.row);
            }
            plan.observeOtherColumns(row);
            if (references !== null && 'customerId' in converted.record) {
              await references.add({ row: row.row, line: row.line, customerId: converted.record.customerId, itemId: converted.record.itemId });
            }
            if (newCustomers !== null && isCustomer(converted.record)) {
              const given = converted.record.given;
              const missing = FIELDS_OF_NEW_CUSTOMERS.filter((field) => !given.has(field));
              if (missing.length > 0) {
                await newCustomers.add({ row: row.row, line: row.line, id: converted.record.customer.id, missing });
              }
            }
          }
        }
        if (rowsRead % PROGRESS_EVERY_ROWS === 0) {
          options.onProgress?.({ phase: 'validating', bytes: progress.bytes, totalBytes, rows: rowsRead });
        }
      }
      await references?.flush();
      await newCustomers?.flush();
    } catch (error) {
      if (!(error instanceof ImportAbort)) {
        throw error;
      }
      problems.addAll(error.problems);
    }
    options.onProgress?.({ phase: 'validating', bytes: totalBytes, totalBytes, rows: rowsRead });

    if (plan === null) {
      plan = resolvePlan(parsed.mapping, [], false).plan;
    }
    if (format === 'jsonl' && problems.fileProblems.length === 0) {
      problems.addAll(missingColumns(plan, seenColumns));
    }
    const attributes = this.checkAttributeTypes(options.kind, plan, catalogue, problems);
    return { plan, problems, rowsRead, attributes };
  }

  /** Returns the stored attribute types of customers or items; events have none. */
  private async attributeCatalogue(kind: ImportKind): Promise<Map<string, AttributeType>> {
    if (kind === 'events') {
      return new Map();
    }
    const stored = kind === 'customers' ? await this.customers.attributeDefinitions() : await this.items.attributeDefinitions();
    return new Map(stored.map((definition) => [definition.name, definition.type]));
  }

  /** Fixes inferred types and reports mapped attributes whose type differs from the catalogue. */
  private checkAttributeTypes(kind: ImportKind, plan: ImportPlan, catalogue: Map<string, AttributeType>, problems: ProblemCollector): AttributeDefinition[] {
    if (kind === 'events') {
      return [];
    }
    const entity = kind === 'customers' ? 'customer' : 'item';
    plan.finishInference(catalogue);

    const definitions = plan.attributeDefinitions(entity);
    for (const definition of definitions) {
      const storedType = catalogue.get(definition.name);
      if (storedType !== undefined && storedType !== definition.type) {
        problems.add(
          fileProblem(
            `attribute ${definition.name} is stored as ${storedType}, but this import makes it ${definition.type}; map it as ${storedType} or give it another name`,
            { column: definition.name },
          ),
        );
      }
    }
    return definitions;
  }

  private newCustomerCheck(plan: ImportPlan, problems: ProblemCollector): NewCustomerCheck {
    const columnOf = (field: CustomerField): string => {
      const source = plan.fields.get(field)?.source;
      return source?.kind === 'column' ? source.column : field;
    };
    return new NewCustomerCheck(this.customers, problems, columnOf);
  }

  private referenceCheck(plan: ImportPlan, problems: ProblemCollector): ReferenceCheck {
    const columnOf = (field: string): string => {
      const source = plan.fields.get(field)?.source;
      return source?.kind === 'column' ? source.column : field;
    };
    return new ReferenceCheck(this.customers, this.items, problems, columnOf('customerId'), columnOf('itemId'));
  }

  /** Second pass: writes every row that passed validation, in one transaction. */
  private async write(
    options: ImportOptions,
    validation: Validation,
    read: (progress: ReadProgress, lineNumbers: boolean) => AsyncGenerator<SourceEvent>,
    totalBytes: number,
  ): Promise<WriteCounts> {
    const converter = converterFor(options.kind, validation.plan);
    const rejected = validation.problems.rejectedRows;
    const counts: WriteCounts = { inserted: 0, updated: 0, appended: 0, keptOptOuts: noKeptOptOuts() };
    const progress: ReadProgress = { bytes: 0 };

    await this.store.runInTransaction(async () => {
      await this.defineAttributes(options.kind, validation.attributes);

      let batch: AnyRecord[] = [];
      let rows = 0;
      for await (const event of read(progress, false)) {
        if (event.type === 'header') {
          continue;
        }
        rows += 1;
        if (event.type === 'problem' || rejected.has(event.row.row)) {
          continue;
        }
        const converted = converter.convert(event.row, true);
        if (!converted.ok) {
          throw new Error(`row ${event.row.row} passed validation but not the write pass; the file may have changed`);
        }
        batch.push(converted.record);
        if (batch.length >= WRITE_BATCH) {
          await this.writeBatch(options.kind, batch, counts);
          batch = [];
        }
        if (rows % PROGRESS_EVERY_ROWS === 0) {
          options.onProgress?.({ phase: 'writing', bytes: progress.bytes, totalBytes, rows });
        }
      }
      await this.writeBatch(options.kind, batch, counts);
      options.onProgress?.({ phase: 'writing', bytes: totalBytes, totalBytes, rows });
    });
    return counts;
  }

  private async defineAttributes(kind: ImportKind, definitions: AttributeDefinition[]): Promise<void> {
    if (kind === 'customers') {
      await this.customers.defineAttributes(definitions);
    } else if (kind === 'items') {
      await this.items.defineAttributes(definitions);
    }
  }

  private async writeBatch(kind: ImportKind, batch: AnyRecord[], counts: WriteCounts): Promise<void> {
    if (batch.length === 0) {
      return;
    }
    if (kind === 'customers') {
      const customers = batch.filter(isCustomer);
      // Each id appears once per file, so ids stored before this batch are all the updates.
      const known = await this.customers.existingIds(customers.map((imported) => imported.customer.id));
      const result = await this.customers.mergeMany(customers.map((imported) => (known.has(imported.customer.id) ? withoutDefaults(imported) : imported)));
      counts.inserted += result.inserted;
      counts.updated += result.updated;
      for (const kept of result.keptOptOuts) {
        counts.keptOptOuts.count += 1;
        counts.keptOptOuts.byState[kept.consent] += 1;
        if (counts.keptOptOuts.customerIds.length < MAX_KEPT_OPT_OUT_IDS) {
          counts.keptOptOuts.customerIds.push(kept.id);
        }
      }
    } else if (kind === 'items') {
      const result = await this.items.upsertMany(batch.filter(isItem));
      counts.inserted += result.inserted;
      counts.updated += result.updated;
    } else {
      counts.appended += await this.events.appendMany(batch.filter(isEvent));
    }
  }
}

function converterFor(kind: ImportKind, plan: ImportPlan): RowConverter<AnyRecord> {
  switch (kind) {
    case 'customers':
      return new CustomerConverter(plan);
    case 'items':
      return new ItemConverter(plan);
    case 'events':
      return new EventConverter(plan);
  }
}

function duplicateIdProblem(row: number, line: number, plan: ImportPlan, id: string, firstRow: number): ImportProblem {
  const source = plan.fields.get('id')?.source;
  const column = source?.kind === 'column' ? source.column : 'id';
  return rowProblem(row, line, column, id, `duplicate id; row ${firstRow} has the same id, and each id may appear once per file`);
}

/** Formats the first row problem as `, first row 2 (line 3), …: reason`, with a count of the others. */
function firstProblem(problems: ProblemCollector): string {
  const first = problems.listed.find((problem) => problem.row !== null);
  if (first === undefined) {
    return '';
  }
  const others = problems.count - 1;
  return `, first ${describeProblem(first)}${others > 0 ? ` (and ${others} more ${others === 1 ? 'problem' : 'problems'})` : ''}`;
}

/** `.jsonl` and `.ndjson` files are JSON Lines; everything else is read as CSV. */
export function formatFromName(name: string): SourceFormat {
  const extension = extname(name).toLowerCase();
  return extension === '.jsonl' || extension === '.ndjson' ? 'jsonl' : 'csv';
}

function isCustomer(record: AnyRecord): record is ImportedCustomer {
  return 'given' in record;
}

function isItem(record: AnyRecord): record is Item {
  return 'title' in record;
}

function isEvent(record: AnyRecord): record is CustomerEvent {
  return 'customerId' in record;
}
