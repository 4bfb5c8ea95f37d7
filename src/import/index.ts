export * from './import-kind';
export * from './import-problem';
export * from './import-report';
export * from './import.module';
export * from './import.service';
export type { ImportMapping, SourceFormat } from './mapping/import-mapping';
