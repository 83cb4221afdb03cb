import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import type { BarColumns } from '@algotrader/core';
import { type PipelineConfigInput, parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, repoRoot, scaled } from '@algotrader/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { between, NO_LIMITS } from './helpers/fixtures';
import { replayThroughStages } from './helpers/pipeline';

const run = promisify(execFile);
const SRC = join(repoRoot, 'native/order-router');
// Outside the source tree (biome and vitest ignore node_modules), kept between runs.
const BUILD = join(repoRoot, 'node_modules/.cache/native-order-router');
const BIN = join(BUILD, 'native-order-router');

/**
 * Builds the native stage (CMake, incremental: compiled once, then cached in node_modules/.cache).
 * A build failure fails the suite with the compiler's output: never a skip.
 */
async function build(): Promise<void> {
  try {
    await run('cmake', ['-S', SRC, '-B', BUILD, '-DCMAKE_BUILD_TYPE=Release'], { timeout: scaled(120_000) });
    await run('cmake', ['--build', BUILD, '-j', '2'], { timeout: scaled(600_000), maxBuffer: 16 << 20 });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `native/order-router does not build (needs cmake, g++, libnats-dev, libprotobuf-dev, protobuf-compiler; .ci/run installs them): ${x.message}\n${x.stdout ?? ''}\n${x.stderr ?? ''}`,
    );
  }
}

interface NativeRun {
  fills: { msgId: string; side: string; qty: string; price: string; fee: string; time: number }[];
  cash: string;
  stateCash: string;
  done: Record<string, number>;
}

async function runNative(url: string, args: string[]): Promise<NativeRun> {
  const { stdout } = await run(BIN, ['--url', url, ...args], {
    timeout: scaled(120_000),
    maxBuffer: 64 << 20,
  });
  const out: NativeRun = { fills: [], cash: '', stateCash: '', done: {} };
  for (const line of stdout.split('\n')) {
    const [kind, ...w] = line.split(' ');
    if (kind === 'FILL')
      out.fills.push({ msgId: w[0]!, side: w[1]!, qty: w[2]!, price: w[3]!, fee: w[4]!, time: Number(w[5]) });
    else if (kind === 'CASH') out.cash = w[0]!;
    else if (kind === 'STATE') out.stateCash = /cash=(\S+)/.exec(line)![1]!;
    else if (kind === 'DONE')
      for (const kv of w) {
        const [k, v] = kv.split('=');
        out.done[k!] = Number(v);
      }
  }
  return out;
}

/**
 * The TypeScript stages replay `series` (paper router); then the native stage reads the same ORDERS
 * and MD streams and the account state in KV, and fills on its own. Returns both sides.
 */
async function bothRouters(
  config: PipelineConfigInput,
  series: { instrument: string; bars: BarColumns }[],
  native: string[],
) {
  const server = await NatsServer.start();
  const bus = await Bus.connect({ servers: server.url, service: 'test' });
  try {
    await bus.ensure(SYSTEM_TOPOLOGY);
    const pipeline = parsePipelineConfig(config);
    await replayThroughStages(server.url, bus, pipeline, series);
    const account = (await readAccount(bus, pipeline.account))!;
    const ts = (await readAll(bus, 'EXEC', `exec.fill.${pipeline.account}`, codecs.Fill)).map((f) => ({
      msgId: f.msgId!,
      side: f.message.side === 1 ? 'buy' : 'sell',
      qty: f.message.quantity!,
      price: f.message.price!,
      fee: f.message.fee!,
      time: Number(f.message.timeMs),
    }));
    const nat = await runNative(server.url, ['--account', pipeline.account, '--publish', ...native]);
    const after = await readAll(bus, 'EXEC', `exec.fill.${pipeline.account}`, codecs.Fill);
    return { ts, tsCash: account.book.cash, nat, fillsAfter: after.length };
  } finally {
    await bus.close();
    await server.stop();
  }
}

