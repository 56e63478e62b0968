export * from './kinds';
export * from './pii';
export * from './header';
export * from './csv-scanner';
export * from './row-rules';
export * from './values';
export * from './copy-row';
export * from './key-filter';
