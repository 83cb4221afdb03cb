import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import { buildNativeRouter, nativeRouterArgs } from '@algotrader/order-router';
import {
  type Pipeline,
  type PipelineConfigInput,
  parsePipelineConfig,
  readAccount,
  readAll,
} from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, repoRoot, scaled, waitFor } from '@algotrader/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { between, NO_LIMITS } from './helpers/fixtures';
import { smaCrossBtcBacktest, xsMomentumCase } from './helpers/parity-cases';
import { backtestFills, pipelineFills, startStages } from './helpers/pipeline';

const run = promisify(execFile);
// nats-server resolves `include` relative to the config file, so the harness gets the text itself.
const AUTH = readFileSync(join(repoRoot, 'infra/nats/auth.conf'), 'utf8');
const AUTH_ENV = Object.fromEntries(
  [
    'collector',
    'feature-engine',
    'strategy-runner',
    'risk-gate',
    'order-router',
    'notifier',
    'monitor',
    'scheduler',
    'admin',
    'research-worker',
  ].map((s) => [`NATS_PASSWORD_${s.toUpperCase().replace(/-/g, '_')}`, `pw-${s}`]),
);
let BIN = '';

/** The native stage as the order-router of `p`: its own process group, killed on every path. */
function startNative(url: string, p: Pipeline): { proc: ChildProcess; stderr: () => string } {
  let err = '';
  const proc = spawn(BIN, [...nativeRouterArgs(p, url), '--heartbeat-ms', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return { proc, stderr: () => err };
}

function kill(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  try {
    process.kill(-proc.pid!, signal);
  } catch {
    // already gone
  }
  return exited;
}

interface NativeRun {
  fills: Awaited<ReturnType<typeof pipelineFills>>;
  account: NonNullable<Awaited<ReturnType<typeof readAccount>>>;
  fillMsgIds: string[];
  eventIds: string[];
  snapshots: number;
  restarts: number;
  stderr: string;
  /** Permission violations in the server's log (runs under auth.conf). */
  violations: string[];
}

/**
 * Replays `series` through the three TypeScript decision stages with the NATIVE stage as the
 * order-router, and waits until it has stepped the last bar set. `killAt` (fractions of the bars
 * published): kill -9 the native stage there and start it again from its saved state.
 */
async function nativePipeline(
  config: PipelineConfigInput,
  series: { instrument: string; bars: BarColumns }[],
  killAt: number[] = [],
  /** Run under infra/nats/auth.conf: every stage as its own NATS user, the native one as `order-router`. */
  auth = false,
): Promise<NativeRun> {
  const server = await (auth ? NatsServer.start({ config: AUTH, env: AUTH_ENV }) : NatsServer.start());
  const creds = (s: string) => ({ user: s, password: `pw-${s}` });
  const bus = await Bus.connect({ servers: server.url, service: 'admin', ...(auth ? creds('admin') : {}) });
  const nativeUrl = auth ? server.url.replace('nats://', 'nats://order-router:pw-order-router@') : server.url;
  const p = parsePipelineConfig(config);
  let native: ReturnType<typeof startNative> | undefined;
  let log = '';
  let restarts = 0;
  let decision: { stop(): Promise<void> } | undefined;
  try {
    await bus.ensure(SYSTEM_TOPOLOGY);
    native = startNative(nativeUrl, p);
    decision = await startStages(server.url, p, auth ? creds : undefined, { router: false });
    // Bar sets published; the kills land at their share of the sets (paced, so the stage keeps up).
    const sets = Math.max(...series.map((x) => x.bars.openTime.length));
    const marks = killAt.map((f) => Math.floor(sets * f));
    let published = 0;
    const killing: Promise<void>[] = [];
    const r = await replayPipeline(bus, {
      venue: p.venue,
      tf: p.tf,
      series: series.map((x) => ({ instrument: parseInstrument(x.instrument), bars: x.bars })),
      ...(killAt.length > 0 ? { speed: { kind: 'rate', perSecond: 150 } as const } : {}),
      onProgress: () => {
        published += 1;
        while (marks.length > 0 && published >= marks[0]!) {
          marks.shift();
          const old = native!;
          killing.push(
            kill(old.proc, 'SIGKILL').then(() => {
              log += old.stderr();
              restarts += 1;
              native = startNative(nativeUrl, p);
            }),
          );
        }
      },
    });
    await Promise.all(killing);
    await waitFor(
      async () => ((await readAccount(bus, p.account))?.steppedThrough ?? 0) >= r.lastClose!,
      scaled(240_000),
      () => `the native router to step the last bar set (stderr: ${log}${native?.stderr() ?? ''})`,
    );
    await kill(native!.proc, 'SIGTERM');
    log += native!.stderr();
    const fillMsgs = await readAll(bus, 'EXEC', `exec.fill.${p.account}`, codecs.Fill);
    const events = await readAll(bus, 'EXEC', `exec.order.${p.account}`, codecs.OrderEvent);
    const snaps = await readAll(bus, 'EXEC', `exec.position.${p.account}`, codecs.PositionSnapshot);
    return {
      fills: await pipelineFills(bus, p.account),
      account: (await readAccount(bus, p.account))!,
      fillMsgIds: fillMsgs.map((f) => f.msgId!),
      eventIds: events.map((e) => e.msgId!),
      snapshots: snaps.length,
      restarts,
      stderr: log,
      violations: server.logs.split('\n').filter((l) => /violation/i.test(l)),
    };
  } finally {
    if (native) await kill(native.proc, 'SIGKILL');
    await decision?.stop();
    await bus.close();
    await server.stop();
  }
}

const SMA = {
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
} as const satisfies PipelineConfigInput;

describe('native C++ order-router in place of the TypeScript one: fills as the backtest', () => {
  let btc: BarColumns;
  beforeAll(async () => {
    BIN = await buildNativeRouter(repoRoot, { force: true, timeoutMs: scaled(900_000) });
    const all = await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz'));
    btc = between(all, all.openTime[0]!, all.openTime[3_000]!);
  }, scaled(1_000_000));

  test('meets the decimal-string vectors of proto/conformance/vectors.json', async () => {
    const { stdout } = await run(BIN, ['--conformance', join(repoRoot, 'proto/conformance/vectors.json')], {
      timeout: scaled(30_000),
    });
    expect(stdout).toMatch(/DECIMALS ok=1\d bad=0/);
  });

  test(
    'sma_cross on 3,000 real BTC/USDT hours, 5 bps slippage: the same fills, cash, equity and peak as the backtest',
    async () => {
      const bt = smaCrossBtcBacktest(SMA.strategies[0].params, btc, SMA.fillModel);
      expect(bt.fills.length, 'the period must trade for the comparison to mean something').toBeGreaterThan(
        40,
      );
      const live = await nativePipeline(SMA, [{ instrument: 'OKX:BTC/USDT', bars: btc }]);
      expect(live.fills).toEqual(backtestFills(bt.fills));
      // The account state the native stage saved (protobuf, KV), read by the TypeScript reader.
      expect(live.account.book.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
      expect(live.account.book.positions['OKX:BTC/USDT']?.qty ?? 0).toBe(bt.positions[0]!.qty);
      expect(live.account.book.equity).toBe(bt.finalEquity);
      expect(live.account.book.peakEquity).toBe(Math.max(10_000, ...bt.equity.equity));
      expect(live.account.fills).toBe(bt.fills.length);
      expect(live.fillMsgIds).toEqual(bt.fills.map((f) => `fill:paper:${f.clientOrderId}:1`));
      // One snapshot per bar set (pos:<acct>:<close>), and two events per filled order (accepted, filled).
      expect(live.snapshots).toBe(btc.openTime.length);
      expect(live.eventIds.filter((id) => id.endsWith(':2')).length).toBe(bt.fills.length);
    },
    scaled(600_000),
  );

  test(
    'xs_momentum over four real series with gaps, lot size and min notional: same fills and cash',
    async () => {
      const { series, bt, config } = await xsMomentumCase();
      expect(bt.fills.length).toBeGreaterThan(20);
      const live = await nativePipeline(config, series);
      expect(live.fills).toEqual(backtestFills(bt.fills));
      expect(live.account.book.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
      expect(live.account.book.equity).toBe(bt.finalEquity);
    },
    scaled(600_000),
  );

  test(
    'kill -9 of the native stage twice mid-replay: restarted from its saved state, no fill lost or doubled',
    async () => {
      const bt = smaCrossBtcBacktest(SMA.strategies[0].params, btc, SMA.fillModel);
      const live = await nativePipeline(SMA, [{ instrument: 'OKX:BTC/USDT', bars: btc }], [0.35, 0.7]);
      expect(live.restarts).toBe(2);
      // The restarts resumed from saved positions (not from the start of the streams).
      expect(live.stderr.match(/from md_seq [1-9]\d*/g)?.length, live.stderr).toBe(2);
      expect(live.fills).toEqual(backtestFills(bt.fills));
      expect(new Set(live.fillMsgIds).size).toBe(live.fillMsgIds.length);
      expect(new Set(live.eventIds).size, 'every OrderEvent once (republished ones dropped)').toBe(
        live.eventIds.length,
      );
      expect(live.account.fills).toBe(bt.fills.length);
      expect(live.account.book.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
      expect(live.account.book.equity).toBe(bt.finalEquity);
    },
    scaled(600_000),
  );

  test(
    'under infra/nats/auth.conf as NATS user order-router: the same fills, and no permission violation',
    async () => {
      const bars = between(btc, btc.openTime[0]!, btc.openTime[1_200]!);
      const bt = smaCrossBtcBacktest(SMA.strategies[0].params, bars, SMA.fillModel);
      expect(bt.fills.length).toBeGreaterThan(10);
      const live = await nativePipeline(SMA, [{ instrument: 'OKX:BTC/USDT', bars }], [], true);
      expect(live.fills).toEqual(backtestFills(bt.fills));
      // The stages' own refusals of ensureIfAllowed are not the native stage's.
      expect(
        live.violations.filter((l) => !l.includes('STREAM.UPDATE') && !l.includes('STREAM.CREATE')),
      ).toEqual([]);
    },
    scaled(600_000),
  );
});
