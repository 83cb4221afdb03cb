import { aggregateBars, type BacktestConfig, type BacktestResult, runBacktest } from '@algotrader/backtest';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import { type Pipeline, type PipelineConfigInput, parsePipelineConfig } from '@algotrader/pipeline';
import { readCsvBars, readFundingCsv, readPriceCandlesCsv } from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { bundledData } from '@algotrader/testkit';
import { between, NO_LIMITS } from './fixtures';

/**
 * The runs the parity tests give both the backtest engine and a live pipeline (TypeScript or
 * native router): the same strategy, parameters, bars and account, so their fills must agree.
 */

/** The backtest of `sma_cross` with `params` on `bars` of OKX:BTC/USDT, a paper account of 10 000. */
export function smaCrossBtcBacktest(
  params: unknown,
  bars: BarColumns,
  fillModel: NonNullable<BacktestConfig['fillModel']>,
): BacktestResult {
  return runBacktest({
    strategy: getStrategy('sma_cross'),
    params,
    data: { timeframe: '1h', series: [{ instrument: parseInstrument('OKX:BTC/USDT'), bars }] },
    initialCash: 10_000,
    fillModel,
    account: 'paper',
  });
}

/**
 * `xs_momentum` over four real 1h series (BTC, ETH, LTC, XRP, Jan–Feb 2021, with the exchange's
 * gaps) with a lot size and minimum notional: the bars, the backtest and the pipeline to replay.
 */
export async function xsMomentumCase(): Promise<{
  series: { instrument: string; bars: BarColumns }[];
  bt: BacktestResult;
  config: PipelineConfigInput;
}> {
  const from = Date.UTC(2021, 0, 1);
  const to = Date.UTC(2021, 2, 1);
  const series = await Promise.all(
    ['BTC', 'ETH', 'LTC', 'XRP'].map(async (s) => ({
      instrument: `OKX:${s}/USDT`,
      bars: between(await readCsvBars(bundledData(`ohlcv/binance_${s}-USDT_1h_2017-2022.csv.gz`)), from, to),
    })),
  );
  const params = { lookback: 48, top: 2, rebalanceEvery: 24, investFraction: 0.98 };
  const specs = { lotSize: 0.0001, minQty: 0.0001, minNotional: 5, tickSize: 0.0001 };
  const bt = runBacktest({
    strategy: getStrategy('xs_momentum'),
    params,
    data: {
      timeframe: '1h',
      series: series.map((s) => ({ instrument: parseInstrument(s.instrument), bars: s.bars, spec: specs })),
    },
    initialCash: 10_000,
    account: 'paper',
  });
  const instruments = series.map((s) => s.instrument);
  const config: PipelineConfigInput = {
    account: 'paper',
    instruments,
    strategies: [{ name: 'xs_momentum', params, instruments }],
    paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
    specs: Object.fromEntries(instruments.map((i) => [i, specs])),
    risk: NO_LIMITS,
    mode: 'replay',
  };
  return { series, bt, config };
}

/** The bundled OKX BTC-USDT-SWAP 4h trade bars (aggregated from 1h) in [from, to), with mark candles and funding. */
export async function okxBtcSwapData(from: number, to: number) {
  const mark = readPriceCandlesCsv(bundledData('perp/okx_BTC-USDT-SWAP_mark_4h_2024-2025.csv.gz'));
  const funding = readFundingCsv(bundledData('perp/okx_BTC-USDT-SWAP_funding_8h_2024-2025.csv'));
  const trades = await readCsvBars(bundledData('perp/okx_BTC-USDT-SWAP_1h_2024-2025.csv.gz'));
  const bars: BarColumns = between(aggregateBars(trades, '1h', '4h'), from, to);
  return { mark, funding, bars };
}

/**
 * The paper pipeline (account `perp`, 4h) trading `sma_long_short` with `params` on `key`, with the
 * perp backtest's fills (next open, 5 bps taker, 1 bp slippage) and no risk limit that would refuse.
 */
export function smaLongShortPerpPipeline(
  key: string,
  params: Record<string, unknown>,
  swap: { marginMode: 'cross' | 'isolated'; leverage: number },
): Pipeline {
  return parsePipelineConfig({
    account: 'perp',
    timeframe: '4h',
    instruments: [key],
    strategies: [{ name: 'sma_long_short', params, instruments: [key] }],
    swaps: { [key]: swap },
    paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
    fillModel: {
      timing: 'next_open',
      fees: { maker: 0.0002, taker: 0.0005 },
      slippage: { kind: 'bps', bps: 1 },
    },
    risk: {
      ...NO_LIMITS,
      maxAccountLeverage: null,
      minLiquidationDistance: null,
      haltMarginRatio: null,
      alertMarginRatio: null,
    },
    mode: 'replay',
  });
}
