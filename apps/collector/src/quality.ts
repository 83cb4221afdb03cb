import type { Bar, Instrument, Timeframe } from '@algotrader/core';
import { type RejectReason, validateBars } from '@algotrader/store';
import { barsToColumns } from './bars';

export interface BarReject {
  readonly instrument: Instrument;
  readonly tf: Timeframe;
  readonly openTime: number;
  readonly reason: RejectReason;
  readonly detail: string;
}

export interface Screened {
  /** Bars fit to publish and store, ascending by open time, one per open time. */
  readonly accepted: Bar[];
  readonly rejects: BarReject[];
  /** Repeats of an open time already in the batch (redeliveries): dropped, not errors. */
  readonly repeats: number;
}

/**
 * Splits bars of one series into good and rejected ones with the store's validator. The outlier
 * rule is off here: a batch holds a handful of bars, too few to judge a jump, and a real crash bar
 * must not be dropped on the way in; `data verify` judges outliers over the whole stored series.
 */
export function screenBars(instrument: Instrument, tf: Timeframe, bars: readonly Bar[]): Screened {
  const sorted = [...bars].sort((a, b) => a.openTime - b.openTime);
  const unique: Bar[] = [];
  let repeats = 0;
  for (const b of sorted) {
    if (unique.length > 0 && unique[unique.length - 1]!.openTime === b.openTime) repeats += 1;
    else unique.push(b);
  }
  const report = validateBars(barsToColumns(unique), tf, { outlier: { kind: 'off' } });
  if (report.rejects.length === 0) return { accepted: unique, rejects: [], repeats };
  const bad = new Set<number>();
  const rejects: BarReject[] = [];
  for (const r of report.rejects) {
    if (!bad.has(r.index)) {
      rejects.push({ instrument, tf, openTime: r.openTime, reason: r.reason, detail: r.detail });
    }
    bad.add(r.index);
  }
  return { accepted: unique.filter((_, i) => !bad.has(i)), rejects, repeats };
}
