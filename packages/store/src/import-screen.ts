import { type BarColumns, type Timeframe, timeframeMs } from '@algotrader/core';
import { type Gap, type RejectReason, validateBars } from './quality';

/** A row an import refuses, with the place it came from. */
export interface ImportReject {
  /** 1-based file line (CSV), or 1-based row number when the reader gives no lines. */
  readonly line: number;
  readonly openTime: number;
  readonly reason: RejectReason;
  readonly detail: string;
}

/** Rows of one file with the same open time and different values: none of them is stored. */
export interface ImportConflict {
  readonly openTime: number;
  readonly lines: readonly number[];
}

export interface ImportScreen {
  /** Rows fit to store, in file order (which is ascending: anything else was refused). */
  readonly accepted: BarColumns;
  readonly rejects: readonly ImportReject[];
  readonly conflicts: readonly ImportConflict[];
  /** Rows repeating an earlier row of the file exactly: dropped, not errors. */
  readonly repeats: number;
  /** Missing grid slots between the accepted rows: what the file leaves out, refused rows included. */
  readonly gaps: readonly Gap[];
}

/**
 * Judges a file's rows in the order the file gives them — never sorted first, so a row older than
 * the one before it is refused as `not_monotonic` by its line. Rows sharing an open time are
 * repeats when identical and conflicts when not; a conflict is not resolved by picking one (both
 * are refused and reported). The outlier rule is off: an import must not drop a real crash bar;
 * `data verify` judges outliers over the stored series.
 */
export function screenImport(cols: BarColumns, tf: Timeframe, lines?: ArrayLike<number>): ImportScreen {
  const n = cols.openTime.length;
  const lineOf = (i: number) => lines?.[i] ?? i + 1;
  const firstAt = new Map<number, number>();
  /** Open times given more than once: every row index with that time, in file order. */
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const t = cols.openTime[i]!;
    if (!Number.isFinite(t)) continue;
    const j = firstAt.get(t);
    if (j === undefined) firstAt.set(t, i);
    else {
      const g = groups.get(t);
      if (g) g.push(i);
      else groups.set(t, [j, i]);
    }
  }
  const drop = new Uint8Array(n);
  let repeats = 0;
  const conflicts: ImportConflict[] = [];
  for (const [openTime, g] of groups) {
    const first = g[0]!;
    if (g.every((i) => sameRow(cols, i, first))) {
      repeats += g.length - 1;
      for (const i of g.slice(1)) drop[i] = 1;
    } else {
      for (const i of g) drop[i] = 1;
      conflicts.push({ openTime, lines: g.map(lineOf) });
    }
  }
  conflicts.sort((a, b) => a.lines[0]! - b.lines[0]!);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (!drop[i]) keep.push(i);
  const sub = pick(cols, keep);
  const report = validateBars(sub, tf, { outlier: { kind: 'off' } });
  const bad = new Set<number>();
  const rejects: ImportReject[] = [];
  for (const r of report.rejects) {
    if (bad.has(r.index)) continue;
    bad.add(r.index);
    rejects.push({ line: lineOf(keep[r.index]!), openTime: r.openTime, reason: r.reason, detail: r.detail });
  }
  rejects.sort((a, b) => a.line - b.line);
  const accepted = pick(
    cols,
    keep.filter((_, k) => !bad.has(k)),
  );
  return { accepted, rejects, conflicts, repeats, gaps: holes(accepted.openTime, timeframeMs(tf)) };
}

function sameRow(c: BarColumns, i: number, j: number): boolean {
  return (['open', 'high', 'low', 'close', 'volume'] as const).every((k) => Object.is(c[k][i], c[k][j]));
}

function pick(c: BarColumns, idx: readonly number[]): BarColumns {
  const f = (a: ArrayLike<number>) => Float64Array.from(idx, (i) => a[i]!);
  return {
    openTime: f(c.openTime),
    open: f(c.open),
    high: f(c.high),
    low: f(c.low),
    close: f(c.close),
    volume: f(c.volume),
  };
}

function holes(opens: Float64Array, step: number): Gap[] {
  const out: Gap[] = [];
  for (let i = 1; i < opens.length; i++) {
    const prev = opens[i - 1]!;
    const t = opens[i]!;
    if (t - prev > step)
      out.push({ fromOpen: prev + step, toOpen: t - step, missingBars: (t - prev) / step - 1 });
  }
  return out;
}
