import {
  type Bar,
  barKey,
  formatInstrument,
  type Instrument,
  instrumentSymbol,
  type Timeframe,
} from '@algotrader/core';
import type { ParquetStore } from '@algotrader/store';
import type { AlertSink } from './alerts';
import { bump } from './metrics';
import { type BarReject, screenBars } from './quality';

export interface ArchiveCounters {
  /** Bars handed to {@link ArchiveWriter.write}. */
  received: number;
  /** Rows newly stored. */
  written: number;
  /** Bars already stored identically (redeliveries, re-runs). */
  duplicates: number;
  /** Bars whose open time is stored with other values: the stored row is kept and an alert raised. */
  conflicts: number;
  rejected: number;
  rejectsByReason: Record<string, number>;
  batches: number;
  writeFailures: number;
  deadLettered: number;
}

export interface ArchiveResult {
  readonly written: number;
  readonly duplicates: number;
  readonly conflicts: number;
  /** Open times of the first conflicts with the store (at most 100 per series), ascending per series. */
  readonly conflictOpenTimes: readonly number[];
  readonly rejects: readonly BarReject[];
}

/**
 * The one write path into the Parquet history: validate with the store's quality rules, reject bad
 * bars with their reason (counted and alerted, never "fixed"), append the rest (merge + dedupe by
 * open time). Used by the archiver consumer for everything on the bus, and directly by offline
 * tools (`data backfill`, `data import`) that own the store while they run.
 */
export class ArchiveWriter {
  readonly counters: ArchiveCounters = {
    received: 0,
    written: 0,
    duplicates: 0,
    conflicts: 0,
    rejected: 0,
    rejectsByReason: {},
    batches: 0,
    writeFailures: 0,
    deadLettered: 0,
  };

  constructor(
    readonly store: ParquetStore,
    private readonly alerts: AlertSink,
  ) {}

  /** Validates and stores bars of any mix of series. Throws (nothing to ack) when the store fails. */
  async write(bars: readonly Bar[]): Promise<ArchiveResult> {
    this.counters.received += bars.length;
    this.counters.batches += 1;
    const groups = new Map<string, { instrument: Instrument; tf: Timeframe; bars: Bar[] }>();
    for (const b of bars) {
      const k = `${formatInstrument(b.instrument)}|${b.tf}`;
      let g = groups.get(k);
      if (!g) {
        g = { instrument: b.instrument, tf: b.tf, bars: [] };
        groups.set(k, g);
      }
      g.bars.push(b);
    }
    let written = 0;
    let duplicates = 0;
    let conflicts = 0;
    const conflictOpenTimes: number[] = [];
    const rejects: BarReject[] = [];
    for (const g of groups.values()) {
      const screened = screenBars(g.instrument, g.tf, g.bars);
      for (const r of screened.rejects) this.#reject(r);
      rejects.push(...screened.rejects);
      duplicates += screened.repeats;
      if (screened.accepted.length === 0) continue;
      let res: Awaited<ReturnType<ParquetStore['append']>>;
      try {
        res = await this.store.append(g.instrument, g.tf, screened.accepted);
      } catch (e) {
        this.counters.writeFailures += 1;
        throw e;
      }
      written += res.written;
      duplicates += res.duplicates;
      conflicts += res.conflicts;
      conflictOpenTimes.push(...res.conflictOpenTimes);
      if (res.conflicts > 0) {
        const first = res.conflictOpenTimes[0] ?? 0;
        this.alerts.alert({
          severity: 'warning',
          code: 'bar_conflict',
          message:
            `${formatInstrument(g.instrument)} ${g.tf}: ${res.conflicts} bar(s) differ from the stored ones ` +
            `(first ${iso(first)}); the stored rows were kept`,
          labels: { instrument: formatInstrument(g.instrument), tf: g.tf, firstOpen: String(first) },
          dedupeKey: `${barKey(g.instrument, g.tf, first)}:conflict`,
        });
      }
    }
    this.counters.written += written;
    this.counters.duplicates += duplicates;
    this.counters.conflicts += conflicts;
    return { written, duplicates, conflicts, conflictOpenTimes, rejects };
  }

  #reject(r: BarReject): void {
    this.counters.rejected += 1;
    bump(this.counters.rejectsByReason, r.reason);
    this.alerts.alert(rejectAlert(r, 'archiver'));
  }
}

/** The alert for a rejected bar; the same bar and reason always give the same alert id. */
export function rejectAlert(r: BarReject, where: string) {
  return {
    severity: 'warning' as const,
    code: 'bar_rejected',
    message: `${formatInstrument(r.instrument)} ${r.tf} bar at ${iso(r.openTime)} rejected by the ${where}: ${r.reason} (${r.detail})`,
    labels: {
      instrument: formatInstrument(r.instrument),
      symbol: instrumentSymbol(r.instrument),
      tf: r.tf,
      openTime: String(r.openTime),
      reason: r.reason,
      stage: where,
    },
    dedupeKey: `${barKey(r.instrument, r.tf, r.openTime)}:${r.reason}:${where}`,
  };
}

export function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : String(ms);
}
