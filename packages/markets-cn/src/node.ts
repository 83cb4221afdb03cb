import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AlgoError, ErrorCode } from '@algotrader/core';
import { parseSseCalendar, type SseCalendar } from './calendar';
import { type CnBars, type PriceBasis, parseCnBars } from './import';

/** data/ of the repository (this file is packages/markets-cn/src/node.ts). */
const DATA_DIR = resolve(import.meta.dirname, '../../../data');

/** The bundled SSE/SZSE calendar, 2010-01-01 → 2026-12-31. */
export const SSE_CALENDAR_FILE = resolve(DATA_DIR, 'calendars/cn_sse_trading_calendar.csv.gz');

/** The bundled A-share files (data/cn/), with the price basis each one has (data/README.md). */
export const CN_DATASETS = {
  cn_600519_1d: { code: 'SSE:600519', basis: 'raw' },
  cn_000300_1d: { code: 'SSE:000300', basis: 'index' },
  cn_688111_1d: { code: 'SSE:688111', basis: 'raw' },
  cn_300750_1d: { code: 'SZSE:300750', basis: 'qfq' },
  // Its volume column is in lots of 100 (amount / volume ≈ 100 × the price).
  cn_688981_1d: { code: 'SSE:688981', basis: 'qfq', volumeInLots: true },
  cn_600519_1d_akshare_qfq_original: { code: 'SSE:600519', basis: 'qfq' },
} as const satisfies Record<string, { code: string; basis: PriceBasis; volumeInLots?: boolean }>;

export type CnDataset = keyof typeof CN_DATASETS;

/** A file's text: gunzipped when the name ends in .gz. Errors name the path. */
export function readDataText(path: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
    if (path.endsWith('.gz')) buf = gunzipSync(buf);
  } catch (e) {
    throw new AlgoError(ErrorCode.InvalidData, `cannot read ${path}: ${(e as Error).message}`);
  }
  return buf.toString('utf8');
}

let calendar: SseCalendar | undefined;

/** The SSE calendar from `path` (default: the bundled one, read once). */
export function loadSseCalendar(path?: string): SseCalendar {
  if (path !== undefined) return parseSseCalendar(readDataText(path), path);
  calendar ??= parseSseCalendar(readDataText(SSE_CALENDAR_FILE), SSE_CALENDAR_FILE);
  return calendar;
}

/** Daily bars from a CSV file (plain or .gz) in any layout `parseCnBars` reads; the basis is stated. */
export function loadCnBars(path: string, basis: PriceBasis, o: { volumeInLots?: boolean } = {}): CnBars {
  return parseCnBars(readDataText(path), path, basis, o);
}

/** A bundled data/cn file, with the basis the catalogue gives it. */
export function loadBundledCn(name: CnDataset): CnBars & { readonly file: string } {
  const file = resolve(DATA_DIR, 'cn', `${name}.csv.gz`);
  const d: { basis: PriceBasis; volumeInLots?: boolean } = CN_DATASETS[name];
  return { ...loadCnBars(file, d.basis, { volumeInLots: d.volumeInLots ?? false }), file };
}
