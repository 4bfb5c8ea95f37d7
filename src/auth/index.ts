export * from './api-key.guard';
export * from './api-key.provider';
export * from './auth.module';
export * from './public.decorator';
