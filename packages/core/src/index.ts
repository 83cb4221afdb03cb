export * from './bar';
export * from './clock';
export * from './config';
export * from './errors';
export * from './ids';
export * from './instrument';
export * from './timeframe';
