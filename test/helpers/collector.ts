import type { Bus } from '@algotrader/bus';
import {
  BusBarSink,
  BusMdPublisher,
  busBarSetPublisher,
  createOkx,
  type LiveOptions,
  OkxMarketData,
} from '@algotrader/collector';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import { type ParquetStore, readCsvBars } from '@algotrader/store';
import { bundledData } from '@algotrader/testkit';

/**
 * The live collector's test setting, shared by its suites: BTC and ETH 1h from the bundled Binance
 * data (2017-2022), served by the local OKX market-data server around close {@link C0}.
 */

export const BTC = parseInstrument('OKX:BTC/USDT');
export const ETH = parseInstrument('OKX:ETH/USDT');
export const H1 = 60 * 60_000;
export const C0 = Date.UTC(2022, 2, 1);
export const SETTLE = 2_000;
/** Retries without the production waits (the backoff itself is not under test here). */
export const FAST = { attempts: 6, baseMs: 5, maxMs: 40 };

/** The bundled BTC and ETH 1h bars. */
export function loadBtcEth1h(): Promise<[BarColumns, BarColumns]> {
  return Promise.all([
    readCsvBars(bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz')),
    readCsvBars(bundledData('ohlcv/binance_ETH-USDT_1h_2017-2022.csv.gz')),
  ]);
}

/**
 * What every test collector shares: OKX at `okxUrl` (no rate limiter), bars to `bus` and `store`,
 * bars and markers on the bus pipelined (as the service publishes them), BTC and ETH 1h, settle
 * {@link SETTLE}, 30 s bar-set timeout, 5 s polls,
 * {@link FAST} retries. The rest (alerts, scheduler, since, metrics, onCycle) is the test's.
 */
export function btcEthCollector(
  okxUrl: string,
  bus: Bus,
  store: ParquetStore,
): Pick<
  LiveOptions,
  | 'md'
  | 'sink'
  | 'publishBarSet'
  | 'publisher'
  | 'symbols'
  | 'timeframes'
  | 'settleMs'
  | 'barSetTimeoutMs'
  | 'pollMs'
  | 'retry'
> {
  return {
    md: new OkxMarketData(createOkx({ restUrl: okxUrl, enableRateLimit: false })),
    sink: new BusBarSink(bus, { source: 'okx', store }),
    publishBarSet: busBarSetPublisher(bus),
    publisher: new BusMdPublisher(bus, { source: 'okx' }),
    symbols: [BTC, ETH],
    timeframes: ['1h'],
    settleMs: SETTLE,
    barSetTimeoutMs: 30_000,
    pollMs: 5_000,
    retry: FAST,
  };
}
