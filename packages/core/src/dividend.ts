import type { Instrument } from './instrument';

/**
 * A cash dividend as a backtest books it: on the first bar of the ex-date every share held is
 * credited `perShare` in cash (the holder before the ex-date's open is the holder of record).
 * `perShare` is on the same share basis as the prices it is traded with (divided by any split
 * back-adjusted after the ex-date).
 */
export interface CashDividend {
  readonly instrument: Instrument;
  /** The ex-date at 00:00 UTC (a daily bar's `ts`). */
  readonly exDay: number;
  readonly perShare: number;
  /** Where the dividend is documented. */
  readonly source: string;
}
