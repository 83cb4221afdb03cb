import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FundingSeries, PriceCandles } from '@algotrader/core';
import { readOhlcvCsvGz } from './ohlcv';

/** The bundled OKX BTC-USDT-SWAP subset (`data/perp`), 2024-08-20 → 2025-05-27. */
export const PERP_DIR = path.resolve(import.meta.dirname, '../../../data/perp');

function csv(file: string): string[][] {
  const buf = readFileSync(path.join(PERP_DIR, file));
  const text = (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','));
}

export const okxBtcSwap1h = () =>
  readOhlcvCsvGz(path.join(PERP_DIR, 'okx_BTC-USDT-SWAP_1h_2024-2025.csv.gz'));

export function okxBtcMark4h(): PriceCandles {
  const rows = csv('okx_BTC-USDT-SWAP_mark_4h_2024-2025.csv.gz');
  const col = (c: number) => Float64Array.from(rows, (r) => Number(r[c]));
  return { openTime: col(0), open: col(1), high: col(2), low: col(3), close: col(4) };
}

export function okxBtcFunding(): FundingSeries {
  const rows = csv('okx_BTC-USDT-SWAP_funding_8h_2024-2025.csv');
  return {
    time: Float64Array.from(rows, (r) => Number(r[0])),
    rate: Float64Array.from(rows, (r) => Number(r[1])),
  };
}
