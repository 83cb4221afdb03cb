import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBacktest } from '@algotrader/backtest';
import { Bus } from '@algotrader/bus';
import { parseInstrument } from '@algotrader/core';
import { DEMO_PIPELINE, loadPipeline, readAccount, readAll, STAGES } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replayBtc1hArgs, runCli, startCli } from './helpers/cli';
import { between } from './helpers/fixtures';
import { killGroup } from './helpers/process-groups';

const FILE = bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz');
const FROM = '2024-09-01';
const TO = '2024-09-22';
const H1 = 3_600_000;

async function count(bus: Bus, stream: string, filter: string): Promise<number> {
  const info = await bus.jsm.streams.info(stream, { subjects_filter: filter });
  return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
}

describe('replay --data', () => {
  let nats: NatsServer;
  let bus: Bus;
  beforeAll(async () => {
    nats = await NatsServer.start();
    bus = await Bus.connect({ servers: nats.url, service: 'test' });
  });
  afterAll(async () => {
    await bus?.close();
    await nats?.stop();
  });

  test(
    'into a running `up`: a bar-set marker per close, so the paper venue fills exactly as the backtest',
    async () => {
      const up = startCli(['up', '--config', DEMO_PIPELINE, '--nats', nats.url, '--quiet']);
      const pids: number[] = [];
      up.proc.stdout?.on('data', (b: Buffer) => {
        for (const m of b.toString().matchAll(/started \(pid (\d+)/g)) pids.push(Number(m[1]));
      });
      const why = () => `${up.lines.join('\n')}\n${up.stderr.join('').slice(-3000)}`;
      try {
        await waitFor(() => pids.length === STAGES.length, 60_000, `the four stages started\n${why()}`);
        const run = await runCli(replayBtc1hArgs(FILE, nats.url, '--from', FROM, '--to', TO));
        expect(run.code, run.stderr).toBe(0);
        const from = Date.parse(`${FROM}T00:00:00Z`);
        const to = Date.parse(`${TO}T00:00:00Z`);
        const bars = between(await readCsvBars(FILE), from, to);
        const n = bars.openTime.length;
        expect(n).toBe(21 * 24);
        expect(run.lines.join('\n')).toContain(`OKX:BTC/USDT 1h: ${n} bars in ${n} bar sets`);
        expect(await count(bus, 'MD', 'md.barset.okx.1h')).toBe(n);

        // The paper venue steps through every close: nothing waits for a marker that never comes.
        const lastClose = bars.openTime[n - 1]! + H1;
        await waitFor(
          async () => ((await readAccount(bus, 'paper'))?.steppedThrough ?? 0) >= lastClose,
          120_000,
          `the paper venue through ${new Date(lastClose).toISOString()}\n${why()}`,
        );
        const fills = await readAll(bus, 'EXEC', 'exec.fill.paper', codecs.Fill);
        const p = await loadPipeline(DEMO_PIPELINE);
        const s = p.strategies[0]!;
        const bt = runBacktest({
          strategy: s.strategy,
          params: s.params,
          data: {
            timeframe: p.tf,
            series: [{ instrument: parseInstrument('OKX:BTC/USDT'), bars, spec: p.specs[0]! }],
          },
          initialCash: p.config.paper.initialCash,
          fillModel: p.config.fillModel,
          account: p.account,
        });
        const key = (f: { time: number; side: string; qty: number; price: number }) =>
          `${f.time}|${f.side}|${f.qty}|${f.price}`;
        expect(bt.fills.length).toBeGreaterThan(0);
        expect(
          fills.map((f) =>
            key({
              time: Number(f.message.timeMs),
              side: f.message.side === 1 ? 'buy' : 'sell',
              qty: Number(f.message.quantity),
              price: Number(f.message.price),
            }),
          ),
        ).toEqual(bt.fills.map(key));
      } finally {
        up.proc.kill('SIGINT');
        await Promise.race([up.exited, new Promise((r) => setTimeout(r, scaled(30_000)))]);
        up.proc.kill('SIGKILL');
        for (const pid of pids) killGroup(pid);
      }
    },
    scaled(300_000),
  );

  test(
    '--bars-only fills a stream without markers; --data and --symbol must pair up',
    async () => {
      const run = await runCli(
        replayBtc1hArgs(FILE, nats.url, '--from', '2024-10-01', '--to', '2024-10-03', '--bars-only'),
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.lines.join('\n')).toMatch(/48 bars .* no bar-set markers/);
      const october = Date.parse('2024-10-01T00:00:00Z');
      const markers = await readAll(bus, 'MD', 'md.barset.okx.1h', codecs.BarSetClosed);
      expect(markers.filter((m) => Number(m.message.closeTimeMs) > october)).toEqual([]);

      const bad = await runCli([
        'replay',
        '--data',
        FILE,
        '--data',
        FILE,
        '--symbol',
        'OKX:BTC/USDT',
        '--tf',
        '1h',
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^give one --symbol per --data \(2 file\(s\), 1 symbol\(s\)\)/);
    },
    scaled(120_000),
  );
});

describe('replay --config with a replayWindow (issue 10)', () => {
  test(
    'publishes the window when given no --from/--to (the range its stages accept)',
    async () => {
      const nats = await NatsServer.start();
      const dir = mkdtempSync(join(tmpdir(), 'algotrader-window-'));
      const bus = await Bus.connect({ servers: nats.url, service: 'test' });
      try {
        const config = join(dir, 'pipeline.json');
        writeFileSync(
          config,
          JSON.stringify({
            instruments: ['OKX:BTC/USDT'],
            strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
            mode: 'replay',
            replayWindow: { from: '2024-09-01', to: '2024-09-03' },
            data: { 'OKX:BTC/USDT': FILE },
          }),
        );
        const run = await runCli(['replay', '--config', config, '--nats', nats.url, '--quiet']);
        expect(run.code, run.stderr).toBe(0);
        expect(await count(bus, 'MD', 'md.bar.okx.BTC-USDT.1h')).toBe(48);
        expect(await count(bus, 'MD', 'md.barset.okx.1h')).toBe(48);
      } finally {
        await bus.close();
        await nats.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    scaled(120_000),
  );
});
