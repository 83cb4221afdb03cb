import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateBars, perpMetrics, runPerpBacktest } from '@algotrader/backtest';
import {
  AlgoError,
  ErrorCode,
  formatInstrument,
  isTimeframe,
  okxSwapContract,
  parseInstrument,
  type Timeframe,
} from '@algotrader/core';
import { buildPerpSummary, perpSummaryLines, renderPerpTearsheet } from '@algotrader/report';
import { readCsvBars, readFundingCsv, readPriceCandlesCsv } from '@algotrader/store';
import { type AnyStrategy, getStrategy, smaLongShort } from '@algotrader/strategy';
import { bundledData } from '@algotrader/testkit';
import { parse, UsageError } from '../args';
import { checkParams, parseParamFlags } from '../sweep/spec';

const USAGE = `usage: algotrader perp-backtest [--strategy sma_long_short] [--symbol OKX:BTC/USDT:USDT]
           [--trades <csv> --trades-tf 1h] [--mark <csv>] [--funding <csv>] [--tf 4h]
           [--margin cross|isolated] [--leverage 3] [--param k=v].. [--fee 0.0005] [--slippage-bps N]
           [--cash 10000] [--out DIR] [--json]

Backtests a strategy on a USDT perpetual swap: long and short, leverage, funding at each settlement
on the notional at the mark price, positions marked at the mark price, liquidation. The trade candles
are combined into --tf to match the mark candles. Without file flags it runs on the bundled OKX
BTC-USDT-SWAP data (data/perp). Prints where the P&L came from: trading, fees, funding, liquidations.

  algotrader perp-backtest --param fast=10 --param slow=30 --param exposure=2 --leverage 3`;

export async function runPerpBacktestCmd(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      strategy: { type: 'string', default: 'sma_long_short' },
      symbol: { type: 'string', default: 'OKX:BTC/USDT:USDT' },
      trades: { type: 'string' },
      'trades-tf': { type: 'string', default: '1h' },
      mark: { type: 'string' },
      funding: { type: 'string' },
      tf: { type: 'string', default: '4h' },
      margin: { type: 'string', default: 'cross' },
      leverage: { type: 'string', default: '3' },
      param: { type: 'string', multiple: true, default: [] },
      fee: { type: 'string', default: '0.0005' },
      'slippage-bps': { type: 'string', default: '0' },
      cash: { type: 'string', default: '10000' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const tf = String(values.tf);
  const tradesTf = String(values['trades-tf']);
  if (!isTimeframe(tf) || !isTimeframe(tradesTf))
    throw new UsageError(`--tf and --trades-tf must be timeframes such as 1h, 4h\n\n${USAGE}`);
  const margin = String(values.margin);
  if (margin !== 'cross' && margin !== 'isolated')
    throw new UsageError(`--margin must be cross or isolated\n\n${USAGE}`);
  const number = (flag: string, v: unknown) => {
    const x = Number(v);
    if (!Number.isFinite(x))
      throw new UsageError(`--${flag} must be a number, got "${String(v)}"\n\n${USAGE}`);
    return x;
  };
  const instrument = parseInstrument(String(values.symbol));
  const contract = okxSwapContract(instrument);
  if (!contract) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `no contract terms for ${formatInstrument(instrument)}: the built-in ones are OKX BTC and ETH USDT swaps`,
    );
  }
  const name = String(values.strategy);
  // sma_long_short is not in the shared registry (it refuses spot instruments, which the others run on).
  const strategy: AnyStrategy =
    name === smaLongShort.name ? (smaLongShort as unknown as AnyStrategy) : getStrategy(name);
  const params = checkParams(strategy, parseParamFlags(values.param as string[]));
  const files = {
    trades:
      (values.trades as string | undefined) ?? bundledData('perp/okx_BTC-USDT-SWAP_1h_2024-2025.csv.gz'),
    mark:
      (values.mark as string | undefined) ?? bundledData('perp/okx_BTC-USDT-SWAP_mark_4h_2024-2025.csv.gz'),
    funding:
      (values.funding as string | undefined) ??
      bundledData('perp/okx_BTC-USDT-SWAP_funding_8h_2024-2025.csv'),
  };
  const mark = readPriceCandlesCsv(files.mark);
  const trades = await readCsvBars(files.trades);
  let bars = tradesTf === tf ? trades : aggregateBars(trades, tradesTf as Timeframe, tf as Timeframe);
  // Only the bars the mark history covers: a bar without its mark candle is an error in the engine.
  const first = mark.openTime[0] ?? 0;
  const last = mark.openTime[mark.openTime.length - 1] ?? 0;
  const i = bars.openTime.findIndex((t) => t >= first);
  let j = bars.openTime.findIndex((t) => t > last);
  if (j < 0) j = bars.openTime.length;
  const cut = (c: Float64Array) => c.slice(Math.max(0, i), j);
  bars = {
    openTime: cut(bars.openTime),
    open: cut(bars.open),
    high: cut(bars.high),
    low: cut(bars.low),
    close: cut(bars.close),
    volume: cut(bars.volume),
  };
  const result = runPerpBacktest({
    strategy,
    params,
    timeframe: tf as Timeframe,
    series: [
      {
        contract,
        bars,
        mark,
        funding: readFundingCsv(files.funding),
        setting: { mode: margin, leverage: number('leverage', values.leverage) },
      },
    ],
    initialCash: number('cash', values.cash),
    takerFee: number('fee', values.fee),
    slippageBps: number('slippage-bps', values['slippage-bps']),
  });
  const metrics = perpMetrics(result);
  const summary = buildPerpSummary(result, metrics, {
    runId: `perp-${strategy.name}`,
    createdAt: Date.now(),
    dataSource: `${files.trades}; ${files.mark}; ${files.funding}`,
    command: `algotrader perp-backtest ${argv.join(' ')}`.trim(),
  });
  if (values.out) {
    const dir = String(values.out);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(join(dir, 'tearsheet.html'), renderPerpTearsheet({ summary, result }));
  }
  if (values.json) console.log(JSON.stringify(summary, null, 2));
  else {
    for (const line of perpSummaryLines(summary)) console.log(line);
    if (values.out) console.log(`\nwrote ${join(String(values.out), 'summary.json')} and tearsheet.html`);
  }
  return 0;
}
