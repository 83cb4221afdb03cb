import {
  AlgoError,
  type BarColumns,
  ErrorCode,
  type FundingGap,
  type FundingSeries,
  formatInstrument,
  fundingGaps,
  type Instrument,
  isSwap,
  type PriceCandles,
  type SwapContract,
  swapContract,
  type Timeframe,
  timeframeMs,
  validateFunding,
  validatePriceCandles,
} from '@algotrader/core';
import {
  Account,
  armProtection,
  checkProtection,
  fillSwapAtOpen,
  floorToStep,
  type InstrumentSpec,
  type Liquidation,
  type Position,
  type Protection,
  planOrders,
  type SwapSetting,
  swapSpec,
} from '@algotrader/portfolio';
import {
  type AnyStrategy,
  ColumnFeatureFeed,
  ColumnFeed,
  type Decision,
  type Exits,
  isTargetDecision,
  parseParams,
  StrategyHost,
  windowCapacity,
} from '@algotrader/strategy';
import { validateSeries } from '../data';
import type { EquityCurve } from '../engine';

/** One swap in a perp backtest: trade candles, mark candles on the same grid, funding history. */
export interface SwapSeries {
  readonly contract: SwapContract;
  /** Trade candles; fills happen at their open. */
  readonly bars: BarColumns;
  /** Mark-price candles with the same open times as `bars` (every bar needs one). */
  readonly mark: PriceCandles;
  readonly funding: FundingSeries;
  /** Margin mode and leverage (default cross, 1×). */
  readonly setting?: SwapSetting;
}

export interface PerpBacktestConfig {
  readonly strategy: AnyStrategy;
  readonly params?: unknown;
  readonly timeframe: Timeframe;
  readonly series: readonly SwapSeries[];
  readonly initialCash: number;
  /** Taker fee rate on every fill (market orders at the next open). Default 0.0005 (OKX regular tier). */
  readonly takerFee?: number;
  /** Slippage against us, basis points of the fill price. Default 0. */
  readonly slippageBps?: number;
  /** Liquidation fee, fraction of the notional at the liquidation price. Default 0.0005. */
  readonly liquidationFeeRate?: number;
}

export interface PerpOrder {
  readonly instrument: Instrument;
  /** Signed base units: > 0 buy, < 0 sell. */
  readonly qty: number;
  /** Only reduces the position: clipped to it, refused when there is nothing to reduce. */
  readonly reduceOnly: boolean;
  /** Close time of the decision bar. */
  readonly decisionTime: number;
  /** Protective exits armed when this order opens or adds to the position (long or short). */
  readonly exits?: Exits;
}

export interface PerpOrderRecord {
  readonly order: PerpOrder;
  status: 'pending' | 'filled' | 'rejected' | 'cancelled';
  filledQty: number;
  fillPrice: number;
  reason?: string;
}

export interface PerpFill {
  readonly time: number;
  readonly instrument: Instrument;
  readonly kind: 'trade' | 'liquidation';
  /** Signed base units. */
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly reduceOnly: boolean;
  /** A protective exit that closed the position (absent: the strategy's order). */
  readonly reason?: 'stop_loss' | 'take_profit' | 'trailing_stop';
}

export interface FundingPayment {
  /** Settlement time. */
  readonly time: number;
  readonly instrument: Instrument;
  readonly rate: number;
  /** Mark price at the settlement (the mark candle's open). */
  readonly mark: number;
  /** Position held at the settlement, signed base units. */
  readonly qty: number;
  /** Received (> 0) or paid (< 0). */
  readonly amount: number;
}

export interface LiquidationEvent extends Liquidation {
  /** Close time of the bar in which the mark price reached the liquidation price. */
  readonly time: number;
  readonly instrument: Instrument;
}

/** What the result's figures add up to: final equity = initial + realized − fees + funding − liquidation + unrealized. */
export interface PerpTotals {
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  /** Trading fees (fills). */
  readonly fees: number;
  /** Net funding: received − paid. */
  readonly funding: number;
  readonly fundingPaid: number;
  readonly fundingReceived: number;
  /** Everything lost to liquidations (trading loss at the price + liquidation fee + insurance fund). */
  readonly liquidationLoss: number;
  readonly liquidationFees: number;
  readonly liquidations: number;
}

