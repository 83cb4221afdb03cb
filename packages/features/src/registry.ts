import { AlgoError, assertNever, type Bar, type BarColumns, ErrorCode } from '@algotrader/core';
import { Atr, atr } from './atr';
import { BollingerBands, bollingerBands } from './bollinger';
import { DonchianChannel, donchianChannel } from './donchian';
import { Ema, ema } from './ema';
import type { Indicator } from './indicator';
import { Macd, macd } from './macd';
import { RateOfChange, rateOfChange } from './roc';
import { Rsi, rsi } from './rsi';
import { Sma, sma } from './sma';
import { checkParam, checkPeriod, checkSameLength } from './validate';
import { RollingVolatility, rollingVolatility } from './volatility';
import { Wma, wma } from './wma';
import { RollingZScore, rollingZScore } from './zscore';

export type PriceSource = 'open' | 'high' | 'low' | 'close' | 'volume';
const PRICE_SOURCES: readonly PriceSource[] = ['open', 'high', 'low', 'close', 'volume'];

/** The part of a bar features read; a core `Bar` fits. */
export type OhlcvBar = Pick<Bar, PriceSource>;
/** The columns features read; core `BarColumns` fit. */
export type OhlcvColumns = Pick<BarColumns, PriceSource>;

interface Sourced {
  /** Input column; default 'close'. */
  readonly source?: PriceSource;
}
export interface SmaSpec extends Sourced {
  readonly kind: 'sma';
  readonly period: number;
}
export interface EmaSpec extends Sourced {
  readonly kind: 'ema';
  readonly period: number;
}
export interface WmaSpec extends Sourced {
  readonly kind: 'wma';
  readonly period: number;
}
export interface RsiSpec extends Sourced {
  readonly kind: 'rsi';
  readonly period: number;
}
export interface RocSpec extends Sourced {
  readonly kind: 'roc';
  readonly period: number;
}
export interface ZScoreSpec extends Sourced {
  readonly kind: 'zscore';
  readonly period: number;
}
export interface VolatilitySpec extends Sourced {
  readonly kind: 'volatility';
  readonly period: number;
  /** Annualisation factor; default 1 (per-bar volatility). */
  readonly periodsPerYear?: number;
}
export interface BollingerSpec extends Sourced {
  readonly kind: 'bollinger';
  readonly period: number;
  /** Band width in standard deviations; default 2. */
  readonly k?: number;
}
export interface MacdSpec extends Sourced {
  readonly kind: 'macd';
  /** Defaults 12 / 26 / 9. */
  readonly fast?: number;
  readonly slow?: number;
  readonly signal?: number;
}
/** Reads high, low and close. */
export interface AtrSpec {
  readonly kind: 'atr';
  readonly period: number;
}
/** Reads high and low. */
export interface DonchianSpec {
  readonly kind: 'donchian';
  readonly period: number;
}

/** A feature a strategy declares. Two specs meaning the same thing have the same {@link featureKey}. */
export type FeatureSpec =
  | SmaSpec
  | EmaSpec
  | WmaSpec
  | RsiSpec
  | RocSpec
  | ZScoreSpec
  | VolatilitySpec
  | BollingerSpec
  | MacdSpec
  | AtrSpec
  | DonchianSpec;
export type FeatureKind = FeatureSpec['kind'];

/** A spec with every default filled in. */
type Normalized<S> = S extends FeatureSpec ? Required<S> : never;
export type NormalizedFeatureSpec = Normalized<FeatureSpec>;

/** Output names per kind; single-output features have the one output 'value'. */
export interface FeatureOutputNames {
  sma: 'value';
  ema: 'value';
  wma: 'value';
  rsi: 'value';
  roc: 'value';
  zscore: 'value';
  volatility: 'value';
  atr: 'value';
  bollinger: 'middle' | 'upper' | 'lower';
  macd: 'line' | 'signal' | 'histogram';
  donchian: 'upper' | 'middle' | 'lower';
}
export type FeatureOutput<S extends FeatureSpec = FeatureSpec> = FeatureOutputNames[S['kind']];

const OUTPUTS: { readonly [K in FeatureKind]: readonly FeatureOutputNames[K][] } = {
  sma: ['value'],
  ema: ['value'],
  wma: ['value'],
  rsi: ['value'],
  roc: ['value'],
  zscore: ['value'],
  volatility: ['value'],
  atr: ['value'],
  bollinger: ['middle', 'upper', 'lower'],
  macd: ['line', 'signal', 'histogram'],
  donchian: ['upper', 'middle', 'lower'],
};

