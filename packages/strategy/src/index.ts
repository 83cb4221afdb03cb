export {
  type Decision,
  decisionKey,
  isTargetDecision,
  limitOrder,
  marketOrder,
  NO_DECISIONS,
  type OrderIntent,
  type OrderType,
  type Side,
  type Target,
  type TargetDecision,
  targetFraction,
  targetUnits,
  validateDecision,
} from './decision';
export { BollingerReversionParams, bollingerReversion } from './examples/bollinger-reversion';
export { type Sizing, SizingSchema } from './examples/sizing';
export { SmaCrossParams, smaCross } from './examples/sma-cross';
export { SmaLongShortParams, smaLongShort } from './examples/sma-long-short';
export { XsMomentumParams, xsMomentum } from './examples/xs-momentum';
export {
  ColumnFeatureFeed,
  type DeclaredFeatures,
  declaredFeatures,
  FeatureSlots,
  type FeatureView,
} from './features';
export { type HostSnapshot, StrategyHost, type StrategyHostOptions } from './host';
export {
  BUILTIN_STRATEGIES,
  createRegistry,
  getStrategy,
  listStrategies,
  registerStrategy,
  StrategyRegistry,
} from './registry';
export {
  type AnyStrategy,
  type BarContext,
  type BarSetContext,
  defineStrategy,
  type JsonValue,
  type MultiStrategy,
  type PortfolioView,
  parseParams,
  restoreState,
  type SingleStrategy,
  type Snapshottable,
  type Strategy,
  snapshotState,
  windowCapacity,
} from './strategy';
export { InputTape } from './tape';
export { type BarField, type BarWindow, ColumnFeed, RollingFeed, type WindowBar } from './window';
