import { AlgoError, type BarColumns, ErrorCode } from '@algotrader/core';
import { dayOfDate } from './calendar';

/**
 * What the prices of a series are: `raw` (as traded; ex-rights drops are real), `qfq` (前复权,
 * forward-adjusted: the latest prices are real, older ones scaled), `hfq` (后复权, backward-adjusted)
 * or `index` (index points). The files do not say it themselves: whoever imports states it, and
 * one backtest never mixes raw and adjusted stock prices (see {@link assertOneBasis}).
 */
export type PriceBasis = 'raw' | 'qfq' | 'hfq' | 'index';

/** The layouts read here, recognised by their header. */
export type CnFormat = 'shared' | 'akshare' | 'tushare';

export interface CnBars {
  readonly format: CnFormat;
  readonly basis: PriceBasis;
  /** The stock code the file names in its rows (AKShare 股票代码, Tushare ts_code), if any. */
  readonly code?: string;
  /** Daily bars: open time = the trade date at 00:00 UTC; volume in shares (index: as given). */
  readonly bars: BarColumns;
  /** Traded value in CNY per bar, when the file has it (NaN otherwise). */
  readonly amount: Float64Array;
  /** Tushare files come newest first: they are read in reverse, and this says so. */
  readonly reversed: boolean;
}

const DAY_MS = 86_400_000;

interface Layout {
  readonly format: CnFormat;
  /** Header names of: date, open, high, low, close, volume, amount (optional), code (optional). */
  readonly cols: {
    date: string;
    open: string;
    high: string;
    low: string;
    close: string;
    volume: string;
    amount?: string;
    code?: string;
  };
  /** Shares per unit of the volume column. */
  readonly volumeUnit: number;
  /** CNY per unit of the amount column. */
  readonly amountUnit: number;
  readonly date: 'ms' | 'iso' | 'yyyymmdd';
}

const LAYOUTS: readonly Layout[] = [
  {
    format: 'akshare',
    cols: {
      date: '日期',
      code: '股票代码',
      open: '开盘',
      close: '收盘',
      high: '最高',
      low: '最低',
      volume: '成交量',
      amount: '成交额',
    },
    volumeUnit: 100, // 成交量 is in lots (手) of 100 shares
    amountUnit: 1,
    date: 'iso',
  },
  {
    format: 'tushare',
    cols: {
      date: 'trade_date',
      code: 'ts_code',
      open: 'open',
      high: 'high',
      low: 'low',
      close: 'close',
      volume: 'vol',
      amount: 'amount',
    },
    volumeUnit: 100, // vol in lots (手)
    amountUnit: 1000, // amount in thousands of CNY (千元)
    date: 'yyyymmdd',
  },
  {
    format: 'shared',
    cols: {
      date: 'ts',
      open: 'open',
      high: 'high',
      low: 'low',
      close: 'close',
      volume: 'volume',
      amount: 'amount',
    },
    volumeUnit: 1,
    amountUnit: 1,
    date: 'ms',
  },
];

function fail(file: string, line: number, msg: string): never {
  throw new AlgoError(ErrorCode.InvalidData, `${file}:${line}: ${msg}`, { file, line });
}

function splitCsv(line: string): string[] {
  return line.split(',').map((f) => {
    const t = f.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  });
}

/**
 * Reads daily A-share bars from CSV text in one of three layouts, recognised by the header:
 * - `shared` (this project's data/cn files): `ts,open,high,low,close,volume[,amount]`, ts in ms UTC;
 * - `akshare` (AKShare's `stock_zh_a_hist` export as users save it): UTF-8, usually with a BOM,
 *   columns 日期,股票代码,开盘,收盘,最高,最低,成交量,成交额,… (close comes before high), volume in
 *   lots of 100 shares — converted to shares; a leading unnamed pandas index column is ignored;
 * - `tushare` (`daily`): `ts_code,trade_date,open,high,low,close,…,vol,amount`, trade_date
 *   YYYYMMDD, vol in lots, amount in thousands of CNY; newest first, read in reverse.
 * `volumeInLots`: the `shared` layout's volume is in lots of 100 (as in cn_688981_1d, whose
 * amount / volume is about 100 × the price): converted to shares.
 * Nothing is repaired: a bad number, a high below the open or close, a date out of order, a
 * second stock code, a missing column — each refused with the file, line and column.
 */
