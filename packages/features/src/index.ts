/**
 * @algotrader/features — technical indicators in a streaming form (live feature-engine) and a
 * batch form (backtest, research) that agree bitwise, plus a registry keyed by {@link FeatureSpec}.
 *
 * Conventions, shared by every indicator:
 * - Bar t's output uses inputs 0…t only (the closed bar included, nothing later).
 * - `warmup` = updates needed for the first value. Before it every output is NaN and `ready` is
 *   false; multi-output indicators (Bollinger, MACD, Donchian) turn all outputs on together.
 *   Batch results have the input's length with NaN in the first `warmup − 1` rows.
 * - The batch form loops the streaming form: `f(xs)[t]` is bit for bit the streaming value after
 *   feeding xs[0…t].
 * - Inputs must be finite (volatility: > 0). A bad input throws AlgoError E_DATA before any state
 *   changes (batch: with the row index); bad parameters throw E_ARGUMENT at construction.
 * - Window indicators (SMA, WMA, Bollinger, z-score, volatility, ROC, Donchian) keep exact sums
 *   (see ExactSum), so their value is a function of the window contents alone: a stream started
 *   at any earlier bar gives the same bits once warm — no drift, no resync.
 * - Recursive indicators (EMA, RSI, ATR, MACD) depend on the whole history through their seed:
 *   EMA is seeded with the SMA of its first `period` inputs, RSI's and ATR's Wilder averages with
 *   the plain mean of their first `period` gains/losses/true ranges. Replay
 *   {@link featureHistoryBars} bars so live values match a backtest within 1e-9 of the seed error.
 * - Standard deviations: population (÷n) for Bollinger and z-score, sample (÷(n−1)) for volatility.
 */

export { Atr, atr } from './atr';
export { BollingerBands, type BollingerSeries, type BollingerValue, bollingerBands } from './bollinger';
export { DonchianChannel, type DonchianSeries, type DonchianValue, donchianChannel } from './donchian';
export { Ema, ema } from './ema';
export { ExactSum } from './exact-sum';
export type { Indicator, ScalarIndicator } from './indicator';
export { Macd, type MacdSeries, type MacdValue, macd } from './macd';
export { crossSectionalRank, type RankOptions } from './rank';
export {
  type AtrSpec,
  type BollingerSpec,
  computeBatchFeature,
  createStreamingFeature,
  type DonchianSpec,
  type EmaSpec,
  FEATURE_HISTORY_TOLERANCE,
  FEATURE_REPLAY_TOLERANCE,
  type FeatureKind,
  type FeatureOutput,
  type FeatureOutputNames,
  type FeatureSpec,
  featureHistoryBars,
  featureKey,
  featureOutputKey,
  featureOutputKeys,
  featureOutputs,
  featureWarmup,
  type MacdSpec,
  type NormalizedFeatureSpec,
  normalizeFeatureSpec,
  type OhlcvBar,
  type OhlcvColumns,
  type PriceSource,
  parseFeatureKey,
  type RocSpec,
  type RsiSpec,
  type SmaSpec,
  type StreamingFeature,
  type VolatilitySpec,
  type WmaSpec,
  type ZScoreSpec,
} from './registry';
export { RateOfChange, rateOfChange } from './roc';
export { Rsi, rsi } from './rsi';
export { Sma, sma } from './sma';
export { RollingVolatility, rollingVolatility } from './volatility';
export { Wma, wma } from './wma';
export { RollingZScore, rollingZScore } from './zscore';