/** The live form of a feature: feed closed bars, read outputs. */
export interface StreamingFeature<O extends string = string> {
  readonly key: string;
  readonly spec: NormalizedFeatureSpec;
  /** Output names; the first is the primary one returned by `value`. */
  readonly outputs: readonly O[];
  readonly warmup: number;
  readonly ready: boolean;
  /** The primary output (NaN until ready). */
  readonly value: number;
  /** Every output by name (a fresh object; NaN until ready). */
  readonly values: Readonly<Record<O, number>>;
  update(bar: OhlcvBar): void;
  reset(): void;
}

function invalid(message: string, details: Record<string, unknown>): AlgoError {
  return new AlgoError(ErrorCode.InvalidArgument, message, details);
}

function sourceOf(spec: Sourced & { readonly kind: string }): PriceSource {
  const source = spec.source ?? 'close';
  if (!PRICE_SOURCES.includes(source)) {
    throw invalid(`${spec.kind}: unknown source '${String(source)}'`, { feature: spec.kind, source });
  }
  return source;
}

/**
 * Fills defaults and validates parameters (throws AlgoError E_ARGUMENT). Specs may come from
 * untyped config, so an unknown kind or source is checked at runtime too.
 */
export function normalizeFeatureSpec(spec: FeatureSpec): NormalizedFeatureSpec {
  const kind = spec.kind;
  switch (spec.kind) {
    case 'sma':
    case 'ema':
    case 'wma':
    case 'rsi':
    case 'roc':
    case 'zscore':
      checkPeriod(kind, 'period', spec.period);
      return { kind: spec.kind, period: spec.period, source: sourceOf(spec) };
    case 'volatility': {
      const periodsPerYear = spec.periodsPerYear ?? 1;
      checkPeriod(kind, 'period', spec.period, 2);
      checkParam(kind, 'periodsPerYear', periodsPerYear, Number.MIN_VALUE);
      return { kind: spec.kind, period: spec.period, periodsPerYear, source: sourceOf(spec) };
    }
    case 'bollinger': {
      const k = spec.k ?? 2;
      checkPeriod(kind, 'period', spec.period);
      checkParam(kind, 'k', k, 0);
      return { kind: spec.kind, period: spec.period, k, source: sourceOf(spec) };
    }
    case 'macd': {
      const { fast = 12, slow = 26, signal = 9 } = spec;
      checkPeriod(kind, 'fast', fast);
      checkPeriod(kind, 'slow', slow);
      checkPeriod(kind, 'signal', signal);
      if (fast >= slow)
        throw invalid(`macd: fast (${fast}) must be < slow (${slow})`, { feature: kind, fast, slow });
      return { kind: spec.kind, fast, slow, signal, source: sourceOf(spec) };
    }
    case 'atr':
    case 'donchian':
      checkPeriod(kind, 'period', spec.period);
      return { kind: spec.kind, period: spec.period };
    default: {
      const unknown: never = spec;
      const name = String((unknown as { kind?: unknown }).kind);
      throw invalid(`unknown feature kind '${name}'`, { kind: name });
    }
  }
}

/**
 * Stable string key, defaults filled: `kind:source:params…` with numbers in JS `String()` form.
 * `sma:close:20`, `ema:close:50`, `wma:close:10`, `rsi:close:14`, `roc:close:24`,
 * `zscore:close:48`, `volatility:close:24:8760`, `bollinger:close:20:2`, `macd:close:12:26:9`,
 * `atr:hlc:14`, `donchian:hl:20`.
 */
export function featureKey(spec: FeatureSpec): string {
  const s = normalizeFeatureSpec(spec);
  switch (s.kind) {
    case 'sma':
    case 'ema':
    case 'wma':
    case 'rsi':
    case 'roc':
    case 'zscore':
      return `${s.kind}:${s.source}:${s.period}`;
    case 'volatility':
      return `volatility:${s.source}:${s.period}:${s.periodsPerYear}`;
    case 'bollinger':
      return `bollinger:${s.source}:${s.period}:${s.k}`;
    case 'macd':
      return `macd:${s.source}:${s.fast}:${s.slow}:${s.signal}`;
    case 'atr':
      return `atr:hlc:${s.period}`;
    case 'donchian':
      return `donchian:hl:${s.period}`;
    default:
      return assertNever(s, 'feature kind');
  }
}

