export * from './bar';
export * from './clock';
export * from './config';
export * from './errors';
export * from './ids';
export * from './instrument';
export * from './order-state';
export * from './timeframe';
