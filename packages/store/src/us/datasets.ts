import { readFile } from 'node:fs/promises';
import {
  AlgoError,
  aggregateSessionBars,
  type BarColumns,
  type CashDividend,
  dayString,
  ErrorCode,
  formatInstrument,
  type Instrument,
  NYSE,
  parseIbkrInstrument,
  type Timeframe,
  type TradingCalendar,
  timeframeMs,
} from '@algotrader/core';
import { readCsvBars } from '../importers';
import {
  type Adjustment,
  type AdjustmentRecord,
  backAdjustSplits,
  type CorporateAction,
  type Dividend,
  parseCorporateActions,
  refuseUnadjustedSplits,
  splitsIn,
} from './corporate-actions';

/** What a US stock dataset is, stated next to the file instead of guessed from its prices. */
export interface UsDatasetMeta {
  readonly instrument: Instrument;
  readonly timeframe: Timeframe;
  readonly adjustment: Adjustment;
  /** `regular`: 09:30–16:00 bars only; `extended`: pre- and after-market bars too. */
  readonly hours: 'regular' | 'extended';
  /** Where the file came from. */
  readonly source: string;
  /**
   * Intraday bars' grid: `utc` (the default; the bundled 1h file is on the clock hour, its 09:00
   * bar holding half an hour of pre-market) or `session` (from the session open: 09:30, 10:30, …
   * the last cut at the close), as {@link sessionAligned} builds them.
   */
  readonly alignment?: 'utc' | 'session';
}

/** Bars with their metadata and every adjustment applied since they were read. */
export interface UsDataset {
  readonly meta: UsDatasetMeta;
  readonly bars: BarColumns;
  readonly adjustments: readonly AdjustmentRecord[];
  /** Bars dropped by {@link regularHours} (outside every session), 0 when not applied. */
  readonly droppedOutsideSessions: number;
}

const ibkr = parseIbkrInstrument;

/** The US files bundled under data/us (see data/README.md), by file name. */
export const BUNDLED_US_DATASETS: Readonly<Record<string, UsDatasetMeta>> = {
  'us_SPY_1d.csv.gz': {
    instrument: ibkr('IBKR:SPY'),
    timeframe: '1d',
    adjustment: 'unadjusted',
    hours: 'regular',
    source: 'impulsecorp/PickStocksAGI',
  },
  'us_AAPL_1d.csv.gz': {
    instrument: ibkr('IBKR:AAPL'),
    timeframe: '1d',
    adjustment: 'unadjusted',
    hours: 'regular',
    source: 'impulsecorp/PickStocksAGI',
  },
  'us_MSFT_1d.csv.gz': {
    instrument: ibkr('IBKR:MSFT'),
    timeframe: '1d',
    adjustment: 'unadjusted',
    hours: 'regular',
    source: 'impulsecorp/PickStocksAGI',
  },
  'us_ORCL_1d.csv.gz': {
    instrument: ibkr('IBKR:ORCL'),
    timeframe: '1d',
    adjustment: 'split_adjusted',
    hours: 'regular',
    source: 'mementum/backtrader datas (Yahoo; adj_close column ignored)',
  },
  'us_SPY_1h.csv.gz': {
    instrument: ibkr('IBKR:SPY'),
    timeframe: '1h',
    adjustment: 'split_dividend_adjusted',
    hours: 'extended',
    source: 'public download, extended hours, bar open time UTC',
  },
  'us_SPY_30m.csv.gz': {
    instrument: ibkr('IBKR:SPY'),
    timeframe: '30m',
    adjustment: 'split_dividend_adjusted',
    hours: 'extended',
    source: 'public download, extended hours, bar open time UTC',
  },
};

/**
 * Reads a US stock CSV and checks it against its metadata and the calendar: a daily bar's `ts`
 * must be a session date at 00:00 UTC; an intraday bar of a `regular`-hours dataset must overlap
 * a session. A violation throws naming the row; nothing is dropped here.
 */
export async function readUsDataset(
  path: string,
  meta: UsDatasetMeta,
  calendar: TradingCalendar = NYSE,
): Promise<UsDataset> {
  const bars = await readCsvBars(path);
  const name = formatInstrument(meta.instrument);
  const step = timeframeMs(meta.timeframe);
  for (let i = 0; i < bars.openTime.length; i++) {
    const t = bars.openTime[i]!;
    const bad = (why: string) =>
      new AlgoError(ErrorCode.InvalidData, `${path}: ${name} row ${i + 2}: ${why}`, { path, row: i + 2 });
    if (meta.timeframe === '1d') {
      if (calendar.sessionOn(t)?.day !== t) {
        throw bad(`${dayString(t)} (ts ${t}) is not a ${calendar.name} session date at 00:00 UTC`);
      }
    } else if (meta.hours === 'regular' && !overlapsSession(calendar, t, step)) {
      throw bad(`bar ${new Date(t).toISOString()} lies outside every ${calendar.name} session`);
    }
  }
  return { meta, bars, adjustments: [], droppedOutsideSessions: 0 };
}