describe('native C++ execution stage (paper, next_open) fills as the TypeScript router', () => {
  beforeAll(build, scaled(700_000));

  test('meets the decimal-string vectors of proto/conformance/vectors.json', async () => {
    const { stdout } = await run(BIN, ['--conformance', join(repoRoot, 'proto/conformance/vectors.json')], {
      timeout: scaled(30_000),
    });
    expect(stdout).toMatch(/DECIMALS ok=1\d bad=0/);
  });

  test(
    'sma_cross on 3,000 real BTC/USDT hours, 5 bps slippage: the same fills (decimal strings, msg-ids) and cash',
    async () => {
      const all = await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz'));
      const btc = between(all, all.openTime[0]!, all.openTime[3_000]!);
      const { ts, tsCash, nat, fillsAfter } = await bothRouters(
        {
          account: 'paper',
          instruments: ['OKX:BTC/USDT'],
          strategies: [{ name: 'sma_cross', params: { fast: 10, slow: 30 }, instruments: ['OKX:BTC/USDT'] }],
          paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
          fillModel: {
            timing: 'next_open',
            fees: { maker: 0.0008, taker: 0.001 },
            slippage: { kind: 'bps', bps: 5 },
          },
          risk: NO_LIMITS,
          mode: 'replay',
        },
        [{ instrument: 'OKX:BTC/USDT', bars: btc }],
        ['--tf', '1h', '--tf-ms', '3600000', '--maker', '0.0008', '--taker', '0.001', '--slippage-bps', '5'],
      );
      expect(ts.length, 'the period must trade for the comparison to mean something').toBeGreaterThan(40);
      expect(nat.fills).toEqual(ts);
      // Cash: the same doubles (printed by both sides with the protocol's decimal-string rule).
      expect(nat.cash).toBe(String(tsCash));
      // The native stage read the TypeScript router's account state (protobuf, KV) exactly.
      expect(nat.stateCash).toBe(String(tsCash));
      // Its Fills went out under the same msg-ids: the stream dropped every one as a duplicate.
      expect(nat.done.published_duplicates).toBe(ts.length);
      expect(nat.done.refused).toBe(0);
      expect(fillsAfter).toBe(ts.length);
    },
    scaled(600_000),
  );

  test(
    'xs_momentum over four real series with gaps, lot size and min notional: same fills and cash',
    async () => {
      const symbols = ['BTC', 'ETH', 'LTC', 'XRP'];
      const from = Date.UTC(2021, 0, 1);
      const to = Date.UTC(2021, 2, 1);
      const series = await Promise.all(
        symbols.map(async (s) => ({
          instrument: `OKX:${s}/USDT`,
          bars: between(
            await readCsvBars(bundledData(`ohlcv/binance_${s}-USDT_1h_2017-2022.csv.gz`)),
            from,
            to,
          ),
        })),
      );
      const specs = { lotSize: 0.0001, minQty: 0.0001, minNotional: 5, tickSize: 0.0001 };
      const { ts, tsCash, nat } = await bothRouters(
        {
          account: 'paper',
          instruments: series.map((s) => s.instrument),
          strategies: [
            {
              name: 'xs_momentum',
              params: { lookback: 48, top: 2, rebalanceEvery: 24, investFraction: 0.98 },
              instruments: series.map((s) => s.instrument),
            },
          ],
          paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
          specs: Object.fromEntries(series.map((s) => [s.instrument, specs])),
          risk: NO_LIMITS,
          mode: 'replay',
        },
        series,
        [
          '--tf',
          '1h',
          '--tf-ms',
          '3600000',
          '--lot-size',
          '0.0001',
          '--min-qty',
          '0.0001',
          '--min-notional',
          '5',
        ],
      );
      expect(ts.length).toBeGreaterThan(20);
      expect(nat.fills).toEqual(ts);
      expect(nat.cash).toBe(String(tsCash));
      expect(nat.done.published_duplicates).toBe(ts.length);
    },
    scaled(600_000),
  );
});
