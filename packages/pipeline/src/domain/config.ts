import {
  AlgoError,
  ErrorCode,
  formatInstrument,
  type Instrument,
  okxSwapContract,
  parseInstrument,
  type SwapContract,
  swapContract,
  TIMEFRAMES,
  type Timeframe,
  type TradingCalendar,
  timeframeMs,
} from '@algotrader/core';
import {
  FEATURE_REPLAY_TOLERANCE,
  type FeatureSpec,
  featureHistoryBars,
  featureKey,
} from '@algotrader/features';
import {
  DAY_MS,
  FillModel,
  FillModelSchema,
  type InstrumentSpec,
  instrumentSpec,
  type SwapSetting,
  swapSpec,
} from '@algotrader/portfolio';
import {
  type AnyStrategy,
  declaredFeatures,
  getStrategy,
  parseParams,
  windowCapacity,
} from '@algotrader/strategy';
import { z } from 'zod';
import { calendarOfMarket, VENUE_NAMES } from './venues';

const STRATEGY_ID = /^[a-z][a-z0-9_]{0,47}$/;

export const StrategyEntrySchema = z
  .object({
    /** Registry name of the strategy. */
    name: z.string(),
    /**
     * Label in signal keys and client order ids; defaults to `name`. Give two entries of one
     * strategy different ids.
     */
    id: z.string().regex(STRATEGY_ID).optional(),
    /** Parsed by the strategy's own schema (defaults applied, unknown keys rejected). */
    params: z.unknown().default({}),
    /** `OKX:BTC/USDT`; a subset of the pipeline's instruments, in the strategy's universe order. */
    instruments: z.array(z.string()).min(1),
    /**
     * Not configurable: a strategy declares its features (`features(params)`), and the
     * feature-engine computes exactly those. Kept only to say so to an old configuration.
     */
    features: z
      .never({
        error: 'features are declared by the strategy itself (features(params)); remove this list',
      })
      .optional(),
  })
  .strict();

/** Exchange rules of one instrument; missing fields take the portfolio's DEFAULT_SPEC. */
export const SpecSchema = z
  .object({
    lotSize: z.number().positive().optional(),
    minQty: z.number().min(0).optional(),
    minNotional: z.number().min(0).optional(),
    tickSize: z.number().positive().optional(),
  })
  .strict();

/**
 * Risk limits applied by the risk gate. `null` switches a limit off. Amounts are in the quote
 * currency; fractions are of equity.
 */
export const RiskLimitsSchema = z
  .object({
    maxOrderNotional: z.number().positive().nullable().default(25_000),
    maxPositionNotional: z.number().positive().nullable().default(50_000),
    /** Σ |position| × mark after the order, as a multiple of equity (1 = fully invested spot). */
    maxGrossExposure: z.number().positive().nullable().default(1),
    maxOrdersPerMinute: z.number().int().positive().nullable().default(30),
    /** Loss since the start of the account's day (bar time) as a fraction of that day's starting equity. */
    maxDailyLoss: z.number().gt(0).lt(1).nullable().default(0.05),
    /**
     * The account's day (day-start equity, daily P&L, MAX_DAILY_LOSS) begins this long after UTC
     * midnight, ms: 0 = UTC days; 57_600_000 = midnight in UTC+8. The Account's `dayOf` applies it.
     */
    dayOffsetMs: z.number().int().gt(-DAY_MS).lt(DAY_MS).default(0),
    /** Fall from the running equity peak as a fraction of the peak. */
    maxDrawdown: z.number().gt(0).lt(1).nullable().default(0.25),
    /** No orders on a decision older than this many bars by the clock (live mode only). */
    staleAfterBars: z.number().positive().nullable().default(1),
    /** A buy may exceed the cash available by this fraction (the fill model caps it to the cash). */
    cashTolerance: z.number().min(0).max(0.5).default(0.01),
    /** How long the gate waits for the account to reach a decision time before refusing, ms. */
    accountWaitMs: z.number().int().positive().default(30_000),
    // Perpetual swaps (apps/risk-gate/src/perp-rules.ts); spot instruments ignore these.
    /** Σ |swap qty| × mark / equity after an order, at most (null: no limit). */
    maxAccountLeverage: z.number().positive().nullable().default(3),
    /** Per swap key (`OKX:BTC/USDT:USDT`): notional / equity at most; a swap without one is held to its `swaps` leverage. */
    maxInstrumentLeverage: z.record(z.string(), z.number().positive()).default({}),
    /** |mark − liquidation price| / mark after an order, at least (0.2 = 20%; null: none). */
    minLiquidationDistance: z.number().gt(0).lt(1).nullable().default(0.2),
    /** Margin ratio (collateral / maintenance margin; 1 = liquidation) below which the account halts. */
    haltMarginRatio: z.number().gt(1).nullable().default(1.5),
    /** Margin ratio below which the gate raises a warning (above the halt level). */
    alertMarginRatio: z.number().gt(1).nullable().default(3),
    /**
     * |current funding rate| at or above which no swap position may be opened or grown on the side
     * that pays it (EXTREME_FUNDING; live mode, rate from md.funding.*). null: the guard is off.
     */
    maxFundingRate: z.number().gt(0).lt(1).nullable().default(null),
    /** A funding rate fetched longer ago than this (ms; 2 funding intervals) is stale: STALE_DATA, like a stale bar. */
    fundingStaleMs: z
      .number()
      .int()
      .positive()
      .default(16 * 3_600_000),
  })
  .strict();

