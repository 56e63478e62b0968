export * from './roles';
export * from './auth';
export * from './health';
export * from './users';
export * from './audit-log';
export * from './list';
export * from './imports';
export * from './policies';
