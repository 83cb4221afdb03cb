import { AlgoError, ErrorCode, formatInstrument, type Instrument } from '@algotrader/core';
import { z } from 'zod';
import { type Decision, NO_DECISIONS, targetFraction, targetUnits } from '../decision';
import { defineStrategy } from '../strategy';

const ScoreRow = z
  .object({
    /** Qlib's `datetime` of the prediction: the open time of the bar whose close it was made after (ms UTC). */
    time: z.number().int(),
    /** `OKX:BTC/USDT` form. */
    instrument: z.string(),
    /** null: Qlib's NaN (sorted after every number, as pandas does). */
    score: z.number().nullable(),
  })
  .strict();

export const TopkDropoutParams = z
  .object({
    /** Instruments held (Qlib `topk`). */
    topk: z.number().int().min(1).default(50),
    /**
     * Instruments replaced at most per rebalance (Qlib `n_drop`). At least 1: Qlib's
     * `list(comb)[-0:]` would sell every holding at n_drop 0, which is surely not meant.
     */
    nDrop: z.number().int().min(1).default(5),
    /** Rebalances an instrument must have been held before it may be sold (Qlib `hold_thresh`). */
    holdThresh: z.number().int().min(1).default(1),
    /** Share of the cash (after this rebalance's sales) spent on the buys, split equally (Qlib `risk_degree`). */
    riskDegree: z.number().gt(0).max(1).default(0.95),
    /** Rebalance on every n-th bar close of the universe (Qlib trades every step: 1). */
    rebalanceEvery: z.number().int().min(1).default(1),
    /** The prediction table (see research/qlib/scores.ts for the importer). */
    scores: z.array(ScoreRow).min(1),
  })
  .strict();

export type TopkDropoutParams = z.infer<typeof TopkDropoutParams>;

/** Plain JSON, so the host snapshots it as is. */
interface TopkDropoutState {
  step: number;
  /** Step of the last buy decision per instrument (universe index as key), for `holdThresh`. */
  boughtAt: Record<string, number>;
}

/** Per bar open time, per universe index: whether a prediction row exists, and its score (may be NaN). */
interface ScoreRowSet {
  readonly present: Uint8Array;
  readonly score: Float64Array;
}
type ScoreIndex = Map<number, ScoreRowSet>;
const indexes = new WeakMap<TopkDropoutParams, ScoreIndex>();

function scoreIndex(p: TopkDropoutParams, instruments: readonly Instrument[]): ScoreIndex {
  const cached = indexes.get(p);
  if (cached) return cached;
  const slot = new Map(instruments.map((inst, k) => [formatInstrument(inst), k]));
  const out: ScoreIndex = new Map();
  const unknown = new Set<string>();
  for (const r of p.scores) {
    const k = slot.get(r.instrument);
    if (k === undefined) {
      unknown.add(r.instrument);
      continue;
    }
    let row = out.get(r.time);
    if (!row) {
      row = {
        present: new Uint8Array(instruments.length),
        score: new Float64Array(instruments.length).fill(Number.NaN),
      };
      out.set(r.time, row);
    }
    row.present[k] = 1;
    row.score[k] = r.score ?? Number.NaN;
  }
  if (unknown.size > 0) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `topk_dropout: scores for instruments outside the universe: ${[...unknown].slice(0, 10).join(', ')}`,
    );
  }
  indexes.set(p, out);
  return out;
}

/** Descending by score, NaN last, ties in universe order (pandas' sort is not stable; this is). */
function byScore(score: Float64Array): (a: number, b: number) => number {
  return (a, b) => {
    const x = score[a]!;
    const y = score[b]!;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
    return y - x || a - b;
  };
}

/**
 * Qlib's TopkDropoutStrategy (qlib/contrib/strategy/signal_strategy.py, method_sell "bottom",
 * method_buy "top", only_tradable false), fed by a prediction table. At each rebalance, with the
 * scores dated at the bar that just closed (Qlib trades step t on the prediction of step t−1):
 * 1. `last` = instruments held now, by score; `today` = the best `nDrop + topk − |last|` not held;
 * 2. sell = the held ones among the `nDrop` lowest of `last ∪ today`, if held ≥ `holdThresh` rebalances;
 * 3. buy = the first `|sell| + topk − |last|` of `today`, each with `riskDegree` × (cash + value
 *    sold) / |buy|; holdings kept are not resized.
 * An instrument without a bar now, or with zero volume (suspended), is neither sold nor bought, as
 * Qlib's `is_stock_tradable` check; a date without predictions trades nothing. A negative count
 * (more holdings than topk + nDrop, after suspended sells were skipped) selects none: Python's
 * negative slice would take all but the last few, which Qlib surely does not mean.
 */
export const topkDropout = defineStrategy({
  kind: 'multi',
  name: 'topk_dropout',
  description:
    "Qlib's TopkDropout on a prediction table: hold the top-k by score, replace at most n_drop per rebalance.",
  paramsSchema: TopkDropoutParams,
  timeframes: 'any',
  universe: { min: 2 },
  warmup: () => 1,
  init: (p: TopkDropoutParams, instruments): TopkDropoutState => {
    scoreIndex(p, instruments);
    return { step: 0, boughtAt: {} };
  },
  onBarSet(ctx): readonly Decision[] {
    const s = ctx.state;
    const p = ctx.params;
    const n = ctx.instruments.length;
    const step = s.step++;
    if (step % p.rebalanceEvery !== 0) return NO_DECISIONS;
    let openTime = Number.NaN;
    for (let k = 0; k < n && Number.isNaN(openTime); k++) {
      if (ctx.hasBar(k)) openTime = ctx.windows[k]!.openTime(0);
    }
    const rows = scoreIndex(p, ctx.instruments).get(openTime);
    if (!rows) return NO_DECISIONS;
    const score = rows.score;
    const tradable = (k: number) => ctx.hasBar(k) && ctx.windows[k]!.volume(0) > 0;
    const order = byScore(score);

    const last: number[] = [];
    const others: number[] = [];
    for (let k = 0; k < n; k++) {
      if (ctx.portfolio.position(ctx.instruments[k]!) > 0) last.push(k);
      // Qlib draws `today` from the instruments with a prediction row (a NaN score sorts last).
      else if (rows.present[k] === 1) others.push(k);
    }
    last.sort(order);
    const today = others.sort(order).slice(0, Math.max(0, p.nDrop + p.topk - last.length));
    const comb = [...last, ...today].sort(order);
    const bottom = new Set(comb.slice(Math.max(0, comb.length - p.nDrop)));
    const sell = last.filter((k) => bottom.has(k));
    const buy = today.slice(0, Math.max(0, sell.length + p.topk - last.length));

    const decisions: Decision[] = [];
    let cash = ctx.portfolio.cash;
    for (const k of sell) {
      if (!tradable(k)) continue;
      const held = step - (s.boughtAt[k] ?? Number.NEGATIVE_INFINITY);
      if (held / p.rebalanceEvery < p.holdThresh) continue;
      const inst = ctx.instruments[k]!;
      cash += ctx.portfolio.position(inst) * ctx.windows[k]!.close(0);
      decisions.push(targetUnits(inst, 0));
      delete s.boughtAt[k];
    }
    const equity = ctx.portfolio.equity;
    const value = buy.length > 0 ? (cash * p.riskDegree) / buy.length : 0;
    for (const k of buy) {
      if (!tradable(k) || !(equity > 0)) continue;
      decisions.push(targetFraction(ctx.instruments[k]!, Math.min(1, value / equity)));
      s.boughtAt[k] = step;
    }
    return decisions;
  },
});
