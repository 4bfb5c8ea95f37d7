export * from './attributes';
export * from './customer';
export * from './item';
export * from './event';
export * from './model-run';
export * from './campaign-run';
