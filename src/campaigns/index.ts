export * from './stable-hash';
export * from './assignment';
export * from './caps';
export * from './uplift';
export * from './attribution';
export * from './conversion-report';
export * from './conversion-reporter';
export * from './campaigns.module';
