import { AlgoError, ErrorCode, type Instrument, instrument } from '@algotrader/core';
import { type InstrumentSpec, instrumentSpec } from '@algotrader/portfolio';

/** SSE: Shanghai Stock Exchange; SZSE: Shenzhen Stock Exchange. */
export type CnExchange = 'SSE' | 'SZSE';

/** Main board (SSE 600/601/603/605, SZSE 000/001/002/003), ChiNext (SZSE 300/301), STAR (SSE 688/689). */
export type Board = 'main' | 'chinext' | 'star';

/** One A-share as the rules see it. */
export interface AShare {
  readonly exchange: CnExchange;
  /** Six digits, e.g. `600519`. */
  readonly code: string;
  readonly board: Board;
  /** Special treatment (ST / *ST): a ±5 % band on the main board. */
  readonly st: boolean;
  /** Display name, e.g. `贵州茅台 Kweichow Moutai`. */
  readonly name: string;
  /** First trading day, `YYYY-MM-DD` (the new-listing rules count from it); empty when unknown. */
  readonly listed: string;
  /** `SSE:600519/CNY` as a core Instrument (venue = exchange, base = code, quote = CNY). */
  readonly instrument: Instrument;
}

/** Tick: every A-share price is on a 0.01 CNY grid. */
export const CN_TICK = 0.01;

/** The date ChiNext moved to the registration system: its band went from ±10 % to ±20 %. */
export const CHINEXT_REFORM = '2020-08-24';

/** The instruments this project ships rules and data for. */
const KNOWN: Readonly<Record<string, { name: string; listed: string }>> = {
  'SSE:600519': { name: '贵州茅台 Kweichow Moutai', listed: '2001-08-27' },
  'SZSE:000001': { name: '平安银行 Ping An Bank', listed: '1991-04-03' },
  'SZSE:300750': { name: '宁德时代 CATL', listed: '2018-06-11' },
  'SSE:688111': { name: '金山办公 Kingsoft Office', listed: '2019-11-18' },
};

/** The four instruments named in the A-share issue, in the order given there. */
export const A_SHARE_CODES = ['SSE:600519', 'SZSE:000001', 'SZSE:300750', 'SSE:688111'] as const;

/** Board of a six-digit code on its exchange; throws for codes that are not A-share stocks. */
export function boardOf(exchange: CnExchange, code: string): Board {
  const p3 = code.slice(0, 3);
  if (exchange === 'SSE') {
    if (p3 === '688' || p3 === '689') return 'star';
    if (['600', '601', '603', '605'].includes(p3)) return 'main';
  } else {
    if (p3 === '300' || p3 === '301') return 'chinext';
    if (['000', '001', '002', '003'].includes(p3)) return 'main';
  }
  throw new AlgoError(
    ErrorCode.InvalidInstrument,
    `${exchange}:${code} is not an A-share stock code (SSE 600/601/603/605/688/689, SZSE 000-003/300/301)`,
  );
}

/**
 * Parses `SSE:600519` (or `SZSE:000001`, also `600519.SH` / `000001.SZ` as Tushare writes them).
 * `st` marks a stock under special treatment; name and listing date come from the built-in table
 * when the code is in it.
 */
export function aShare(text: string, o: { st?: boolean; name?: string; listed?: string } = {}): AShare {
  const t = text.trim().toUpperCase();
  let m = /^(SSE|SZSE):(\d{6})$/.exec(t);
  if (!m) {
    const ts = /^(\d{6})\.(SH|SZ)$/.exec(t);
    if (ts) m = [t, ts[2] === 'SH' ? 'SSE' : 'SZSE', ts[1]!] as unknown as RegExpExecArray;
  }
  if (!m) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `cannot parse A-share "${text}": expected SSE:600519, SZSE:000001 or 600519.SH`,
    );
  }
  const exchange = m[1] as CnExchange;
  const code = m[2]!;
  const known = KNOWN[`${exchange}:${code}`];
  return {
    exchange,
    code,
    board: boardOf(exchange, code),
    st: o.st ?? false,
    name: o.name ?? known?.name ?? code,
    listed: o.listed ?? known?.listed ?? '',
    instrument: instrument(exchange, code, 'CNY'),
  };
}

/** The A-share an instrument key (`SSE:600519/CNY`) or Instrument stands for, or undefined. */
export function aShareOf(i: Instrument): AShare | undefined {
  if ((i.venue !== 'SSE' && i.venue !== 'SZSE') || i.quote !== 'CNY' || !/^\d{6}$/.test(i.base))
    return undefined;
  try {
    return aShare(`${i.venue}:${i.base}`);
  } catch {
    return undefined;
  }
}

/**
 * Order-size rules. Main board and ChiNext: buys in lots of 100 shares; STAR: at least 200 shares,
 * then any number of shares. Sells follow the same grid, except that an odd remainder (what is
 * left below one lot, e.g. after a bonus issue) may be sold, all of it at once.
 */
export interface LotRule {
  /** Smallest order, shares. */
  readonly min: number;
  /** Step above the minimum, shares. */
  readonly step: number;
}

export function lotRule(board: Board): LotRule {
  return board === 'star' ? { min: 200, step: 1 } : { min: 100, step: 100 };
}

/** Why `qty` shares may not be ordered on `side` when holding `held` (null: they may). */
export function lotProblem(board: Board, side: 'buy' | 'sell', qty: number, held: number): string | null {
  const { min, step } = lotRule(board);
  if (!(Number.isInteger(qty) && qty > 0))
    return `quantity must be a whole positive number of shares, got ${qty}`;
  if (side === 'sell' && qty === held && held < min) return null; // the odd remainder, all at once
  const what = board === 'star' ? `at least ${min} shares` : `a multiple of ${step} shares (one lot)`;
  if (qty < min || (qty - min) % step !== 0) return `${qty} shares is not ${what}`;
  if (side === 'sell' && qty > held) return `sell of ${qty} shares exceeds the ${held} held`;
  return null;
}

/** The largest quantity not above `qty` that the lot rule allows (0 when none). */
export function floorToLot(board: Board, side: 'buy' | 'sell', qty: number, held: number): number {
  const { min, step } = lotRule(board);
  if (side === 'sell' && held < min) return qty >= held ? held : 0;
  const q = Math.floor(qty + 1e-9);
  if (q < min) return 0;
  return min + Math.floor((q - min) / step) * step;
}

/**
 * The InstrumentSpec the shared Account and FillModel use: lot 100 (main, ChiNext) or 1 with a
 * 200-share minimum (STAR), tick 0.01. Odd remainders are handled by the A-share rules, not here.
 */
export function aShareSpec(s: AShare): InstrumentSpec {
  const { min, step } = lotRule(s.board);
  return instrumentSpec(s.instrument, { lotSize: step, minQty: min, minNotional: 0, tickSize: CN_TICK });
}
