export * from './customer.repository';
export * from './item.repository';
export * from './event.repository';
export * from './model.repository';
export * from './campaign-run.repository';
export * from './send-log.repository';
