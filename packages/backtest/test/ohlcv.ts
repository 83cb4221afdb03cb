import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type BarColumns, emptyColumns, type Instrument, parseInstrument } from '@algotrader/core';

/** The bundled real data set (`data/ohlcv` in the repository). */
export const OHLCV_DIR = path.resolve(import.meta.dirname, '../../../data/ohlcv');

/** The ten symbols of the 2017–2022 1h set. */
export const SYMBOLS_1H = ['BTC', 'ETH', 'BNB', 'LTC', 'ADA', 'XRP', 'LINK', 'DOGE', 'SOL', 'AVAX'] as const;

/**
 * Reads a gzip CSV with header `ts,open,high,low,close,volume` (ts = open time, ms UTC) into
 * columns, as-is: no sorting, no dropping (the engine is the one that refuses bad rows).
 */
export function readOhlcvCsvGz(file: string): BarColumns {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const lines = text.split('\n');
  if (lines[0]?.trim() !== 'ts,open,high,low,close,volume')
    throw new Error(`${file}: unexpected header ${lines[0]}`);
  const rows = lines.slice(1).filter((l) => l.trim() !== '');
  const cols = emptyColumns(rows.length);
  rows.forEach((line, i) => {
    const f = line.split(',');
    cols.openTime[i] = Number(f[0]);
    cols.open[i] = Number(f[1]);
    cols.high[i] = Number(f[2]);
    cols.low[i] = Number(f[3]);
    cols.close[i] = Number(f[4]);
    cols.volume[i] = Number(f[5]);
  });
  return cols;
}

/** `binance_<BASE>-USDT_1h_2017-2022.csv.gz` as an instrument (`BINANCE:<BASE>/USDT`) and its bars. */
export function loadBinance1h(base: string): { instrument: Instrument; bars: BarColumns } {
  return {
    instrument: parseInstrument(`BINANCE:${base}/USDT`),
    bars: readOhlcvCsvGz(path.join(OHLCV_DIR, `binance_${base}-USDT_1h_2017-2022.csv.gz`)),
  };
}
