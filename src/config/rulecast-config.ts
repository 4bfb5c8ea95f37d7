import type { LogLevel } from '@nestjs/common';

export type TransportKind = 'outbox' | 'smtp';
export type InterfaceLanguage = 'en' | 'zh-CN';

export const TRANSPORT_KINDS: readonly TransportKind[] = ['outbox', 'smtp'];
export const INTERFACE_LANGUAGES: readonly InterfaceLanguage[] = ['en', 'zh-CN'];
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Default of RULECAST_IMPORT_MAX_BYTES: 100 MiB. */
export const DEFAULT_IMPORT_MAX_BYTES = 100 * 1024 * 1024;

/** Every setting of the engine, typed; see `loadRulecastConfig` for the variables. */
export interface RulecastConfigValues {
  /** Absolute path of the SQLite file. */
  dbPath: string;
  /** API key for /api/*; null when unset, and the auth module then generates one. */
  apiKey: string | null;
  port: number;
  host: string;
  rulesDir: string;
  templatesDir: string;
  pluginsDir: string;
  modelsFile: string;
  outboxDir: string;
  transport: TransportKind;
  /** Required when `transport` is smtp; may contain credentials, so never log it. */
  smtpUrl: string | null;
  fromAddress: string;
  /** Base URL that links in emails (unsubscribe) point to, without a trailing slash. */
  publicUrl: string;
  /** Key for signing unsubscribe tokens: from the environment or a generated file. */
  unsubscribeSecret: string;
  /** File the secret was read from or written to; null when set in the environment. */
  unsubscribeSecretFile: string | null;
  /** Messages per second across all campaigns. */
  sendRatePerSecond: number;
  /** SMTP calls in flight at once. */
  sendConcurrency: number;
  lang: InterfaceLanguage;
  /** Minimum severity written to the log. */
  logLevel: LogLevel;
  /**
   * Maximum body size of POST /api/import/{kind}, in bytes. `rulecast import` has no
   * limit. Optional so that code that builds the config by hand gets the default.
   */
  importMaxBytes?: number;
}

/**
 * The validated configuration, injectable everywhere (ConfigModule is global). Built
 * once at start-up by `loadRulecastConfig`; its fields never change afterwards.
 */
export class RulecastConfig implements RulecastConfigValues {
  readonly dbPath: string;
  readonly apiKey: string | null;
  readonly port: number;
  readonly host: string;
  readonly rulesDir: string;
  readonly templatesDir: string;
  readonly pluginsDir: string;
  readonly modelsFile: string;
  readonly outboxDir: string;
  readonly transport: TransportKind;
  readonly smtpUrl: string | null;
  readonly fromAddress: string;
  readonly publicUrl: string;
  readonly unsubscribeSecret: string;
  readonly unsubscribeSecretFile: string | null;
  readonly sendRatePerSecond: number;
  readonly sendConcurrency: number;
  readonly lang: InterfaceLanguage;
  readonly logLevel: LogLevel;
  readonly importMaxBytes: number;

  constructor(values: RulecastConfigValues) {
    this.dbPath = values.dbPath;
    this.apiKey = values.apiKey;
    this.port = values.port;
    this.host = values.host;
    this.rulesDir = values.rulesDir;
    this.templatesDir = values.templatesDir;
    this.pluginsDir = values.pluginsDir;
    this.modelsFile = values.modelsFile;
    this.outboxDir = values.outboxDir;
    this.transport = values.transport;
    this.smtpUrl = values.smtpUrl;
    this.fromAddress = values.fromAddress;
    this.publicUrl = values.publicUrl;
    this.unsubscribeSecret = values.unsubscribeSecret;
    this.unsubscribeSecretFile = values.unsubscribeSecretFile;
    this.sendRatePerSecond = values.sendRatePerSecond;
    this.sendConcurrency = values.sendConcurrency;
    this.lang = values.lang;
    this.logLevel = values.logLevel;
    this.importMaxBytes = values.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
    Object.freeze(this);
  }

  /** The log levels Nest should print for `logLevel`, most severe first. */
  enabledLogLevels(): LogLevel[] {
    return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(this.logLevel) + 1);
  }
}
