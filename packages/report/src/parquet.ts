import { join } from 'node:path';
import type { BacktestResult, EquityCurve, Fill } from '@algotrader/backtest';
import { formatInstrument } from '@algotrader/core';
import {
  DOUBLE,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBDoubleVector,
  DuckDBInstance,
  DuckDBVector,
  quotedString,
} from '@duckdb/node-api';

export interface ParquetFiles {
  readonly fills: string;
  readonly trades: string;
  readonly equity: string;
}

/**
 * Schemas of the three files (times are both a UTC `TIMESTAMP` and the engine's ms, so joins on
 * the exact value stay possible):
 *
 * - `fills.parquet`: time, time_ms, instrument, side, qty, price, notional, fee, liquidity,
 *   client_order_id, reason (`signal`, `stop_loss`, …) — one row per fill, in fill order;
 * - `trades.parquet`: instrument, entry_time, exit_time, entry_price, exit_price, qty, pnl,
 *   return, fees, holding_hours, exit_reason — one row per closed round trip, in exit order;
 * - `equity.parquet`: time, time_ms, equity, cash, exposure, drawdown — one row per close time.
 */
export async function writeParquetFiles(dir: string, result: BacktestResult): Promise<ParquetFiles> {
  const files: ParquetFiles = {
    fills: join(dir, 'fills.parquet'),
    trades: join(dir, 'trades.parquet'),
    equity: join(dir, 'equity.parquet'),
  };
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  try {
    await writeFills(con, result, files.fills);
    await writeTrades(con, result, files.trades);
    await writeEquity(con, result.equity, files.equity);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  return files;
}

async function copyTo(con: DuckDBConnection, select: string, path: string): Promise<void> {
  await con.run(`COPY (${select}) TO ${quotedString(path)} (FORMAT parquet, COMPRESSION zstd)`);
}

async function withAppender(
  con: DuckDBConnection,
  table: string,
  fill: (a: DuckDBAppender) => void,
): Promise<void> {
  const appender = await con.createAppender(table);
  try {
    fill(appender);
  } finally {
    appender.closeSync();
  }
}

/**
 * Small sets of repeated strings (instrument names, sides, liquidity, reasons) appended as integer
 * codes and turned back into the same VARCHAR values in the COPY: one native call per value either
 * way, but a string call converts its text each time (~7k fills × 4 columns per run).
 */
class Codes {
  readonly #codes = new Map<string, number>();
  readonly #values: string[] = [];
  code(value: string): number {
    let c = this.#codes.get(value);
    if (c === undefined) {
      c = this.#values.length;
      this.#values.push(value);
      this.#codes.set(value, c);
    }
    return c;
  }
  /** SQL for the value of code column `column` (a typed list literal: VARCHAR even with no rows). */
  sql(column: string): string {
    return `([${this.#values.map(quotedString).join(', ')}]::VARCHAR[])[${column} + 1]`;
  }
}

/** Instrument names formatted once per instrument object (fills and trades share a few). */
function instrumentNames(): (i: Fill['instrument']) => string {
  const names = new Map<Fill['instrument'], string>();
  return (i) => {
    let n = names.get(i);
    if (n === undefined) {
      n = formatInstrument(i);
      names.set(i, n);
    }
    return n;
  };
}

async function writeFills(con: DuckDBConnection, result: BacktestResult, path: string): Promise<void> {
  await con.run(
    `CREATE TEMP TABLE fills (seq INTEGER, time_ms DOUBLE, instrument INTEGER, side INTEGER, qty DOUBLE,
       price DOUBLE, fee DOUBLE, liquidity INTEGER, client_order_id VARCHAR, reason INTEGER)`,
  );
  const codes = new Codes();
  const name = instrumentNames();
  await withAppender(con, 'fills', (a) => {
    result.fills.forEach((f, i) => {
      a.appendInteger(i);
      a.appendDouble(f.time);
      a.appendInteger(codes.code(name(f.instrument)));
      a.appendInteger(codes.code(f.side));
      a.appendDouble(f.qty);
      a.appendDouble(f.price);
      a.appendDouble(f.fee);
      a.appendInteger(codes.code(f.liquidity));
      a.appendVarchar(f.clientOrderId);
      a.appendInteger(codes.code(f.reason));
      a.endRow();
    });
  });
  await copyTo(
    con,
    `SELECT epoch_ms(time_ms::BIGINT) AS time, time_ms::BIGINT AS time_ms, ${codes.sql('instrument')} AS instrument,
       ${codes.sql('side')} AS side, qty, price, qty * price AS notional, fee, ${codes.sql('liquidity')} AS liquidity,
       client_order_id, ${codes.sql('reason')} AS reason FROM fills ORDER BY seq`,
    path,
  );
}

async function writeTrades(con: DuckDBConnection, result: BacktestResult, path: string): Promise<void> {
  await con.run(
    `CREATE TEMP TABLE trades (seq INTEGER, instrument INTEGER, entry_ms DOUBLE, exit_ms DOUBLE,
       entry_price DOUBLE, exit_price DOUBLE, qty DOUBLE, pnl DOUBLE, ret DOUBLE, fees DOUBLE, holding_ms DOUBLE, exit_reason INTEGER)`,
  );
  const codes = new Codes();
  const name = instrumentNames();
  await withAppender(con, 'trades', (a) => {
    result.trades.forEach((t, i) => {
      a.appendInteger(i);
      a.appendInteger(codes.code(name(t.instrument)));
      a.appendDouble(t.entryTime);
      a.appendDouble(t.exitTime);
      a.appendDouble(t.entryPrice);
      a.appendDouble(t.exitPrice);
      a.appendDouble(t.qty);
      a.appendDouble(t.pnl);
      a.appendDouble(t.return);
      a.appendDouble(t.fees);
      a.appendDouble(t.holdingMs);
      a.appendInteger(codes.code(t.exitReason));
      a.endRow();
    });
  });
  await copyTo(
    con,
    `SELECT ${codes.sql('instrument')} AS instrument, epoch_ms(entry_ms::BIGINT) AS entry_time,
       epoch_ms(exit_ms::BIGINT) AS exit_time, entry_price, exit_price, qty, pnl,
       ret AS "return", fees, holding_ms / 3600000.0 AS holding_hours, ${codes.sql('exit_reason')} AS exit_reason
       FROM trades ORDER BY seq`,
    path,
  );
}

const EQUITY_COLUMNS = ['time', 'equity', 'cash', 'exposure', 'drawdown'] as const;

/** The curve can be long (one row per bar): filled one 2048-row data chunk at a time. */
async function writeEquity(con: DuckDBConnection, eq: EquityCurve, path: string): Promise<void> {
  await con.run(
    'CREATE TEMP TABLE equity (time_ms DOUBLE, equity DOUBLE, cash DOUBLE, exposure DOUBLE, drawdown DOUBLE)',
  );
  const appender = await con.createAppender('equity');
  try {
    const n = eq.time.length;
    const size = DuckDBVector.standardSize();
    const chunk = DuckDBDataChunk.create(EQUITY_COLUMNS.map(() => DOUBLE));
    for (let offset = 0; offset < n; offset += size) {
      const count = Math.min(size, n - offset);
      chunk.reset();
      chunk.rowCount = count;
      EQUITY_COLUMNS.forEach((name, c) => {
        const vector = chunk.getColumnVector(c) as DuckDBDoubleVector;
        const src = eq[name];
        for (let i = 0; i < count; i++) vector.setItem(i, src[offset + i]!);
        vector.flush();
      });
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
  await copyTo(
    con,
    `SELECT epoch_ms(time_ms::BIGINT) AS time, time_ms::BIGINT AS time_ms, equity, cash,
       exposure, drawdown FROM equity ORDER BY time_ms`,
    path,
  );
}
