import { LoggerService, LogLevel } from '@nestjs/common';

import { errorMessage } from './error-message';

const SEVERITY: Record<LogLevel, number> = { fatal: 0, error: 1, warn: 2, log: 3, debug: 4, verbose: 5 };
const REDACTED = '[redacted]';

/** Destination of log lines; replaceable in tests. */
export interface LogSink {
  write(line: string): void;
}

/**
 * A Nest LoggerService that writes one JSON object per line to stdout (warnings and
 * errors to stderr): `{"time", "level", "context", "message", ...}`. Registered secrets
 * are replaced by "[redacted]" wherever they appear in a message, as a last guard;
 * code should still never log them.
 */
export class JsonLogger implements LoggerService {
  private maxSeverity: number;
  private readonly secrets = new Set<string>();

  constructor(
    level: LogLevel = 'log',
    private readonly out: LogSink = process.stdout,
    private readonly errors: LogSink = process.stderr,
  ) {
    this.maxSeverity = SEVERITY[level];
  }

  /** Registers values that must never appear in a log line (keys, passwords). */
  redact(...values: Array<string | null | undefined>): void {
    for (const value of values) {
      if (value && value.length >= 4) {
        this.secrets.add(value);
      }
    }
  }

  setLogLevels(levels: LogLevel[]): void {
    this.maxSeverity = Math.max(...levels.map((level) => SEVERITY[level]));
  }

  log(message: unknown, ...optional: unknown[]): void {
    this.write('log', message, optional);
  }

  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }

  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }

  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }

  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('verbose', message, optional);
  }

  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  /**
   * Nest passes the context as the last extra argument and, for errors, a stack trace
   * before it; objects are merged into the entry as fields.
   */
  private write(level: LogLevel, message: unknown, optional: unknown[]): void {
    if (SEVERITY[level] > this.maxSeverity) {
      return;
    }

    const rest = [...optional];
    const context = typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level };
    if (context !== undefined) {
      entry.context = context;
    }
    if (typeof message === 'object' && message !== null && !(message instanceof Error)) {
      Object.assign(entry, message);
    } else {
      entry.message = message instanceof Error ? message.message : String(message);
      if (message instanceof Error && message.stack) {
        entry.stack = message.stack;
      }
    }
    const stack = rest.find((value): value is string => typeof value === 'string');
    if (stack !== undefined) {
      entry.stack = stack;
    }

    const line = this.redactText(safeStringify(entry));
    (SEVERITY[level] <= SEVERITY.warn ? this.errors : this.out).write(`${line}\n`);
  }

  private redactText(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      result = result.split(secret).join(REDACTED);
    }
    return result;
  }
}

function safeStringify(entry: Record<string, unknown>): string {
  try {
    return JSON.stringify(entry);
  } catch (error) {
    return JSON.stringify({ time: entry.time, level: entry.level, message: `unserializable log entry: ${errorMessage(error)}` });
  }
}
