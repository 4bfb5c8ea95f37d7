export * from './config-error';
export * from './config.module';
export * from './load-config';
export * from './rulecast-config';
export * from './secret-file';
