import {
  AlgoError,
  type BarColumns,
  DAY_MS,
  dayString,
  ErrorCode,
  formatInstrument,
  type Instrument,
  parseDay,
  sameInstrument,
} from '@algotrader/core';

/** How a dataset's prices relate to corporate actions. Stated by the dataset, never guessed. */
export type Adjustment =
  /** As traded: a split shows as a price drop (and a volume jump). */
  | 'unadjusted'
  /** Prices before each split divided by its ratio (volume multiplied). */
  | 'split_adjusted'
  /** Split- and dividend-adjusted (Yahoo's adjusted close, most vendors' intraday downloads). */
  | 'split_dividend_adjusted';

/** A stock split: on `day` (the first session at the new share count) one old share became `ratio` shares. */
export interface Split {
  readonly instrument: Instrument;
  readonly kind: 'split';
  /** The ex-date at 00:00 UTC (a daily bar's `ts`). */
  readonly day: number;
  /** New shares per old share: 4 for a 4-for-1, 0.1 for a 1-for-10 reverse split. */
  readonly ratio: number;
  /** Where the action is documented. */
  readonly source: string;
}

/**
 * A cash dividend: on `day` (the ex-date) each share as of the day before earned `amount` in the
 * price currency, on the share count of that day (before any later split).
 */
export interface Dividend {
  readonly instrument: Instrument;
  readonly kind: 'dividend';
  readonly day: number;
  readonly amount: number;
  readonly source: string;
}

export type CorporateAction = Split | Dividend;

/** What an explicit back-adjustment did: kept with the data it produced. */
export interface AdjustmentRecord {
  readonly action: Split;
  /** Rows before the ex-date whose prices were divided by the ratio (and volumes multiplied). */
  readonly rowsAdjusted: number;
}

/**
 * Parses a corporate-actions table: CSV `symbol,date,kind,ratio,source` (date `YYYY-MM-DD`; kind
 * `split` with its ratio, or `dividend` with the cash amount per share in the `ratio` column).
 * `instrumentOf` maps a symbol to its instrument. A bad row throws naming the line.
 */
export function parseCorporateActions(
  text: string,
  source: string,
  instrumentOf: (symbol: string) => Instrument,
): CorporateAction[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const header = lines[0]?.trim();
  if (header !== 'symbol,date,kind,ratio,source') {
    throw new AlgoError(ErrorCode.InvalidData, `${source}:1: header must be symbol,date,kind,ratio,source`);
  }
  const out: CorporateAction[] = [];
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const [symbol, date, kind, ratio, ...rest] = line.split(',');
    const bad = (why: string) =>
      new AlgoError(ErrorCode.InvalidData, `${source}:${k + 1}: ${why}: "${line}"`, { source, line: k + 1 });
    const day = parseDay(date ?? '');
    const r = Number(ratio);
    if (!symbol) throw bad('missing symbol');
    if (!Number.isFinite(day)) throw bad('date must be YYYY-MM-DD');
    if (kind === 'dividend') {
      if (!(r > 0) || !Number.isFinite(r)) throw bad('a dividend amount must be a positive number');
      out.push({ instrument: instrumentOf(symbol), kind, day, amount: r, source: rest.join(',') });
      continue;
    }
    if (kind !== 'split') throw bad(`unknown kind "${kind}" (split or dividend)`);
    if (!(r > 0) || r === 1 || !Number.isFinite(r)) throw bad('ratio must be a positive number other than 1');
    out.push({ instrument: instrumentOf(symbol), kind, day, ratio: r, source: rest.join(',') });
  }
  return out.sort((a, b) => a.day - b.day);
}

/** The table's splits of one instrument with an ex-date inside (first bar, last bar] of `bars`. */
export function splitsIn(
  actions: readonly CorporateAction[],
  instrument: Instrument,
  bars: BarColumns,
): Split[] {
  const n = bars.openTime.length;
  if (n === 0) return [];
  const first = bars.openTime[0]!;
  const last = bars.openTime[n - 1]!;
  return actions.filter(
    (a): a is Split =>
      a.kind === 'split' && sameInstrument(a.instrument, instrument) && a.day > first && a.day <= last,
  );
}

/**
 * Back-adjusts unadjusted bars for the given splits: every bar opening before a split's ex-date has
 * its prices divided by the ratio and its volume multiplied by it, so the series is continuous at
 * today's share count. Returns new columns and one record per split; the input is not touched.
 */
