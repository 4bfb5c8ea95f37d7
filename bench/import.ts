/**
 * Import throughput. Generates a CSV of synthetic customers and imports it with Rulecast
 * (two streamed passes, full validation, one transaction). The peer parses the same file
 * with csv-parse and inserts it with plain better-sqlite3 in one transaction, without
 * validation. Each case runs in its own child process, so its peak RSS is its own.
 *
 *   npm run build && node dist/bench/import.js [--rows 1000000]
 */
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';

import { ImportService } from '../src/import/import.service';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store';

interface CaseResult {
  name: string;
  rows: number;
  seconds: number;
  maxRssMb: number;
}

const DEFAULT_ROWS = 1_000_000;
const HEADER = 'id,email,name,locale,time_zone,consent,Income,Year_Birth,Dt_Customer,Education,Vip';
const EDUCATION = ['Basic', 'Graduation', 'Master', 'PhD', '2n Cycle'];
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Shanghai', 'UTC'];
const LOCALES = ['en-US', 'de-DE', 'zh-CN', 'fr-FR'];

const MAPPING = {
  format: 'csv',
  delimiter: ',',
  dateFormat: 'dd/MM/yyyy',
  attributes: { Income: 'number', Year_Birth: 'number', Dt_Customer: 'date', Education: 'string', Vip: 'boolean' },
};

/** Small deterministic generator (a 32-bit LCG), so every run imports the same file. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function generateCsv(path: string, rows: number): Promise<void> {
  const random = lcg(42);
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  for (let index = 1; index <= rows; index += 1) {
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const line = [
      `c${index}`,
      `customer-${index}@example.com`,
      `"Customer ${index}, Jr."`,
      LOCALES[index % LOCALES.length],
      ZONES[index % ZONES.length],
      random() < 0.9 ? 'subscribed' : 'unsubscribed',
      random() < 0.01 ? '' : String(Math.round(20_000 + random() * 100_000)),
      String(1940 + Math.floor(random() * 60)),
      `${day}/${month}/${2012 + Math.floor(random() * 3)}`,
      EDUCATION[Math.floor(random() * EDUCATION.length)],
      random() < 0.1 ? 'yes' : 'no',
    ].join(',');
    if (!out.write(`${line}\n`)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

async function runRulecast(file: string, dbPath: string, mappingFile: string): Promise<number> {
  const opened = openSqliteStore(dbPath);
  try {
    const service = new ImportService(opened.store, opened.customers, opened.items, opened.events);
    const report = await service.importFile({ kind: 'customers', file, mappingFile });
    if (!report.committed) {
      throw new Error(`the Rulecast import wrote nothing: ${report.reason}`);
    }
    return report.inserted;
  } finally {
    await opened.store.close();
  }
}

/** Runs the peer: parses with csv-parse and inserts each row as it comes, in one transaction, without checks. */
async function runPeer(file: string, dbPath: string): Promise<number> {
  await openSqliteStore(dbPath).store.close();
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare(
    `INSERT INTO customers (id, email, name, locale, time_zone, consent, attributes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  let rows = 0;
  const now = Date.now();
  db.exec('BEGIN');
  const parser = createReadStream(file).pipe(parse({ from_line: 2 }));
  for await (const record of parser) {
    if (!Array.isArray(record)) {
      continue;
    }
    const [id, email, name, locale, timeZone, consent, income, yearBirth, dtCustomer, education, vip] = record.map(String);
    const attributes = JSON.stringify({ Income: income, Year_Birth: yearBirth, Dt_Customer: dtCustomer, Education: education, Vip: vip });
    insert.run(id, email, name, locale, timeZone, consent, attributes, now, now);
    rows += 1;
  }
  db.exec('COMMIT');
  db.close();
  return rows;
}

/** Child-process entry: runs one case and prints its result as JSON on stdout. */
async function runCase(name: string, file: string, dir: string): Promise<void> {
  const dbPath = join(dir, `${name}.db`);
  const started = performance.now();
  const rows = name === 'rulecast' ? await runRulecast(file, dbPath, join(dir, 'mapping.json')) : await runPeer(file, dbPath);
  const seconds = (performance.now() - started) / 1000;
  const result: CaseResult = { name, rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function spawnCase(name: string, file: string, dir: string): CaseResult {
  const child = spawnSync(process.execPath, [__filename, '--case', name, file, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) {
    throw new Error(`the ${name} case failed with status ${child.status}`);
  }
  const lines = child.stdout.trim().split('\n');
  const parsed: unknown = JSON.parse(lines[lines.length - 1]);
  if (typeof parsed !== 'object' || parsed === null || !('rows' in parsed) || !('seconds' in parsed) || !('maxRssMb' in parsed)) {
    throw new Error(`the ${name} case printed no result`);
  }
  return { name, rows: Number(parsed.rows), seconds: Number(parsed.seconds), maxRssMb: Number(parsed.maxRssMb) };
}

function readRows(argv: string[]): number {
  const index = argv.indexOf('--rows');
  if (index === -1) {
    return DEFAULT_ROWS;
  }
  const rows = Number(argv[index + 1]);
  if (!Number.isInteger(rows) || rows < 1) {
    throw new Error(`--rows must be a whole number of at least 1, not ${argv[index + 1]}`);
  }
  return rows;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--case') {
    await runCase(argv[1], argv[2], argv[3]);
    return;
  }

  const rows = readRows(argv);
  const dir = mkdtempSync(join(tmpdir(), 'rulecast-bench-import-'));
  try {
    const file = join(dir, 'customers.csv');
    writeFileSync(join(dir, 'mapping.json'), JSON.stringify(MAPPING));
    process.stdout.write(`generating ${rows.toLocaleString('en-US')} customers into ${file} …\n`);
    await generateCsv(file, rows);
    process.stdout.write(`file size: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB\n`);

    const results = [spawnCase('peer', file, dir), spawnCase('rulecast', file, dir)];
    for (const result of results) {
      if (result.rows !== rows) {
        throw new Error(`the ${result.name} case wrote ${result.rows} rows, expected ${rows}`);
      }
    }

    const [peer, rulecast] = results;
    process.stdout.write('\n| case | rows/s | seconds | peak RSS (MB) |\n| --- | --- | --- | --- |\n');
    for (const result of [peer, rulecast]) {
      const label = result.name === 'peer' ? 'peer: csv-parse + better-sqlite3, one transaction, no validation' : 'Rulecast import (validate, then write)';
      process.stdout.write(
        `| ${label} | ${Math.round(result.rows / result.seconds).toLocaleString('en-US')} | ${result.seconds.toFixed(1)} | ${Math.round(result.maxRssMb)} |\n`,
      );
    }
    process.stdout.write(`| ratio Rulecast / peer (throughput) | ${(peer.seconds / rulecast.seconds).toFixed(2)} | | |\n`);
    process.stdout.write(`\nmachine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
