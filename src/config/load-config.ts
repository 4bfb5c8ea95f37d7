import type { LogLevel } from '@nestjs/common';
import { resolve } from 'node:path';

import { isValidMailbox } from '../common/email-address';
import { errorMessage } from '../common/error-message';
import { ConfigError, ConfigProblem } from './config-error';
import {
  DEFAULT_IMPORT_MAX_BYTES,
  INTERFACE_LANGUAGES,
  InterfaceLanguage,
  LOG_LEVELS,
  RulecastConfig,
  TRANSPORT_KINDS,
  TransportKind,
} from './rulecast-config';
import { readOrCreateSecretFile } from './secret-file';

export type Environment = Record<string, string | undefined>;

/** Settings a command-line option may set in place of its environment variable. */
export interface ConfigOverrides {
  dbPath?: string;
  port?: string;
  host?: string;
  rulesDir?: string;
  templatesDir?: string;
  pluginsDir?: string;
  modelsFile?: string;
  outboxDir?: string;
  transport?: string;
}

export interface LoadConfigOptions {
  /** Defaults to `process.env`. */
  env?: Environment;
  overrides?: ConfigOverrides;
  /** Base for relative paths; defaults to the current working directory. */
  cwd?: string;
}

const MIN_SECRET_LENGTH = 16;

/**
 * Reads every setting from the environment (and overrides), checks them all, and
 * throws one ConfigError listing each bad variable with its value and the fix.
 * When RULECAST_UNSUBSCRIBE_SECRET is unset, the secret is read from, or generated
 * into, `<dbPath>.unsubscribe-secret` (mode 0600), so this may create that file.
 */
export function loadRulecastConfig(options: LoadConfigOptions = {}): RulecastConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const reader = new SettingReader(env, options.overrides ?? {}, cwd);

  const dbPath = reader.path('dbPath', 'RULECAST_DB', './data/rulecast.db');
  const apiKey = reader.secret('RULECAST_API_KEY');
  const port = reader.integer('port', 'RULECAST_PORT', 3000, 0, 65535);
  const host = reader.text('host', 'RULECAST_HOST', '127.0.0.1');
  const rulesDir = reader.path('rulesDir', 'RULECAST_RULES_DIR', './rules');
  const templatesDir = reader.path('templatesDir', 'RULECAST_TEMPLATES_DIR', './templates');
  const pluginsDir = reader.path('pluginsDir', 'RULECAST_PLUGINS_DIR', './plugins');
  const modelsFile = reader.path('modelsFile', 'RULECAST_MODELS_FILE', './models.json');
  const outboxDir = reader.path('outboxDir', 'RULECAST_OUTBOX_DIR', './outbox');
  const transport = reader.choice<TransportKind>('transport', 'RULECAST_TRANSPORT', 'outbox', TRANSPORT_KINDS);
  const smtpUrl = reader.smtpUrl(transport);
  const fromAddress = reader.mailbox('RULECAST_FROM', 'Rulecast <news@rulecast.example.com>');
  const publicUrl = reader.httpUrl('RULECAST_PUBLIC_URL', 'http://127.0.0.1:3000');
  const sendRatePerSecond = reader.positiveNumber('RULECAST_SEND_RATE', 50);
  const sendConcurrency = reader.integer(undefined, 'RULECAST_SEND_CONCURRENCY', 5, 1, 1000);
  const lang = reader.language();
  const logLevel = reader.choice<LogLevel>(undefined, 'RULECAST_LOG_LEVEL', 'log', LOG_LEVELS);
  const importMaxBytes = reader.byteCount('RULECAST_IMPORT_MAX_BYTES', DEFAULT_IMPORT_MAX_BYTES);
  const unsubscribe = reader.unsubscribeSecret(dbPath);

  reader.throwIfProblems();

  return new RulecastConfig({
    dbPath,
    apiKey,
    port,
    host,
    rulesDir,
    templatesDir,
    pluginsDir,
    modelsFile,
    outboxDir,
    transport,
    smtpUrl,
    fromAddress,
    publicUrl,
    unsubscribeSecret: unsubscribe.value,
    unsubscribeSecretFile: unsubscribe.file,
    sendRatePerSecond,
    sendConcurrency,
    lang,
    logLevel,
    importMaxBytes,
  });
}

/** Reads one setting at a time and collects every problem instead of stopping at the first. */
class SettingReader {
  private readonly problems: ConfigProblem[] = [];

  constructor(
    private readonly env: Environment,
    private readonly overrides: ConfigOverrides,
    private readonly cwd: string,
  ) {}

  throwIfProblems(): void {
    if (this.problems.length > 0) {
      throw new ConfigError(this.problems);
    }
  }

  text(key: keyof ConfigOverrides | undefined, variable: string, fallback: string): string {
    const raw = this.raw(key, variable);
    if (raw === undefined) {
      return fallback;
    }
    if (raw.trim() === '') {
      this.report(variable, raw, `must not be empty; unset it to use the default "${fallback}"`);
      return fallback;
    }
    return raw.trim();
  }

  path(key: keyof ConfigOverrides, variable: string, fallback: string): string {
    return resolve(this.cwd, this.text(key, variable, fallback));
  }

