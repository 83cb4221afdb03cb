import { runPerpBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { okxSwapContract, parseInstrument } from '@algotrader/core';
import { readAccount } from '@algotrader/pipeline';
import { registerStrategy, smaLongShort } from '@algotrader/strategy';
import { NatsServer } from '@algotrader/testkit';
import { expect, test } from 'vitest';
import { okxBtcSwapData, smaLongShortPerpPipeline } from './helpers/parity-cases';
import { pipelineFills, replayThroughStages } from './helpers/pipeline';

/**
 * Live ≡ backtest on a perpetual swap: sma_long_short (long and short, 2× exposure, 3× cross) on
 * the bundled OKX BTC-USDT-SWAP 4h trade candles, 4h mark candles and 8h funding, replayed through
 * the four stages with the paper venue, gives the perp backtest engine's fills, funding and cash.
 * The bars carry their mark candle and the funding settled at their open (market.proto SwapMark);
 * the router books funding at the open, fills at the trade open (portfolio fillSwapAtOpen) and marks
 * at the mark close, as runPerpBacktest does.
 */

registerStrategy(smaLongShort);
const KEY = 'OKX:BTC/USDT:USDT';
const SWAP = parseInstrument(KEY);

test.each([
  { label: 'no exits', exposure: 2, mode: 'cross' as const, leverage: 3, liquidations: 0 },
  // 8× isolated: liquidated in the 2024-12-05 crash candle (mark low under the liquidation price).
  { label: 'a liquidation', exposure: 8, mode: 'isolated' as const, leverage: 10, liquidations: 1 },
  // Protective exits on both sides: stop-loss, take-profit and trailing stop, longs and shorts.
  {
    label: 'exits',
    exposure: 2,
    mode: 'cross' as const,
    leverage: 3,
    liquidations: 0,
    exits: { stopLoss: 0.03, takeProfit: 0.08, trailingStop: 0.05 },
  },
])(
  'parity ($label): sma_long_short at $exposure× ($mode, $leverage×) on a swap through the paper pipeline gives the perp backtest fills, funding, liquidations and cash',
  async ({ exposure, mode, leverage, liquidations, exits }) => {
    // 2024-09-01 → 2025-03-01: about 1,080 4h bars, inside the mark history.
    const { mark, funding, bars } = await okxBtcSwapData(Date.UTC(2024, 8, 1), Date.UTC(2025, 2, 1));
    const params = { fast: 10, slow: 30, exposure, ...(exits ? { exits } : {}) };
    const bt = runPerpBacktest({
      strategy: smaLongShort,
      params,
      timeframe: '4h',
      series: [{ contract: okxSwapContract(SWAP)!, bars, mark, funding, setting: { mode, leverage } }],
      initialCash: 10_000,
      takerFee: 0.0005,
      slippageBps: 1,
    });
    const trades_ = bt.fills.filter((f) => f.kind === 'trade');
    // The comparison must cover longs, shorts, flips and funding both ways to mean something.
    expect(trades_.length).toBeGreaterThan(10);
    expect(trades_.some((f) => f.qty > 0) && trades_.some((f) => f.qty < 0)).toBe(true);
    expect(bt.totals.fundingPaid).toBeGreaterThan(0);
    expect(bt.totals.fundingReceived).toBeGreaterThan(0);
    expect(bt.liquidations).toHaveLength(liquidations);
    // Every order filled (flips included): a refusal on both sides would prove little.
    expect(bt.orders.filter((o) => o.status === 'rejected')).toEqual([]);
    if (exits) {
      const reasons = new Set(trades_.map((f) => f.reason ?? 'signal'));
      expect([...reasons].sort()).toEqual(['signal', 'stop_loss', 'take_profit', 'trailing_stop']);
      expect(
        trades_.some((f) => f.reason !== undefined && f.qty > 0),
        'a short closed by an exit',
      ).toBe(true);
    }

    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      const pipeline = smaLongShortPerpPipeline(KEY, params, { marginMode: mode, leverage });
      await replayThroughStages(server.url, bus, pipeline, [
        { instrument: KEY, bars, swap: { mark, funding } },
      ]);
      const account = (await readAccount(bus, pipeline.account))!;
      const live = await pipelineFills(bus, pipeline.account);
      expect(
        live.map(({ time, side, qty, price, fee, reason }) => ({ time, side, qty, price, fee, reason })),
      ).toEqual(
        trades_.map((f) => ({
          time: f.time,
          side: f.qty > 0 ? 'buy' : 'sell',
          qty: Math.abs(f.qty),
          price: f.price,
          fee: f.fee,
          reason: f.reason ?? 'signal',
        })),
      );
      const book = account.book.swaps?.[KEY];
      expect(book?.funding).toBe(bt.totals.funding);
      expect(book?.qty).toBe(bt.positions[0]!.qty);
      expect(book?.liquidations).toBe(liquidations);
      expect(book?.liquidationLoss).toBe(bt.totals.liquidationLoss);
      expect(account.book.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
      expect(account.book.equity).toBe(bt.finalEquity);
    } finally {
      await bus.close();
      await server.stop();
    }
  },
  600_000,
);
