export * from './inputs';
export * from './schema';