/** A number field of a key: JS `String()` form only, so each key has one spelling. */
function keyNumber(key: string, field: string, text: string | undefined): number {
  const n = text === undefined || text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n) || String(n) !== text) {
    throw invalid(`feature key '${key}': ${field} must be a number in canonical form, got '${text ?? ''}'`, {
      key,
      field,
    });
  }
  return n;
}

function keySource(key: string, text: string | undefined): PriceSource {
  if (!PRICE_SOURCES.includes(text as PriceSource)) {
    throw invalid(
      `feature key '${key}': unknown source '${text ?? ''}' (one of ${PRICE_SOURCES.join(', ')})`,
      { key },
    );
  }
  return text as PriceSource;
}

/**
 * Inverse of {@link featureKey}: the spec a key names, validated. Only the canonical spelling is
 * accepted (`featureKey(parseFeatureKey(k)) === k`), so one feature never goes by two names — a
 * strategy declares `sma:close:20`, not `sma:20`. Throws AlgoError E_ARGUMENT with what is wrong.
 */
export function parseFeatureKey(key: string): NormalizedFeatureSpec {
  const parts = key.split(':');
  const kind = parts[0] as FeatureKind;
  const arity = (n: number, shape: string): void => {
    if (parts.length !== n) {
      throw invalid(`feature key '${key}' must look like '${shape}'`, { key });
    }
  };
  const source = (): PriceSource => keySource(key, parts[1]);
  const num = (field: string, at: number): number => keyNumber(key, field, parts[at]);
  let spec: FeatureSpec;
  switch (kind) {
    case 'sma':
    case 'ema':
    case 'wma':
    case 'rsi':
    case 'roc':
    case 'zscore':
      arity(3, `${kind}:<source>:<period>`);
      spec = { kind, source: source(), period: num('period', 2) };
      break;
    case 'volatility':
      arity(4, 'volatility:<source>:<period>:<periodsPerYear>');
      spec = { kind, source: source(), period: num('period', 2), periodsPerYear: num('periodsPerYear', 3) };
      break;
    case 'bollinger':
      arity(4, 'bollinger:<source>:<period>:<k>');
      spec = { kind, source: source(), period: num('period', 2), k: num('k', 3) };
      break;
    case 'macd':
      arity(5, 'macd:<source>:<fast>:<slow>:<signal>');
      spec = { kind, source: source(), fast: num('fast', 2), slow: num('slow', 3), signal: num('signal', 4) };
      break;
    case 'atr':
    case 'donchian': {
      const reads = kind === 'atr' ? 'hlc' : 'hl';
      arity(3, `${kind}:${reads}:<period>`);
      if (parts[1] !== reads)
        throw invalid(`feature key '${key}' must look like '${kind}:${reads}:<period>'`, { key });
      spec = { kind, period: num('period', 2) };
      break;
    }
    default: {
      const known = Object.keys(OUTPUTS).join(', ');
      throw invalid(`feature key '${key}': unknown kind '${String(kind)}' (one of ${known})`, { key });
    }
  }
  const normalized = normalizeFeatureSpec(spec);
  // Canonical spelling only; the number checks above make this hold, the check keeps it so.
  if (featureKey(normalized) !== key) {
    throw invalid(`feature key '${key}' is not canonical: write '${featureKey(normalized)}'`, { key });
  }
  return normalized;
}

export function featureOutputs<S extends FeatureSpec>(spec: S): readonly FeatureOutput<S>[] {
  const outputs: readonly string[] | undefined = Object.hasOwn(OUTPUTS, spec.kind)
    ? OUTPUTS[spec.kind]
    : undefined;
  if (outputs === undefined)
    throw invalid(`unknown feature kind '${String(spec.kind)}'`, { kind: spec.kind });
  return outputs as readonly FeatureOutput<S>[];
}

/**
 * One flat key per output, for a feature vector or a column table: the feature key itself for a
 * single-output feature, else `key.output` (e.g. `bollinger:close:20:2.upper`).
 */
export function featureOutputKeys(spec: FeatureSpec): string[] {
  const key = featureKey(spec);
  const outputs = featureOutputs(spec);
  return outputs.length === 1 ? [key] : outputs.map((o) => `${key}.${o}`);
}

