export { type RunnerCheckpoint, StrategyRunner, type StrategyRunnerOptions } from './runner';
