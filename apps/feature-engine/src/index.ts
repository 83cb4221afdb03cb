export { type FeatureCheckpoint, FeatureEngine, type FeatureEngineOptions, featuresOf } from './engine';
