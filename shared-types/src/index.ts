export * from './errors';
export * from './id-number';
export * from './identity';
export * from './auth';
export * from './me';
export * from './admin';
export * from './system';
export * from './routes';
