export * from './kinds';
export * from './pii';
export * from './header';
export * from './csv-scanner';
