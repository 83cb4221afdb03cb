import { join } from 'node:path';
import type { BacktestResult, EquityCurve } from '@algotrader/backtest';
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

async function writeFills(con: DuckDBConnection, result: BacktestResult, path: string): Promise<void> {
  await con.run(
    `CREATE TEMP TABLE fills (seq INTEGER, time_ms DOUBLE, instrument VARCHAR, side VARCHAR, qty DOUBLE,
       price DOUBLE, fee DOUBLE, liquidity VARCHAR, client_order_id VARCHAR, reason VARCHAR)`,
  );
  await withAppender(con, 'fills', (a) => {
    result.fills.forEach((f, i) => {
      a.appendInteger(i);
      a.appendDouble(f.time);
      a.appendVarchar(formatInstrument(f.instrument));
      a.appendVarchar(f.side);
      a.appendDouble(f.qty);
      a.appendDouble(f.price);
      a.appendDouble(f.fee);
      a.appendVarchar(f.liquidity);
      a.appendVarchar(f.clientOrderId);
      a.appendVarchar(f.reason);
      a.endRow();
    });
  });
  await copyTo(
    con,
    `SELECT epoch_ms(time_ms::BIGINT) AS time, time_ms::BIGINT AS time_ms, instrument, side,
       qty, price, qty * price AS notional, fee, liquidity, client_order_id, reason FROM fills ORDER BY seq`,
    path,
  );
}

async function writeTrades(con: DuckDBConnection, result: BacktestResult, path: string): Promise<void> {
  await con.run(
    `CREATE TEMP TABLE trades (seq INTEGER, instrument VARCHAR, entry_ms DOUBLE, exit_ms DOUBLE,
       entry_price DOUBLE, exit_price DOUBLE, qty DOUBLE, pnl DOUBLE, ret DOUBLE, fees DOUBLE, holding_ms DOUBLE, exit_reason VARCHAR)`,
  );
  await withAppender(con, 'trades', (a) => {
    result.trades.forEach((t, i) => {
      a.appendInteger(i);
      a.appendVarchar(formatInstrument(t.instrument));
      a.appendDouble(t.entryTime);
      a.appendDouble(t.exitTime);
      a.appendDouble(t.entryPrice);
      a.appendDouble(t.exitPrice);
      a.appendDouble(t.qty);
      a.appendDouble(t.pnl);
      a.appendDouble(t.return);
      a.appendDouble(t.fees);
      a.appendDouble(t.holdingMs);
      a.appendVarchar(t.exitReason);
      a.endRow();
    });
  });
  await copyTo(
    con,
    `SELECT instrument, epoch_ms(entry_ms::BIGINT) AS entry_time,
       epoch_ms(exit_ms::BIGINT) AS exit_time, entry_price, exit_price, qty, pnl,
       ret AS "return", fees, holding_ms / 3600000.0 AS holding_hours, exit_reason FROM trades ORDER BY seq`,
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
