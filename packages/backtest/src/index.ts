export { type BacktestData, type InstrumentData, truncateBars, validateSeries } from './data';
export {
  type BacktestConfig,
  type BacktestResult,
  type DecisionRecord,
  type DividendCredit,
  type EquityCurve,
  type OrderRecord,
  type OrderStatus,
  runBacktest,
} from './engine';
export {
  type LookaheadOptions,
  type LookaheadReport,
  type LookaheadViolation,
  lookaheadCheck,
  type StrategyFactory,
} from './lookahead';
export type { MarketRules, Refusal } from './market';
export {
  computeMetrics,
  type Drawdown,
  type EquityMetrics,
  type EquitySeries,
  equityMetrics,
  fillTotals,
  groupTrades,
  type Metrics,
  type MetricsOptions,
  periodsPerYear,
  type TradeGroup,
  type TradeMetrics,
  tradeMetrics,
  YEAR_MS,
} from './metrics';
export { aggregateBars } from './perp/aggregate';
export {
  type FundingPayment,
  type LiquidationEvent,
  type PerpBacktestConfig,
  type PerpBacktestResult,
  type PerpFill,
  type PerpOrder,
  type PerpOrderRecord,
  type PerpTotals,
  runPerpBacktest,
  type SwapSeries,
} from './perp/engine';
export { type PerpMetrics, perpMetrics } from './perp/metrics';
export { type Fill, RoundTripTracker, type Trade } from './trades';
