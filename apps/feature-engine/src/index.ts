export { type FeatureCheckpoint, FeatureEngine, type FeatureEngineOptions } from './engine';
