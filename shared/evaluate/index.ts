export * from './inputs';
export * from './schema';
export * from './weakest';