export interface PerpBacktestResult {
  readonly strategy: string;
  readonly params: unknown;
  readonly timeframe: Timeframe;
  readonly instruments: readonly Instrument[];
  readonly initialCash: number;
  readonly startTime: number;
  readonly orders: readonly PerpOrderRecord[];
  readonly fills: readonly PerpFill[];
  readonly funding: readonly FundingPayment[];
  readonly liquidations: readonly LiquidationEvent[];
  /** Holes in the funding histories within the run (reported, never filled). */
  readonly fundingGaps: readonly (FundingGap & { readonly instrument: Instrument })[];
  /** Settlement times (on the 8 h grid) a position was held through with no funding row: nothing was booked. */
  readonly unpricedSettlements: readonly { readonly time: number; readonly instrument: Instrument }[];
  /** Per bar close: equity, cash, gross leverage (as `exposure`), drawdown; plus the worst margin ratio. */
  readonly equity: EquityCurve & { readonly marginRatio: Float64Array };
  readonly positions: readonly Position[];
  readonly totals: PerpTotals;
  readonly finalEquity: number;
}

const SETTLEMENT_MS = 8 * 3_600_000;

function bad(why: string, details?: Record<string, unknown>): AlgoError {
  return new AlgoError(ErrorCode.InvalidData, why, details);
}

/**
 * Backtests a strategy on USDT perpetual swaps in one-way (net) mode: long and short, leverage,
 * isolated or cross margin. Per bar (open time t), in this order:
 * 1. funding settles at t (a settlement must fall on a bar open): the position held into t pays or
 *    receives qty × mark × rate, the mark being the mark candle's open;
 * 2. orders decided at the previous close fill at the trade open (taker fee, slippage; portfolio
 *    `fillSwapAtOpen`, shared with the paper venue); reduce-only orders are clipped to the
 *    position; an opening order (a flip's part beyond zero) needs its initial margin free;
 *    targets become orders through `planOrders`, as in the risk gate;
 * 2b. protective exits (stop-loss, take-profit, trailing stop, long or short; portfolio
 *    protection.ts) against the trade candle, filled at the trigger (the open after a gap) — not in
 *    a bar whose mark candle also reached the liquidation price: the liquidation wins;
 * 3. a position whose liquidation price the mark candle's low (long) or high (short) reaches is
 *    liquidated there (at the mark open when it gapped past): margin or cross collateral lost;
 * 4. positions are marked at the mark close, the account revalued, and the strategy decides.
 * Bad input — a mark candle missing for a bar, a non-finite funding rate, a zero ctVal — is an
 * error naming it, never a silent zero.
 */
