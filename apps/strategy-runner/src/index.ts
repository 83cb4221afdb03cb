export {
  type RunnerCheckpoint,
  type RunnerInput,
  type RunnerOutput,
  type RunnerSnapshot,
  type RunnerState,
  runnerDecider,
} from './decider';
export { StrategyRunner, type StrategyRunnerOptions } from './runner';
