export * from './api-key-check';
export * from './api-key.guard';
export * from './api-key.middleware';
export * from './api-key.provider';
export * from './auth.module';
export * from './public.decorator';