export function runPerpBacktest(config: PerpBacktestConfig): PerpBacktestResult {
  const { strategy, timeframe: tf, series, initialCash } = config;
  const tfMs = timeframeMs(tf);
  if (series.length === 0) throw bad('a perp backtest needs at least one swap');
  if (strategy.timeframes !== 'any' && !strategy.timeframes.includes(tf)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `strategy ${strategy.name} runs on ${strategy.timeframes.join(', ')}, not ${tf}`,
    );
  }
  const specs: InstrumentSpec[] = series.map((s) => swapSpec(swapContract(s.contract)));
  const instruments = specs.map((s) => s.instrument);
  for (const [k, s] of series.entries()) {
    const name = formatInstrument(instruments[k]!);
    if (!isSwap(instruments[k]!)) throw bad(`${name} is not a swap`);
    validateSeries(instruments[k]!, s.bars, tf);
    validatePriceCandles(s.mark, `${name} mark`);
    validateFunding(s.funding, `${name} funding`);
  }
  const n = series.length;
  const takerFee = config.takerFee ?? 0.0005;
  const slip = (config.slippageBps ?? 0) / 10_000;
  const swapSettings: Record<string, SwapSetting> = {};
  series.forEach((s, k) => {
    swapSettings[formatInstrument(instruments[k]!)] = s.setting ?? { mode: 'cross', leverage: 1 };
  });
  const book = Account.open({
    initialCash,
    specs,
    swapSettings,
    ...(config.liquidationFeeRate === undefined ? {} : { liquidationFeeRate: config.liquidationFeeRate }),
  });
  const params = parseParams(strategy, config.params);
  const capacity = windowCapacity(strategy, params);
  const feeds = series.map((s) => new ColumnFeed(s.bars, tf, capacity));
  const host = new StrategyHost({
    strategy,
    params,
    instruments,
    windows: feeds.map((f) => f.window),
    portfolio: book.view,
  });
  const featureFeeds = series.map((s, k) => new ColumnFeatureFeed(host.declared, s.bars, host.features[k]!));

  // Union of bar open times, ascending.
  const opens = Float64Array.from(new Set(series.flatMap((s) => Array.from(s.bars.openTime)))).sort();
  const T = opens.length;
  const out = {
    time: new Float64Array(T),
    equity: new Float64Array(T),
    cash: new Float64Array(T),
    exposure: new Float64Array(T),
    drawdown: new Float64Array(T),
    marginRatio: new Float64Array(T),
  };
  const orders: PerpOrderRecord[] = [];
  const fills: PerpFill[] = [];
  const funding: FundingPayment[] = [];
  const liquidations: LiquidationEvent[] = [];
  const unpriced: { time: number; instrument: Instrument }[] = [];
  let pending: { rec: PerpOrderRecord; k: number }[] = [];
  const prot: (Protection | undefined)[] = series.map(() => undefined);
  const barAt = new Int32Array(n);
  const markAt = new Int32Array(n);
  const fundAt = new Int32Array(n);
  const cur = new Int32Array(n).fill(-1);
  const updated = host.updated;
  const first = T > 0 ? opens[0]! : 0;
  const last = T > 0 ? opens[T - 1]! + tfMs : 0;

  for (let ti = 0; ti < T; ti++) {
    const t = opens[ti]!;
    for (let k = 0; k < n; k++) {
      const s = series[k]!;
      const i = barAt[k]!;
      if (i < s.bars.openTime.length && s.bars.openTime[i] === t) {
        cur[k] = i;
        barAt[k] = i + 1;
        while (markAt[k]! < s.mark.openTime.length && s.mark.openTime[markAt[k]!]! < t) markAt[k]!++;
        if (s.mark.openTime[markAt[k]!] !== t) {
          throw bad(
            `${formatInstrument(instruments[k]!)}: mark candle missing for the bar at ${new Date(t).toISOString()}`,
            {
              time: t,
            },
          );
        }
      } else {
        cur[k] = -1;
      }
    }

    // 1. Funding settlements at t (and none may fall inside the bar: the mark would be unknown).
    for (let k = 0; k < n; k++) {
      const f = series[k]!.funding;
      while (fundAt[k]! < f.time.length && f.time[fundAt[k]!]! < t) {
        const s = f.time[fundAt[k]!]!;
        if (s > first && book.qty(k) !== 0) {
          throw bad(
            `${formatInstrument(instruments[k]!)}: funding settlement at ${new Date(s).toISOString()} falls inside a bar; use a timeframe that divides 8h`,
          );
        }
        fundAt[k]!++;
      }
      const onGrid = t % SETTLEMENT_MS === 0;
      const has = fundAt[k]! < f.time.length && f.time[fundAt[k]!] === t;
      const q = book.qty(k);
      if (has) {
        const rate = f.rate[fundAt[k]!]!;
        fundAt[k]!++;
        if (q !== 0) {
          if (cur[k]! < 0) {
            throw bad(
              `${formatInstrument(instruments[k]!)}: no mark candle at the settlement ${new Date(t).toISOString()}`,
            );
          }
          const mark = series[k]!.mark.open[markAt[k]!]!;
          const amount = book.applyFunding(k, rate, mark);
          funding.push({ time: t, instrument: instruments[k]!, rate, mark, qty: q, amount });
        }
      } else if (onGrid && q !== 0) {
        unpriced.push({ time: t, instrument: instruments[k]! });
      }
    }

    // 2. Fills at the trade open.
    if (pending.length > 0) {
      const keep: typeof pending = [];
      for (const p of pending) {
        if (cur[p.k]! < 0) keep.push(p);
        else execute(p.rec, p.k, series[p.k]!.bars.open[cur[p.k]!]!, t);
      }
      pending = keep;
    }

    // 2b. Protective exits against the trade candle — unless the mark reached the liquidation
    // price in this bar: which came first is unknown, so the liquidation (the worse) wins.
    for (let k = 0; k < n; k++) {
      const p = prot[k];
      const i = cur[k]!;
      if (p === undefined || i < 0) continue;
      const q = book.qty(k);
      if (q === 0 || liquidationTouched(k, q)) continue;
      const b = series[k]!.bars;
      const trig = checkProtection(p, {
        open: b.open[i]!,
        high: b.high[i]!,
        low: b.low[i]!,
        close: b.close[i]!,
        volume: b.volume[i]!,
      });
      if (trig === undefined) continue;
      const time = trig.gap ? t : t + tfMs;
      const rec: PerpOrderRecord = {
        order: { instrument: instruments[k]!, qty: -q, reduceOnly: true, decisionTime: time },
        status: 'pending',
        filledQty: 0,
        fillPrice: Number.NaN,
      };
      orders.push(rec);
      execute(rec, k, trig.price, time, trig.reason);
    }

    // 3. Liquidation against the mark candle's adverse extreme.
    for (let k = 0; k < n; k++) {
      if (cur[k]! < 0) continue;
      const q = book.qty(k);
      if (q === 0) continue;
      const m = series[k]!.mark;
      const j = markAt[k]!;
      const liq = book.liquidationPrice(k);
      if (!liquidationTouched(k, q)) continue;
      const price = q > 0 ? Math.min(liq, m.open[j]!) : Math.max(liq, m.open[j]!);
      for (const l of book.liquidate(k, price)) {
        prot[l.k] = undefined;
        const inst = instruments[l.k]!;
        liquidations.push({ ...l, time: t + tfMs, instrument: inst });
        fills.push({
          time: t + tfMs,
          instrument: inst,
          kind: 'liquidation',
          qty: -l.qty,
          price: l.price,
          fee: l.fee,
          reduceOnly: true,
        });
      }
    }

    // 4. Marks, valuation, decisions.
    for (let k = 0; k < n; k++) {
      const i = cur[k]!;
      if (i < 0) {
        updated[k] = 0;
        continue;
      }
      feeds[k]!.seek(i);
      featureFeeds[k]!.seek(i);
      book.setMark(k, series[k]!.mark.close[markAt[k]!]!);
      updated[k] = 1;
    }
    book.revalue(t);
    let worst = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) worst = Math.min(worst, book.marginRatio(k));
    out.time[ti] = t + tfMs;
    out.equity[ti] = book.valuedEquity;
    out.cash[ti] = book.cash;
    out.exposure[ti] = book.exposure;
    out.drawdown[ti] = book.drawdown;
    out.marginRatio[ti] = worst;
    const ds = host.step(t + tfMs);
    if (ds.length > 0) decide(ds, t + tfMs);
  }

  function decide(ds: readonly Decision[], time: number): void {
    for (const d of ds) {
      const k = book.require(d.instrument);
      // A newer decision replaces an order still waiting for its bar.
      pending = pending.filter((p) => {
        if (p.k !== k) return true;
        p.rec.status = 'cancelled';
        p.rec.reason = 'replaced';
        return false;
      });
      const spec = specs[k]!;
      const place = (qty: number, reduceOnly: boolean, exits?: Exits) => {
        const rec: PerpOrderRecord = {
          order: {
            instrument: instruments[k]!,
            qty,
            reduceOnly,
            decisionTime: time,
            ...(exits === undefined ? {} : { exits }),
          },
          status: 'pending',
          filledQty: 0,
          fillPrice: Number.NaN,
        };
        orders.push(rec);
        const a = Math.abs(qty);
        if (a < spec.minQty) {
          rec.status = 'rejected';
          rec.reason = `below_min_size: ${a} < ${spec.minQty}`;
          return;
        }
        pending.push({ rec, k });
      };
      if (!isTargetDecision(d)) {
        if (d.type !== 'market') {
          place(0, false);
          const rec = orders[orders.length - 1]!;
          rec.status = 'rejected';
          rec.reason = 'unsupported: the perp backtest fills market orders only';
          continue;
        }
        const q = floorToStep(d.qty, spec.lotSize);
        if (q > 0) place(d.side === 'buy' ? q : -q, d.reduceOnly === true, d.exits);
        continue;
      }
      // Targets through planOrders, the risk gate's own signal → order step, sized at the mark:
      // one order from the position to the target (a flip is one order, as on the live path).
      const plan = planOrders({
        account: 'perp',
        strategy: strategy.name,
        time,
        decisions: [d],
        portfolio: book.view,
        price: () => book.mark(k),
        spec: () => spec,
      });
      for (const r of plan.rejections) {
        place(0, false);
        const rec = orders[orders.length - 1]!;
        rec.status = 'rejected';
        rec.reason = `${r.reason}: ${r.detail}`;
      }
      // reduceOnly as planned (a shrink of the position held now; never an open or a flip), as the
      // live router sends it to the venue.
      for (const o of plan.orders) place(o.side === 'buy' ? o.qty : -o.qty, o.reduceOnly === true, o.exits);
    }
  }

  /** The mark candle of swap k's current bar reached the liquidation price of position `q`. */
  function liquidationTouched(k: number, q: number): boolean {
    const m = series[k]!.mark;
    const j = markAt[k]!;
    const liq = book.liquidationPrice(k);
    return q > 0 ? m.low[j]! <= liq : m.high[j]! >= liq;
  }

  function execute(
    rec: PerpOrderRecord,
    k: number,
    open: number,
    time: number,
    exit?: PerpFill['reason'],
  ): void {
    const o = rec.order;
    const r = fillSwapAtOpen(book, k, o, open, takerFee, slip);
    if (r.status === 'rejected') {
      rec.status = 'rejected';
      rec.reason = `${r.reason}: ${r.detail}`;
      return;
    }
    const { qty, price, fee } = r;
    book.applyFill(k, qty > 0 ? 'buy' : 'sell', Math.abs(qty), price, fee);
    rec.status = 'filled';
    rec.filledQty = qty;
    rec.fillPrice = price;
    if (exit !== undefined) rec.reason = exit;
    fills.push({
      time,
      instrument: o.instrument,
      kind: 'trade',
      qty,
      price,
      fee,
      reduceOnly: o.reduceOnly,
      ...(exit === undefined ? {} : { reason: exit }),
    });
    // Exits arm at an entry's fill price (long or short); a flat position disarms them, a flip
    // without exits too (they watched the other side); a reduction keeps them.
    const held = book.qty(k);
    const dir = Math.sign(held) as 1 | -1;
    if (held === 0) prot[k] = undefined;
    else if (Math.sign(qty) === dir) {
      if (o.exits !== undefined) prot[k] = armProtection(o.exits, price, dir);
      else if (prot[k] !== undefined && prot[k]!.dir !== dir) prot[k] = undefined;
    }
  }

  for (const p of pending) {
    p.rec.status = 'cancelled';
    p.rec.reason = 'end of data';
  }

  let paid = 0;
  let received = 0;
  for (const f of funding) {
    if (f.amount < 0) paid -= f.amount;
    else received += f.amount;
  }
  const s = book.swaps;
  const gaps = series.flatMap((x, k) =>
    fundingGaps(x.funding)
      .filter((g) => g.before > first && g.after < last)
      .map((g) => ({ ...g, instrument: instruments[k]! })),
  );
  return {
    strategy: strategy.name,
    params,
    timeframe: tf,
    instruments,
    initialCash,
    startTime: T > 0 ? first : Number.NaN,
    orders,
    fills,
    funding,
    liquidations,
    fundingGaps: gaps,
    unpricedSettlements: unpriced,
    equity: out,
    positions: book.positions(),
    totals: {
      realizedPnl: book.realizedPnl,
      unrealizedPnl: book.unrealizedPnl,
      fees: book.feesPaid,
      funding: book.fundingPnl,
      fundingPaid: paid,
      fundingReceived: received,
      liquidationLoss: book.liquidationLoss,
      liquidationFees: s.sum(s.liqFeeCol),
      liquidations: liquidations.length,
    },
    finalEquity: T > 0 ? out.equity[T - 1]! : initialCash,
  };
}
