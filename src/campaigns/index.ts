export * from './stable-hash';
export * from './assignment';
export * from './caps';
