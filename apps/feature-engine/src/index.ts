export {
  type FeatureCheckpoint,
  type FeatureInput,
  type FeatureOutput,
  type FeatureSnapshot,
  type FeatureState,
  featureDecider,
  featuresOf,
} from './decider';
export { FeatureEngine, type FeatureEngineOptions, fixesDiscardNew } from './engine';