const DEFAULT_RISK = RiskLimitsSchema.parse({});

/** Contract terms of a swap the built-in table (`OKX_SWAPS`) does not list (OKX `public/instruments`, `position-tiers`). */
const ContractSchema = z
  .object({
    ctVal: z.number().positive(),
    lotSz: z.number().positive(),
    minSz: z.number().positive(),
    tickSz: z.number().positive(),
    maxLeverage: z.number().positive(),
    /** Ascending `maxQty` (base units); the last one may be omitted as "every larger size" by giving a huge value. */
    tiers: z
      .array(
        z
          .object({
            maxQty: z.number().positive(),
            mmr: z.number().gt(0).lt(1),
            maxLeverage: z.number().positive(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** The one pipeline configuration every stage reads (env ALGOTRADER_PIPELINE names the file). */
export const PipelineConfigSchema = z
  .object({
    /** Account name: KV keys, subjects `ord.*.<account>`, client order ids. */
    account: z
      .string()
      .regex(/^[a-z0-9_-]{1,32}$/)
      .default('paper'),
    venue: z
      .string()
      .regex(/^[A-Z0-9]{1,20}$/)
      .default('OKX'),
    timeframe: z.enum(TIMEFRAMES).default('1h'),
    /** Every instrument the pipeline follows, `OKX:BTC/USDT`; this order is the account's order. */
    instruments: z.array(z.string()).min(1),
    strategies: z.array(StrategyEntrySchema).min(1),
    /** Modules the strategy-runner imports before looking strategies up (they call registerStrategy). */
    plugins: z.array(z.string()).default([]),
    /** The order-router's venue (its registry: apps/order-router/src/venues.ts): `paper` simulates fills on live bars, `okx` trades OKX spot. */
    broker: z.enum(VENUE_NAMES).default('paper'),
    paper: z
      .object({
        initialCash: z.number().positive().default(10_000),
        quoteCurrency: z
          .string()
          .regex(/^[A-Z0-9]{1,20}$/)
          .default('USDT'),
      })
      .strict()
      .default({ initialCash: 10_000, quoteCurrency: 'USDT' }),
    /** The backtest's fill model (timing, fees, slippage), used by the paper broker. */
    fillModel: FillModelSchema.default({
      timing: 'next_open',
      fees: { maker: 0.0008, taker: 0.001 },
      slippage: { kind: 'none' },
    }),
    risk: RiskLimitsSchema.default(DEFAULT_RISK),
    /** Exchange rules by instrument (`OKX:BTC/USDT`). */
    specs: z.record(z.string(), SpecSchema).default({}),
    /** Perpetual swaps (`OKX:BTC/USDT:USDT`): margin mode and leverage per instrument (broker `okx_swap`). */
    swaps: z
      .record(
        z.string(),
        z
          .object({
            marginMode: z.enum(['cross', 'isolated']).default('cross'),
            leverage: z.number().min(1).max(125).default(1),
            /** Needed only for a swap `OKX_SWAPS` does not list (BTC and ETH are built in). */
            contract: ContractSchema.optional(),
          })
          .strict(),
      )
      .default({}),
    /** `replay`: historical bars at full speed; the stale-data guard is off and rates count bar time. */
    mode: z.enum(['live', 'replay']).default('live'),
    /**
     * Replay mode: the bars the replay covers, open times in [from, to) (a date `2024-08-01` is
     * midnight UTC, or an ISO time). The stages refuse (dead-letter, count, alert) bars, markers,
     * feature vectors and signals whose close time no such bar can have; the `replay` command
     * publishes this range when given no --from/--to.
     */
    replayWindow: z.object({ from: z.string().optional(), to: z.string().optional() }).strict().optional(),
    /** Stages save their checkpoint at most this often while busy (always at an idle moment), ms. */
    checkpointEveryMs: z.number().int().min(0).default(1_000),
    /** Files the replay command reads bars from (`OKX:BTC/USDT` → CSV path); else the Parquet store. */
    data: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type PipelineConfig = z.output<typeof PipelineConfigSchema>;
export type PipelineConfigInput = z.input<typeof PipelineConfigSchema>;
export type RiskLimits = z.output<typeof RiskLimitsSchema>;

/** One configured strategy, resolved against the registry. */
export interface StrategyEntry {
  /** Label in signals and order ids. */
  readonly id: string;
  readonly strategy: AnyStrategy;
  readonly params: unknown;
  readonly instruments: readonly Instrument[];
  /** Bars each window keeps (the strategy's warm-up, as in the backtest). */
  readonly capacity: number;
  /** What the strategy declares for these parameters (`features(params)`), each once. */
  readonly features: readonly FeatureSpec[];
}

/** The configuration with instruments parsed, strategies looked up and defaults resolved. */
export interface Pipeline {
  readonly config: PipelineConfig;
  readonly account: string;
  readonly venue: string;
  readonly tf: Timeframe;
  readonly tfMs: number;
  /** When the instruments trade (IBKR stocks: NYSE; crypto: 24/7): fill times and staleness follow it. */
  readonly calendar: TradingCalendar;
  readonly instruments: readonly Instrument[];
  /** `formatInstrument` of each instrument, same order. */
  readonly keys: readonly string[];
  readonly specs: readonly InstrumentSpec[];
  readonly strategies: readonly StrategyEntry[];
  /** Union of the features the strategies declare, one per feature key. */
  readonly features: readonly FeatureSpec[];
  /**
   * Bars of history the feature-engine keeps per instrument to rebuild its features after a
   * restart: the longest `featureHistoryBars` of the declared features, at FEATURE_REPLAY_TOLERANCE.
   */
  readonly featureHistory: number;
  readonly fillModel: FillModel;
  /** Margin mode and leverage of each swap instrument, by key (the Account's `swapSettings`). */
  readonly swapSettings: Readonly<Record<string, SwapSetting>>;
  /** `replayWindow` in ms (open times in [fromMs, toMs)), when configured. */
  readonly replayWindow?: { readonly fromMs?: number; readonly toMs?: number };
  indexOf(instrument: Instrument | string): number;
}

function configError(message: string): AlgoError {
  return new AlgoError(ErrorCode.InvalidConfig, `invalid pipeline configuration: ${message}`);
}

/** Validates a parsed JSON object (unknown keys rejected) and resolves it. */
export function parsePipelineConfig(
  raw: unknown,
  lookup: (name: string) => AnyStrategy = getStrategy,
): Pipeline {
  const parsed = PipelineConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw configError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  }
  return resolvePipeline(parsed.data, lookup);
}

export function resolvePipeline(
  config: PipelineConfig,
  lookup: (name: string) => AnyStrategy = getStrategy,
): Pipeline {
  const tf = config.timeframe;
  const instruments = config.instruments.map((s) => parseInstrument(s, config.venue));
  const keys = instruments.map(formatInstrument);
  const byKey = new Map<string, number>();
  keys.forEach((k, i) => {
    if (byKey.has(k)) throw configError(`instrument ${k} listed twice`);
    if (instruments[i]!.venue !== config.venue) throw configError(`${k} is not on venue ${config.venue}`);
    byKey.set(k, i);
  });
  for (const k of Object.keys(config.specs)) {
    if (!byKey.has(formatInstrument(parseInstrument(k, config.venue)))) {
      throw configError(`specs names ${k}, which is not in instruments`);
    }
  }
  const specRules = new Map(
    Object.entries(config.specs).map(([k, v]) => [formatInstrument(parseInstrument(k, config.venue)), v]),
  );
  for (const k of Object.keys(config.swaps)) {
    const key = formatInstrument(parseInstrument(k, config.venue));
    if (!byKey.has(key) || instruments[byKey.get(key)!]!.settle === undefined) {
      throw configError(`swaps names ${k}, which is not a swap in instruments (OKX:BTC/USDT:USDT)`);
    }
  }
  const swapEntry = (key: string) =>
    Object.entries(config.swaps).find(
      ([k]) => formatInstrument(parseInstrument(k, config.venue)) === key,
    )?.[1];
  const swapSettings: Record<string, SwapSetting> = {};
  const specs = instruments.map((inst, i) => {
    if (inst.settle !== undefined) {
      // A swap: lot and minimum are whole contract steps in base units; margin from the contract's tiers.
      const entry = swapEntry(keys[i]!);
      if (specRules.has(keys[i]!)) {
        throw configError(
          `specs names the swap ${keys[i]}: give its contract terms in swaps.${keys[i]}.contract`,
        );
      }
      let contract: SwapContract | undefined;
      try {
        contract = entry?.contract
          ? swapContract({ instrument: inst, ...entry.contract })
          : okxSwapContract(inst);
      } catch (e) {
        throw configError(`swaps.${keys[i]}.contract: ${(e as Error).message}`);
      }
      if (!contract) {
        throw configError(
          `no contract terms for the swap ${keys[i]}: add swaps.${keys[i]}.contract (ctVal, lotSz, minSz, tickSz, maxLeverage, tiers from OKX)`,
        );
      }
      const setting: SwapSetting = { mode: entry?.marginMode ?? 'cross', leverage: entry?.leverage ?? 1 };
      if (setting.leverage > contract.maxLeverage) {
        throw configError(
          `swaps.${keys[i]}.leverage ${setting.leverage} is above the contract's ${contract.maxLeverage}×`,
        );
      }
      swapSettings[keys[i]!] = setting;
      return swapSpec(contract);
    }
    const rules = specRules.get(keys[i]!) ?? {};
    const clean = Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined));
    return instrumentSpec(inst, clean);
  });
  const ids = new Set<string>();
  const strategies: StrategyEntry[] = config.strategies.map((e) => {
    const strategy = lookup(e.name);
    const id = e.id ?? e.name;
    if (!STRATEGY_ID.test(id)) throw configError(`strategy id "${id}" must be snake_case`);
    if (ids.has(id)) throw configError(`two strategies with the id ${id}: give one an "id"`);
    ids.add(id);
    if (strategy.timeframes !== 'any' && !strategy.timeframes.includes(tf)) {
      throw configError(`strategy ${e.name} runs on ${strategy.timeframes.join(', ')}, not ${tf}`);
    }
    const params = parseParams(strategy, e.params);
    const own = e.instruments.map((s) => {
      const k = formatInstrument(parseInstrument(s, config.venue));
      const idx = byKey.get(k);
      if (idx === undefined) throw configError(`strategy ${id} trades ${k}, which is not in instruments`);
      return instruments[idx]!;
    });
    if (new Set(own.map(formatInstrument)).size !== own.length) {
      throw configError(`strategy ${id} lists an instrument twice`);
    }
    return {
      id,
      strategy,
      params,
      instruments: own,
      capacity: windowCapacity(strategy, params),
      features: declaredFeatures(strategy, params).specs,
    };
  });
  const features = new Map<string, FeatureSpec>();
  for (const s of strategies) for (const f of s.features) features.set(featureKey(f), f);
  // Below double rounding, so a restarted feature-engine's recursive features (EMA, RSI, …) keep
  // the bits of an uninterrupted run: backtest ≡ live survives a restart.
  const featureHistory = Math.max(
    1,
    ...[...features.values()].map((f) => featureHistoryBars(f, FEATURE_REPLAY_TOLERANCE)),
  );
  const replayWindow = windowOf(config);
  return {
    config,
    ...(replayWindow ? { replayWindow } : {}),
    account: config.account,
    venue: config.venue,
    tf,
    tfMs: timeframeMs(tf),
    calendar: calendarOfMarket(config.venue),
    instruments,
    keys,
    specs,
    strategies,
    features: [...features.values()],
    featureHistory,
    fillModel: new FillModel(config.fillModel),
    swapSettings,
    indexOf(i: Instrument | string): number {
      return byKey.get(typeof i === 'string' ? i : formatInstrument(i)) ?? -1;
    },
  };
}

function windowTime(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(ms)) {
    throw configError(`replayWindow.${what} must be a date (2024-08-01) or an ISO time, got "${text}"`);
  }
  return ms;
}

function windowOf(config: PipelineConfig): Pipeline['replayWindow'] {
  const w = config.replayWindow;
  if (!w) return undefined;
  if (config.mode !== 'replay') throw configError('replayWindow is for mode "replay"');
  const fromMs = windowTime(w.from, 'from');
  const toMs = windowTime(w.to, 'to');
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) {
    throw configError(`replayWindow.from ${w.from} is not before replayWindow.to ${w.to}`);
  }
  return { ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}) };
}
