import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type Clock, parseInstrument } from '@algotrader/core';
import { FeatureEngine } from '@algotrader/feature-engine';
import { parsePipelineConfig, readAll } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { runCli } from './helpers/cli';
import { head } from './helpers/fixtures';
import { mountTmpfs, tmpfsMountable } from './helpers/tmpfs';

const BARS = 400;
const CSV = bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz');
const btc = parseInstrument('OKX:BTC/USDT');
const clock: Clock = { now: () => Date.now() };
const PUBLISH = { publishTimeoutMs: 1_000, publishAttempts: 3 };
/** The longest a failing publish may take: every attempt's timeout plus the backoffs (100 + 200 ms). */
const PUBLISH_BOUND_MS = PUBLISH.publishAttempts * PUBLISH.publishTimeoutMs + 300;

/** Closes a bus, giving up on the drain after `ms` (a wedged server never answers it). */
async function closeWithin(bus: Bus | undefined, ms: number): Promise<void> {
  if (!bus) return;
  // After the server was killed the drain fails: the connection is what the test must end.
  await Promise.race([bus.close().catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
  if (!bus.nc.isClosed()) await bus.nc.close();
}

/** Whether JetStream answers an account-info request from a fresh connection within `ms`. */
async function jetStreamAnswers(url: string, ms: number): Promise<boolean> {
  const nc = await connect({ servers: url, timeout: ms });
  try {
    const jsm = await jetstreamManager(nc, { timeout: ms });
    await jsm.getAccountInfo();
    return true;
  } catch {
    return false;
  } finally {
    await nc.close();
  }
}

/**
 * The disk under the JetStream store fills up (a tmpfs; the server's own max_file_store is far
 * larger, so the disk is what runs out). Filled through the pipeline's own publishers: the replay
 * publisher (bars to MD, as the collector publishes them) and the feature-engine stage (vectors to
 * FEATURES). What nats-server 2.9 does then (seen with v2.9.10): the write fails with ENOSPC, the
 * server stops answering for the stream and for the connection that published — no error, no log
 * line, SIGTERM does not stop it — and does not recover when space returns; only a restart does.
 * Later servers disable JetStream instead. What we require of our side either way: the publisher
 * gives up within a bound with an error that says what to do, counts it, nothing crashes; and once
 * space is back and the server answers again, the stage carries on by itself and the re-run replay
 * completes with every bar and vector stored exactly once.
 */
// Mounting needs root or CAP_SYS_ADMIN (CI runs as root). As another user the test is reported as
// skipped with the reason printed, rather than turning a user's `npm test` red for a missing
// privilege: the issue asks for this case "where the machine allows mounting one".
const mountable = tmpfsMountable();
if (!mountable.ok) console.warn(`store-full-disk: not run on this machine: ${mountable.why}`);

describe('the disk under the JetStream store is full', { timeout: scaled(180_000) }, () => {
  test.skipIf(!mountable.ok)(
    'publishers give up within a bound with a clear error; after space returns the pipeline resumes, nothing lost or doubled',
    async () => {
      const disk = mountTmpfs(8);
      let server: NatsServer | undefined;
      let admin: Bus | undefined;
      let feBus: Bus | undefined;
      let fe: FeatureEngine | undefined;
      try {
        server = await NatsServer.start({ storeDir: join(disk.dir, 'js'), maxFileStore: '1GB' });
        admin = await Bus.connect({ servers: server.url, service: 'admin', ...PUBLISH });
        feBus = await Bus.connect({ servers: server.url, service: 'feature-engine', ...PUBLISH });
        await admin.ensure(SYSTEM_TOPOLOGY);
        const pipeline = parsePipelineConfig({
          account: 'paper',
          instruments: ['OKX:BTC/USDT'],
          strategies: [{ name: 'sma_cross', params: { fast: 5, slow: 15 }, instruments: ['OKX:BTC/USDT'] }],
          mode: 'replay',
        });
        fe = await FeatureEngine.start({ bus: feBus, pipeline, clock });
        const bars = head(await readCsvBars(CSV), BARS);
        const replay = () =>
          replayPipeline(admin!, { venue: 'OKX', tf: '1h', series: [{ instrument: btc, bars }] });

        // Everything but 96 KiB of the disk goes to a file that is not JetStream's: the pipeline's
        // messages (some 1.5 KB of stream data per bar) fill the rest well before the last bar.
        const filler = join(disk.dir, 'filler');
        writeFileSync(filler, Buffer.alloc(disk.free() - 96 * 1024));

        let lastPublished = admin.counters.published;
        let lastPublishAt = Date.now();
        const watch = setInterval(() => {
          if (admin!.counters.published !== lastPublished) {
            lastPublished = admin!.counters.published;
            lastPublishAt = Date.now();
          }
        }, 20);
        const failure = await replay().then(
          () => undefined,
          (e: Error) => e,
        );
        const waited = Date.now() - lastPublishAt;
        clearInterval(watch);
        expect(failure, 'the replay must fail: the disk ran full before its last bar').toBeDefined();
        expect(disk.free()).toBeLessThan(16 * 1024);
        // A clear error: either the server said the store is full, or it said nothing and the error
        // names the likely causes and the way out.
        expect(String(failure)).toMatch(
          /refused, the store is full|no answer from JetStream \(3 attempts of 1000 ms\).*disk of its JetStream store is full.*restart nats-server/,
        );
        // Bounded: the failing publish gave up after its attempts, not minutes later.
        expect(waited).toBeLessThan(PUBLISH_BOUND_MS + scaled(2_000));
        expect(admin.counters.publishFailures).toBeGreaterThanOrEqual(1);
        expect(admin.counters.storeFull + admin.counters.publishUnanswered).toBeGreaterThanOrEqual(1);
        const storedBefore = lastPublished;
        expect(storedBefore).toBeGreaterThan(10);
        expect(storedBefore).toBeLessThan(2 * BARS);

        // `algotrader replay` against the store in this state (the CLI with its default timeouts):
        // it must end within a bound with a message that says what to do, not hang for minutes.
        const cliStarted = Date.now();
        const cli = await runCli([
          'replay',
          '--data',
          CSV,
          '--symbol',
          'OKX:BTC/USDT',
          '--tf',
          '1h',
          '--bars-only',
          '--quiet',
          '--nats',
          server.url,
        ]);
        const cliMs = Date.now() - cliStarted;
        expect(cli.code).toBe(1);
        expect(cli.stderr).toMatch(
          /refused, the store is full|no answer from JetStream .*disk of its JetStream store is full/,
        );
        // Its bound: 8 publish attempts of 5 s with their backoffs (about 50 s) at the very most.
        expect(cliMs).toBeLessThan(60_000 + scaled(10_000));

        // Space returns.
        rmSync(filler);
        let recoveredBy = 'the server itself';
        const answered = await waitFor(
          () => jetStreamAnswers(server!.url, 1_000),
          5_000,
          'JetStream to answer',
        ).then(
          () => true,
          () => false,
        );
        if (!answered) {
          // nats-server 2.9: wedged until restarted (SIGTERM hangs too: the testkit kills it).
          recoveredBy = 'a restart of nats-server (it stayed silent after space returned)';
          await server.restart();
        }
        await waitFor(
          () => jetStreamAnswers(server!.url, 1_000),
          15_000,
          'JetStream to answer after the restart',
        );
        // The stage's connections reconnect by themselves; the operator re-runs the replay once its
        // own connection is back too.
        await waitFor(
          () =>
            admin!.jsm.getAccountInfo().then(
              () => true,
              () => false,
            ),
          15_000,
          'the admin connection to be back',
        );
        console.log(
          `disk-full: ${storedBefore} messages stored before the disk was full; failure: ${failure?.message}; algotrader replay meanwhile: exit ${cli.code} after ${cliMs} ms: ${cli.stderr.trim()}; recovered by ${recoveredBy}; server log warnings/errors: ${
            server.logs
              .split('\n')
              .filter((l) => /\[(WRN|ERR)\]/.test(l))
              .slice(0, 5)
              .join(' | ') || '(none)'
          }`,
        );

        const recoveredAt = Date.now();
        // The operator re-runs the replay (the same bars: what is stored is dropped as a duplicate);
        // the feature-engine, never restarted, resumes by itself.
        const again = await replay();
        expect(again.bars).toBe(BARS);
        await waitFor(
          async () => (await readAll(admin!, 'FEATURES', 'feat._set.>', codecs.BarSetClosed)).length >= BARS,
          60_000,
          'the feature-engine to catch up',
        );
        const closes = Array.from(bars.openTime, (t) => t + 3_600_000);
        const md = await readAll(admin, 'MD', 'md.bar.>', codecs.Bar);
        expect(md.map((b) => Number(b.message.closeTimeMs))).toEqual(closes);
        const vectors = await readAll(admin, 'FEATURES', 'feat.okx.>', codecs.FeatureVector);
        expect(vectors.map((v) => Number(v.message.closeTimeMs))).toEqual(closes);
        expect((await readAll(admin, 'FEATURES', 'feat._set.>', codecs.BarSetClosed)).length).toBe(BARS);
        // The alert of the failed publish could not be stored while the store was down; the
        // publisher kept it and stored it with its first publish that succeeded again.
        const alerts = await readAll(admin, 'OPS', 'ops.alert.>', codecs.Alert);
        const raised = alerts.find(
          (a) =>
            a.message.source === 'admin' && /^(jetstream_unanswered|store_full)$/.test(a.message.code ?? ''),
        );
        expect(raised?.message.message ?? '', JSON.stringify(alerts.map((a) => a.message.code))).toMatch(
          /md\.bar\.okx\.BTC-USDT\.1h/,
        );
        expect(Number(raised?.message.timeMs)).toBeLessThan(recoveredAt);
      } finally {
        try {
          await fe?.stop().catch(() => undefined);
          await server?.kill();
          await closeWithin(feBus, 2_000);
          await closeWithin(admin, 2_000);
          await server?.stop();
        } finally {
          disk.unmount();
        }
      }
    },
  );
});
