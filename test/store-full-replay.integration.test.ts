import { Bus } from '@algotrader/bus';
import { readAll } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { bundledData, NatsServer, scaled } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayBtc1hArgs, runCli } from './helpers/cli';

const CSV = bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz');
/** 9 days of 1h bars. */
const RANGE = ['--from', '2024-07-11', '--to', '2024-07-20'];
const BARS = 9 * 24;

/**
 * `algotrader replay` into a full MD stream (its max_bytes set through NATS_STREAM_MAX_BYTES, which
 * the CLI's topology step applies) must not hang: the server refuses the publish, the CLI exits
 * non-zero at once with what to do. With the limit raised, the same command completes, and what
 * the first run stored is not stored twice.
 */
describe('algotrader replay into a full stream', { timeout: scaled(120_000) }, () => {
  test('fails at once with a clear message; after the limit is raised the re-run stores every bar once', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'admin' });
    try {
      const started = Date.now();
      const full = await runCli(replayBtc1hArgs(CSV, server.url, ...RANGE, '--bars-only'), {
        NATS_STREAM_MAX_BYTES: 'MD:8K',
      });
      const tookMs = Date.now() - started;
      expect(full.code).toBe(1);
      expect(full.stderr).toMatch(
        /refused, the store is full \(maximum bytes exceeded\): nothing was stored; raise the stream's max_bytes or free JetStream disk space/,
      );
      // No retry loop on a refusal the server explained: the CLI's own start-up is most of it.
      expect(tookMs).toBeLessThan(scaled(15_000));
      const md = await bus.jsm.streams.info('MD');
      expect(md.config.max_bytes).toBe(8 * 1024);
      const storedFirst = md.state.messages;
      expect(storedFirst).toBeGreaterThan(0);
      expect(storedFirst).toBeLessThan(BARS);

      const raised = await runCli(replayBtc1hArgs(CSV, server.url, ...RANGE, '--bars-only'), {
        NATS_STREAM_MAX_BYTES: 'MD:-1',
      });
      expect(raised.code, raised.stderr).toBe(0);
      const bars = await readAll(bus, 'MD', 'md.bar.>', codecs.Bar);
      const closes = bars.map((b) => Number(b.message.closeTimeMs));
      expect(closes.length).toBe(BARS);
      expect(new Set(closes).size).toBe(BARS);
      expect(closes).toEqual([...closes].sort((a, b) => a - b));
    } finally {
      await bus.close();
      await server.stop();
    }
  });
});