  secret(variable: string): string | null {
    const raw = this.raw(undefined, variable);
    if (raw === undefined || raw === '') {
      return null;
    }
    if (raw.length < MIN_SECRET_LENGTH) {
      this.reportHidden(
        variable,
        `(hidden, ${raw.length} characters)`,
        `must be at least ${MIN_SECRET_LENGTH} characters; use a random value such as the output of "openssl rand -hex 32", or unset it to have one generated`,
      );
      return null;
    }
    return raw;
  }

  integer(key: keyof ConfigOverrides | undefined, variable: string, fallback: number, min: number, max: number): number {
    const raw = this.raw(key, variable);
    if (raw === undefined) {
      return fallback;
    }
    const value = Number(raw.trim());
    if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      this.report(variable, raw, `must be a whole number from ${min} to ${max} (default ${fallback})`);
      return fallback;
    }
    return value;
  }

  byteCount(variable: string, fallback: number): number {
    const raw = this.raw(undefined, variable);
    if (raw === undefined) {
      return fallback;
    }
    const value = Number(raw.trim());
    if (raw.trim() === '' || !Number.isSafeInteger(value) || value < 1) {
      this.report(variable, raw, `must be a whole number of bytes above 0, such as 52428800 for 50 MiB (default ${fallback})`);
      return fallback;
    }
    return value;
  }

  positiveNumber(variable: string, fallback: number): number {
    const raw = this.raw(undefined, variable);
    if (raw === undefined) {
      return fallback;
    }
    const value = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
      this.report(variable, raw, `must be a number greater than 0 (default ${fallback})`);
      return fallback;
    }
    return value;
  }

  choice<T extends string>(key: keyof ConfigOverrides | undefined, variable: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.raw(key, variable);
    if (raw === undefined) {
      return fallback;
    }
    const match = allowed.find((option) => option === raw.trim());
    if (match === undefined) {
      this.report(variable, raw, `must be one of ${allowed.join(', ')} (default ${fallback})`);
      return fallback;
    }
    return match;
  }

  smtpUrl(transport: TransportKind): string | null {
    const variable = 'RULECAST_SMTP_URL';
    const raw = this.raw(undefined, variable);
    if (raw === undefined || raw.trim() === '') {
      if (transport === 'smtp') {
        this.reportHidden(variable, '(unset)', 'is required when RULECAST_TRANSPORT=smtp; set it to smtp://user:password@host:587 or smtps://host:465');
      }
      return null;
    }
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      this.report(variable, redactUrl(raw), 'is not a URL; write it as smtp://user:password@host:587 or smtps://host:465');
      return null;
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      this.report(variable, redactUrl(raw), `must start with smtp:// or smtps://, not ${url.protocol}//`);
      return null;
    }
    return raw.trim();
  }

  mailbox(variable: string, fallback: string): string {
    const value = this.text(undefined, variable, fallback);
    if (!isValidMailbox(value)) {
      this.report(variable, value, 'must be an email address such as news@example.com or "Shop <news@example.com>"');
      return fallback;
    }
    return value;
  }

  httpUrl(variable: string, fallback: string): string {
    const value = this.text(undefined, variable, fallback);
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        return value.replace(/\/+$/, '');
      }
    } catch {
      // Reported below with the same message as a wrong scheme.
    }
    this.report(variable, value, 'must be an http:// or https:// URL such as https://mail.example.com');
    return fallback;
  }

  /** RULECAST_LANG wins; otherwise the POSIX locale (LC_ALL before LANG) picks zh-CN or English. */
  language(): InterfaceLanguage {
    const explicit = this.raw(undefined, 'RULECAST_LANG');
    if (explicit !== undefined && explicit.trim() !== '') {
      return this.choice<InterfaceLanguage>(undefined, 'RULECAST_LANG', 'en', INTERFACE_LANGUAGES);
    }
    const posix = this.env.LC_ALL || this.env.LANG || '';
    return /^zh([_-](CN|Hans|SG))?/i.test(posix) ? 'zh-CN' : 'en';
  }

  unsubscribeSecret(dbPath: string): { value: string; file: string | null } {
    const fromEnv = this.secret('RULECAST_UNSUBSCRIBE_SECRET');
    if (fromEnv !== null) {
      return { value: fromEnv, file: null };
    }
    if (this.raw(undefined, 'RULECAST_UNSUBSCRIBE_SECRET')) {
      // Too short: already reported; do not also write a file.
      return { value: '', file: null };
    }

    const file = `${dbPath}.unsubscribe-secret`;
    try {
      return { value: readOrCreateSecretFile(file).value, file };
    } catch (error) {
      const reason = errorMessage(error);
      this.reportHidden(
        'RULECAST_UNSUBSCRIBE_SECRET',
        '(unset)',
        `could not read or create the generated secret at ${file} (${reason}); set the variable or make that folder writable`,
      );
      return { value: '', file: null };
    }
  }

  private raw(key: keyof ConfigOverrides | undefined, variable: string): string | undefined {
    if (key !== undefined && this.overrides[key] !== undefined) {
      return this.overrides[key];
    }
    return this.env[variable];
  }

  /** Quotes the value so blanks show; placeholders such as "(unset)" are passed unquoted. */
  private report(variable: string, value: string, problem: string): void {
    this.problems.push({ variable, shownValue: JSON.stringify(value), problem });
  }

  private reportHidden(variable: string, placeholder: string, problem: string): void {
    this.problems.push({ variable, shownValue: placeholder, problem });
  }
}

/** Hides the password in a URL so that an error message can show the rest. */
function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}