/** The flat key of one output (see {@link featureOutputKeys}), e.g. `bollinger:close:20:2.lower`. */
export function featureOutputKey<S extends FeatureSpec>(spec: S, output: FeatureOutput<S>): string {
  const outputs: readonly string[] = featureOutputs(spec);
  if (!outputs.includes(output)) {
    throw invalid(`${spec.kind} has no output '${String(output)}' (outputs: ${outputs.join(', ')})`, {
      feature: spec.kind,
      output,
    });
  }
  const key = featureKey(spec);
  return outputs.length === 1 ? key : `${key}.${output}`;
}

interface Wiring {
  readonly indicator: Indicator;
  readonly feed: (bar: OhlcvBar) => void;
  readonly read: Readonly<Record<string, () => number>>;
}

function scalar(
  indicator: Indicator & { update(x: number): number; readonly value: number },
  source: PriceSource,
) {
  return {
    indicator,
    feed: (bar: OhlcvBar) => indicator.update(bar[source]),
    read: { value: () => indicator.value },
  };
}

function wire(s: NormalizedFeatureSpec): Wiring {
  switch (s.kind) {
    case 'sma':
      return scalar(new Sma(s.period), s.source);
    case 'ema':
      return scalar(new Ema(s.period), s.source);
    case 'wma':
      return scalar(new Wma(s.period), s.source);
    case 'rsi':
      return scalar(new Rsi(s.period), s.source);
    case 'roc':
      return scalar(new RateOfChange(s.period), s.source);
    case 'zscore':
      return scalar(new RollingZScore(s.period), s.source);
    case 'volatility':
      return scalar(new RollingVolatility(s.period, s.periodsPerYear), s.source);
    case 'atr': {
      const a = new Atr(s.period);
      return {
        indicator: a,
        feed: (bar) => a.update(bar.high, bar.low, bar.close),
        read: { value: () => a.value },
      };
    }
    case 'bollinger': {
      const b = new BollingerBands(s.period, s.k);
      const source = s.source;
      return {
        indicator: b,
        feed: (bar) => b.update(bar[source]),
        read: { middle: () => b.middle, upper: () => b.upper, lower: () => b.lower },
      };
    }
    case 'macd': {
      const m = new Macd(s.fast, s.slow, s.signal);
      const source = s.source;
      return {
        indicator: m,
        feed: (bar) => m.update(bar[source]),
        read: { line: () => m.line, signal: () => m.signal, histogram: () => m.histogram },
      };
    }
    case 'donchian': {
      const d = new DonchianChannel(s.period);
      return {
        indicator: d,
        feed: (bar) => d.update(bar.high, bar.low),
        read: { upper: () => d.upper, middle: () => d.middle, lower: () => d.lower },
      };
    }
    default:
      return assertNever(s, 'feature kind');
  }
}

class WiredFeature<O extends string> implements StreamingFeature<O> {
  readonly key: string;
  readonly spec: NormalizedFeatureSpec;
  readonly outputs: readonly O[];
  private readonly wiring: Wiring;
  private readonly readers: readonly (() => number)[];

  constructor(spec: FeatureSpec) {
    this.spec = normalizeFeatureSpec(spec);
    this.key = featureKey(this.spec);
    this.outputs = featureOutputs(this.spec) as readonly string[] as readonly O[];
    this.wiring = wire(this.spec);
    this.readers = this.outputs.map((o) => this.wiring.read[o]!);
  }

  get warmup(): number {
    return this.wiring.indicator.warmup;
  }

  get ready(): boolean {
    return this.wiring.indicator.ready;
  }

  get value(): number {
    return this.readers[0]!();
  }

  get values(): Readonly<Record<O, number>> {
    const out: Partial<Record<O, number>> = {};
    for (let i = 0; i < this.outputs.length; i++) out[this.outputs[i]!] = this.readers[i]!();
    return out as Record<O, number>;
  }

  update(bar: OhlcvBar): void {
    this.wiring.feed(bar);
  }

  reset(): void {
    this.wiring.indicator.reset();
  }
}

/** The streaming (live) form of a spec. Agrees bitwise with {@link computeBatchFeature} on the same bars. */
export function createStreamingFeature<S extends FeatureSpec>(spec: S): StreamingFeature<FeatureOutput<S>> {
  return new WiredFeature<FeatureOutput<S>>(spec);
}