export function parseCnBars(
  text: string,
  file: string,
  basis: PriceBasis,
  opts: { readonly volumeInLots?: boolean } = {},
): CnBars {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) fail(file, 1, 'the file is empty');
  const header = splitCsv(lines[0]!);
  const layout = LAYOUTS.find((l) => header.includes(l.cols.date) && header.includes(l.cols.close));
  if (!layout) {
    fail(
      file,
      1,
      `unknown header "${lines[0]!.slice(0, 120)}": expected AKShare (日期,股票代码,开盘,收盘,最高,最低,成交量,…), ` +
        'Tushare (ts_code,trade_date,open,high,low,close,vol,amount) or ts,open,high,low,close,volume',
    );
  }
  const idx: Record<string, number> = {};
  for (const [key, name] of Object.entries(layout.cols)) {
    const i = header.indexOf(name);
    if (i < 0 && key !== 'amount' && key !== 'code') {
      fail(file, 1, `${layout.format} file without its column ${name}`);
    }
    idx[key] = i;
  }
  const n = lines.length - 1;
  const rows = {
    t: new Float64Array(n),
    o: new Float64Array(n),
    h: new Float64Array(n),
    l: new Float64Array(n),
    c: new Float64Array(n),
    v: new Float64Array(n),
    a: new Float64Array(n).fill(Number.NaN),
  };
  let code: string | undefined;
  let m = 0;
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    if (line.trim() === '') fail(file, lineNo, 'empty line inside the data');
    const f = splitCsv(line);
    if (f.length !== header.length) {
      fail(file, lineNo, `${f.length} fields, the header has ${header.length}`);
    }
    const num = (key: keyof Layout['cols'], min: number, strict: boolean): number => {
      const name = layout.cols[key]!;
      const s = f[idx[key]!]!;
      const x = s === '' ? Number.NaN : Number(s);
      if (!Number.isFinite(x) || (strict ? !(x > min) : !(x >= min))) {
        fail(file, lineNo, `column ${name}: "${s}" is not a number ${strict ? '>' : '>='} ${min}`);
      }
      return x;
    };
    const ds = f[idx['date']!]!;
    let t: number;
    if (layout.date === 'ms') {
      t = Number(ds);
      if (!Number.isInteger(t) || t % DAY_MS !== 0) {
        fail(file, lineNo, `column ${layout.cols.date}: "${ds}" is not a date at 00:00 UTC in ms`);
      }
    } else {
      const iso = layout.date === 'iso' ? ds : ds.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
      try {
        t = dayOfDate(iso) * DAY_MS;
      } catch {
        fail(
          file,
          lineNo,
          `column ${layout.cols.date}: "${ds}" is not a date (${layout.date === 'iso' ? 'YYYY-MM-DD' : 'YYYYMMDD'})`,
        );
      }
    }
    if (idx['code']! >= 0) {
      const c = f[idx['code']!]!;
      if (code === undefined) code = c;
      else if (c !== code)
        fail(file, lineNo, `column ${layout.cols.code}: "${c}" after "${code}": one stock per file`);
    }
    const o = num('open', 0, true);
    const h = num('high', 0, true);
    const l = num('low', 0, true);
    const c = num('close', 0, true);
    const v = num('volume', 0, false);
    if (h < Math.max(o, c, l) || l > Math.min(o, c)) {
      fail(file, lineNo, `prices inconsistent: high ${h} / low ${l} do not bound open ${o} and close ${c}`);
    }
    rows.t[m] = t;
    rows.o[m] = o;
    rows.h[m] = h;
    rows.l[m] = l;
    rows.c[m] = c;
    rows.v[m] = v * (layout.format === 'shared' && opts.volumeInLots ? 100 : layout.volumeUnit);
    if (idx['amount']! >= 0) rows.a[m] = num('amount', 0, false) * layout.amountUnit;
    m++;
  }
  // Order: ascending (Tushare: descending, then reversed); equal or mixed order is refused.
  const reversed = layout.format === 'tushare' && m > 1 && rows.t[1]! < rows.t[0]!;
  for (let i = 1; i < m; i++) {
    const ok = reversed ? rows.t[i]! < rows.t[i - 1]! : rows.t[i]! > rows.t[i - 1]!;
    if (!ok) {
      fail(
        file,
        i + 2,
        `column ${layout.cols.date}: ${new Date(rows.t[i]!).toISOString().slice(0, 10)} is not ${reversed ? 'before' : 'after'} the previous row's date`,
      );
    }
  }
  const take = (a: Float64Array) => {
    const s = a.slice(0, m);
    return reversed ? s.reverse() : s;
  };
  const out: CnBars = {
    format: layout.format,
    basis,
    bars: {
      openTime: take(rows.t),
      open: take(rows.o),
      high: take(rows.h),
      low: take(rows.l),
      close: take(rows.c),
      volume: take(rows.v),
    },
    amount: take(rows.a),
    reversed,
    ...(code === undefined ? {} : { code }),
  };
  return out;
}

/**
 * Refuses a set of series that mixes raw and adjusted stock prices (index series go with either):
 * an ex-rights drop in a raw series would otherwise sit beside smooth adjusted prices unnoticed.
 */
export function assertOneBasis(
  series: readonly { readonly name: string; readonly basis: PriceBasis }[],
): void {
  const stocks = series.filter((s) => s.basis !== 'index');
  const first = stocks[0];
  const other = stocks.find((s) => s.basis !== first?.basis);
  if (first && other) {
    throw new AlgoError(
      ErrorCode.InvalidData,
      `price bases differ: ${first.name} is ${first.basis}, ${other.name} is ${other.basis}; use one basis in a backtest`,
    );
  }
}