function overlapsSession(calendar: TradingCalendar, open: number, step: number): boolean {
  const s = calendar.nextSession(open);
  return s.open < open + step;
}

/**
 * Keeps the intraday bars that overlap a regular session (the bar holding 09:30 stays: hourly
 * bars on the UTC hour start at 09:00 or 10:00 New York time). The count dropped is recorded.
 */
export function regularHours(ds: UsDataset, calendar: TradingCalendar = NYSE): UsDataset {
  if (ds.meta.timeframe === '1d' || ds.meta.hours === 'regular') return ds;
  const step = timeframeMs(ds.meta.timeframe);
  const keep: number[] = [];
  const b = ds.bars;
  for (let i = 0; i < b.openTime.length; i++)
    if (overlapsSession(calendar, b.openTime[i]!, step)) keep.push(i);
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]!);
  return {
    meta: { ...ds.meta, hours: 'regular' },
    bars: {
      openTime: pick(b.openTime),
      open: pick(b.open),
      high: pick(b.high),
      low: pick(b.low),
      close: pick(b.close),
      volume: pick(b.volume),
    },
    adjustments: ds.adjustments,
    droppedOutsideSessions: ds.droppedOutsideSessions + b.openTime.length - keep.length,
  };
}

/**
 * Back-adjusts an unadjusted dataset for the table's splits in its range, recording each one, and
 * then refuses it if a split-like drop is still in the prices (a split missing from the table).
 * Split-adjusted data is only checked.
 */
export function adjustForSplits(ds: UsDataset, actions: readonly CorporateAction[]): UsDataset {
  if (ds.meta.adjustment !== 'unadjusted') {
    refuseUnadjustedSplits(ds.meta.instrument, ds.bars);
    return ds;
  }
  const { bars, records } = backAdjustSplits(ds.bars, splitsIn(actions, ds.meta.instrument, ds.bars));
  refuseUnadjustedSplits(ds.meta.instrument, bars);
  return {
    meta: { ...ds.meta, adjustment: 'split_adjusted' },
    bars,
    adjustments: [...ds.adjustments, ...records],
    droppedOutsideSessions: ds.droppedOutsideSessions,
  };
}

/** Reads a corporate-actions CSV (`symbol,date,kind,ratio,source`); symbols are IBKR US stocks. */
export async function readCorporateActions(path: string): Promise<CorporateAction[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new AlgoError(ErrorCode.NotFound, `cannot read ${path}: ${(e as Error).message}`, { path });
  }
  return parseCorporateActions(text, path, (s) => parseIbkrInstrument(`IBKR:${s}`));
}

/**
 * Session-aligned regular-hours bars of `tf` from an intraday dataset on a finer (or the same)
 * grid, e.g. the 30m file → NYSE 1h bars 09:30–10:30 … 15:30–16:00 (13:00 on early closes).
 * Extended-hours bars are left out and counted; a session bar missing part of its window is an
 * error naming it (see `aggregateSessionBars`). The result states `alignment: 'session'`.
 */
export function sessionAligned(ds: UsDataset, tf: Timeframe, calendar: TradingCalendar = NYSE): UsDataset {
  if (ds.meta.timeframe === '1d' || tf === '1d') {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      'session-aligned bars are intraday; daily bars already are',
    );
  }
  const { bars, droppedOutsideSessions } = aggregateSessionBars(
    calendar,
    ds.bars,
    timeframeMs(ds.meta.timeframe),
    timeframeMs(tf),
  );
  return {
    meta: { ...ds.meta, timeframe: tf, hours: 'regular', alignment: 'session' },
    bars,
    adjustments: ds.adjustments,
    droppedOutsideSessions: ds.droppedOutsideSessions + droppedOutsideSessions,
  };
}

/**
 * The table's cash dividends with an ex-date inside the dataset's bars, as a backtest books them:
 * per share on the dataset's share basis (divided by every split it was back-adjusted for after
 * the ex-date). Refused for prices that are already dividend-adjusted: crediting the cash as well
 * would count every dividend twice.
 */
export function dividendsFor(ds: UsDataset, actions: readonly CorporateAction[]): CashDividend[] {
  const n = ds.bars.openTime.length;
  if (n === 0) return [];
  const first = ds.bars.openTime[0]!;
  const last = ds.bars.openTime[n - 1]!;
  const mine = actions.filter(
    (a): a is Dividend =>
      a.kind === 'dividend' &&
      formatInstrument(a.instrument) === formatInstrument(ds.meta.instrument) &&
      a.day > first &&
      a.day <= last,
  );
  if (mine.length > 0 && ds.meta.adjustment === 'split_dividend_adjusted') {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `${formatInstrument(ds.meta.instrument)}: prices are already dividend-adjusted (${ds.meta.source}); ` +
        `crediting ${mine.length} cash dividends as well would count them twice`,
    );
  }
  return mine.map((d) => {
    let factor = 1;
    for (const r of ds.adjustments) if (r.action.day > d.day) factor *= r.action.ratio;
    return { instrument: ds.meta.instrument, exDay: d.day, perShare: d.amount / factor, source: d.source };
  });
}