/**
 * The batch (backtest) form of a spec: one Float64Array per output, as long as the columns, NaN
 * during warm-up. Row i equals the streaming value after feeding rows 0…i, bitwise.
 */
export function computeBatchFeature<S extends FeatureSpec>(
  spec: S,
  columns: OhlcvColumns,
): Readonly<Record<FeatureOutput<S>, Float64Array>> {
  const { open, high, low, close, volume } = columns;
  checkSameLength('features', open, high, low, close, volume);
  return batch(normalizeFeatureSpec(spec), columns) as Record<FeatureOutput<S>, Float64Array>;
}

function batch(s: NormalizedFeatureSpec, c: OhlcvColumns): Readonly<Record<string, Float64Array>> {
  switch (s.kind) {
    case 'sma':
      return { value: sma(c[s.source], s.period) };
    case 'ema':
      return { value: ema(c[s.source], s.period) };
    case 'wma':
      return { value: wma(c[s.source], s.period) };
    case 'rsi':
      return { value: rsi(c[s.source], s.period) };
    case 'roc':
      return { value: rateOfChange(c[s.source], s.period) };
    case 'zscore':
      return { value: rollingZScore(c[s.source], s.period) };
    case 'volatility':
      return { value: rollingVolatility(c[s.source], s.period, s.periodsPerYear) };
    case 'atr':
      return { value: atr(c.high, c.low, c.close, s.period) };
    case 'bollinger': {
      const { middle, upper, lower } = bollingerBands(c[s.source], s.period, s.k);
      return { middle, upper, lower };
    }
    case 'macd': {
      const { line, signal, histogram } = macd(c[s.source], s.fast, s.slow, s.signal);
      return { line, signal, histogram };
    }
    case 'donchian': {
      const { upper, middle, lower } = donchianChannel(c.high, c.low, s.period);
      return { upper, middle, lower };
    }
    default:
      return assertNever(s, 'feature kind');
  }
}

/** Bars until the first value (the same as the streaming feature's `warmup`). */
export function featureWarmup(spec: FeatureSpec): number {
  return wire(normalizeFeatureSpec(spec)).indicator.warmup;
}

/**
 * Residual influence of history before the replayed window that {@link featureHistoryBars} allows,
 * relative to the seed's own error.
 */
export const FEATURE_HISTORY_TOLERANCE = 1e-9;

/**
 * A tolerance for {@link featureHistoryBars} below double rounding (2⁻⁶⁰ < 2⁻⁵³): after that many
 * bars the seed's weight no longer shows in a double, so a restarted live engine replaying them
 * gives the bits of an uninterrupted one. The live feature-engine keeps this much history.
 */
export const FEATURE_REPLAY_TOLERANCE = 2 ** -60;

/**
 * Bars of history the live engine should replay before trusting a value to match a backtest that
 * started earlier. Window features (sma, wma, zscore, volatility, bollinger, roc, donchian) depend
 * on their last `warmup` bars only and match bitwise after `warmup`. Recursive ones (ema, rsi, atr,
 * macd) remember their seed; this adds the bars for its influence to decay below `tolerance`
 * (default {@link FEATURE_HISTORY_TOLERANCE}; {@link FEATURE_REPLAY_TOLERANCE} for bit for bit).
 */
export function featureHistoryBars(spec: FeatureSpec, tolerance = FEATURE_HISTORY_TOLERANCE): number {
  if (!(tolerance > 0 && tolerance < 1)) {
    throw invalid(`featureHistoryBars: tolerance must be in (0, 1), got ${tolerance}`, { tolerance });
  }
  const s = normalizeFeatureSpec(spec);
  const warmup = featureWarmup(s);
  const emaDecay = (p: number) => (p - 1) / (p + 1);
  const wilderDecay = (p: number) => (p - 1) / p;
  let decay: number;
  switch (s.kind) {
    case 'ema':
      decay = emaDecay(s.period);
      break;
    case 'rsi':
    case 'atr':
      decay = wilderDecay(s.period);
      break;
    case 'macd':
      decay = Math.max(emaDecay(s.slow), emaDecay(s.signal));
      break;
    case 'sma':
    case 'wma':
    case 'roc':
    case 'zscore':
    case 'volatility':
    case 'bollinger':
    case 'donchian':
      return warmup;
    default:
      return assertNever(s, 'feature kind');
  }
  if (decay === 0) return warmup;
  return warmup + Math.ceil(Math.log(tolerance) / Math.log(decay));
}