export function backAdjustSplits(
  bars: BarColumns,
  splits: readonly Split[],
): { bars: BarColumns; records: AdjustmentRecord[] } {
  const out = {
    openTime: bars.openTime.slice(),
    open: bars.open.slice(),
    high: bars.high.slice(),
    low: bars.low.slice(),
    close: bars.close.slice(),
    volume: bars.volume.slice(),
  };
  const records: AdjustmentRecord[] = [];
  for (const s of splits) {
    let rows = 0;
    for (let i = 0; i < out.openTime.length && out.openTime[i]! < s.day; i++) {
      out.open[i] = out.open[i]! / s.ratio;
      out.high[i] = out.high[i]! / s.ratio;
      out.low[i] = out.low[i]! / s.ratio;
      out.close[i] = out.close[i]! / s.ratio;
      out.volume[i] = out.volume[i]! * s.ratio;
      rows++;
    }
    records.push({ action: s, rowsAdjusted: rows });
  }
  return { bars: out, records };
}

/** Split ratios a drop is compared with (forward splits; the drop is about 1/ratio). */
const COMMON_RATIOS = [2, 3, 4, 5, 7, 8, 10, 20, 1.5] as const;

export interface SplitFlag {
  /** Open time of the first bar after the drop. */
  readonly openTime: number;
  readonly date: string;
  /** open / previous close. */
  readonly move: number;
  /** The split ratio the move matches. */
  readonly ratio: number;
  /** In the corporate-actions table (`known`) or only seen in the prices (`suspected`). */
  readonly status: 'known' | 'suspected';
}

/**
 * Finds the unadjusted split drops of a series so nothing trades on them: every overnight move
 * (open / previous close) within `tolerance` (relative, default 3%) of 1/ratio for a common split
 * ratio, plus every split of the table in range whether or not the move shows. Calibrated on the
 * bundled data: the six real splits of AAPL and MSFT are within 2.3%; AAPL's 2000-09-29 crash
 * (−47%, 5.4% away from a 2:1) is not flagged.
 */
export function findUnadjustedSplits(
  instrument: Instrument,
  bars: BarColumns,
  actions: readonly CorporateAction[] = [],
  tolerance = 0.03,
): SplitFlag[] {
  const known = splitsIn(actions, instrument, bars);
  const flags: SplitFlag[] = [];
  const { openTime, open, close } = bars;
  for (let i = 1; i < openTime.length; i++) {
    const move = open[i]! / close[i - 1]!;
    if (!(move < 0.75)) continue;
    const t = openTime[i]!;
    const split = known.find((s) => s.day > openTime[i - 1]! && s.day <= t);
    const ratio = split?.ratio ?? COMMON_RATIOS.find((r) => Math.abs(move * r - 1) <= tolerance);
    if (ratio === undefined) continue;
    flags.push({ openTime: t, date: dayString(t), move, ratio, status: split ? 'known' : 'suspected' });
  }
  for (const s of known) {
    if (!flags.some((f) => f.openTime >= s.day && f.openTime < s.day + 7 * DAY_MS)) {
      const i = openTime.findIndex((t) => t >= s.day);
      const move = i > 0 ? open[i]! / close[i - 1]! : Number.NaN;
      flags.push({ openTime: openTime[i]!, date: dayString(s.day), move, ratio: s.ratio, status: 'known' });
    }
  }
  return flags.sort((a, b) => a.openTime - b.openTime);
}

/** Throws when a dataset stated unadjusted still holds split drops: back-adjust it first. */
export function refuseUnadjustedSplits(
  instrument: Instrument,
  bars: BarColumns,
  actions: readonly CorporateAction[] = [],
): void {
  const flags = findUnadjustedSplits(instrument, bars, actions);
  if (flags.length === 0) return;
  const list = flags.map(
    (f) => `${f.date} (${f.ratio}:1, ${f.status}, open/prev close ${f.move.toFixed(3)})`,
  );
  throw new AlgoError(
    ErrorCode.InvalidData,
    `${formatInstrument(instrument)}: unadjusted split drops ${list.join('; ')}: back-adjust the series ` +
      '(backAdjustSplits with the corporate-actions table) or load split-adjusted data; a strategy would trade on them',
    { instrument: formatInstrument(instrument), splits: flags.map((f) => f.date) },
  );
}
