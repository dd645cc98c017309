export * from './api';
export * from './contract';
export * from './envelope';
export * from './errors';
export * from './limits';
export * from './run-schemas';
export * from './schemas';
export * from './validate';
