export * from './calendar';
export * from './new-york';
export * from './nyse';
export * from './session-bars';
