import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { barKey, parseInstrument } from '@algotrader/core';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { DeliverPolicy } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { replayBars } from '../apps/cli/src/commands/replay';
import { replayBtc1hArgs, runCli, startCli } from './helpers/cli';

// Within this on an idle machine, stretched on a busy one (vitest.config.ts).
vi.setConfig({ testTimeout: scaled(120_000) });

const FILE = bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz');

/** Every message of a subject, in stream order, straight from JetStream (not through our bus). */
async function readAll(
  bus: Bus,
  subject: string,
): Promise<{ seq: number; open: number; msgId: string | undefined }[]> {
  const info = await bus.jsm.streams.info('MD', { subjects_filter: subject });
  const expected = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  const out: { seq: number; open: number; msgId: string | undefined }[] = [];
  if (expected === 0) return out;
  const c = await bus.js.consumers.get('MD', { filter_subjects: subject, deliver_policy: DeliverPolicy.All });
  const it = await c.consume();
  for await (const m of it) {
    out.push({
      seq: m.seq,
      open: codecs.Bar.decode(m.data).openTimeMs as number,
      msgId: m.headers?.get('Nats-Msg-Id'),
    });
    if (out.length >= expected) break;
  }
  await it.close();
  return out;
}

describe('walking skeleton: replay real bars over JetStream', () => {
  let server: NatsServer;
  let bus: Bus;
  let fileOpens: number[];

  beforeAll(async () => {
    server = await NatsServer.start();
    bus = await Bus.connect({ servers: server.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    fileOpens = Array.from((await readCsvBars(FILE)).openTime);
  });
  afterAll(async () => {
    await bus?.close();
    await server?.stop();
  });

  test('all bars of a real file arrive once, in order; a second replay stores no duplicates', async () => {
    // Fills the stream with bars only: the tail test below counts stream sequences of bars.
    const replayBars = replayBtc1hArgs(FILE, server.url, '--bars-only');
    const first = await runCli(replayBars);
    expect(first.code, first.stderr).toBe(0);
    expect(first.lines.join('\n')).toContain(`${fileOpens.length} stored, 0 already in the stream`);
    const stored = await readAll(bus, 'md.bar.okx.BTC-USDT.1h');
    expect(stored.map((s) => s.open)).toEqual(fileOpens);
    expect(stored[0]?.msgId).toBe(barKey(parseInstrument('OKX:BTC/USDT'), '1h', fileOpens[0]!));

    const second = await runCli(replayBars);
    expect(second.code, second.stderr).toBe(0);
    expect(second.lines.join('\n')).toContain(`0 stored, ${fileOpens.length} already in the stream`);
    const info = await bus.jsm.streams.info('MD', { subjects_filter: 'md.bar.okx.BTC-USDT.1h' });
    expect(info.state.subjects?.['md.bar.okx.BTC-USDT.1h']).toBe(fileOpens.length);
  });

  test('a consumer killed with SIGKILL mid-stream and restarted resumes without loss', async () => {
    const subject = 'md.bar.okx.BTC-USDT.1h';
    const args = ['streams', 'tail', subject, '--all', '--durable', 'kill-test', '--nats', server.url];
    const seen = new Map<number, number>();
    const absorb = (lines: string[]) => {
      for (const l of lines) {
        const seq = (JSON.parse(l) as { seq: number }).seq;
        seen.set(seq, (seen.get(seq) ?? 0) + 1);
      }
    };
    const a = startCli(args);
    await waitFor(() => a.lines.length >= 1500, 30_000, 'first consumer to print 1500 bars');
    a.proc.kill('SIGKILL');
    await a.exited;
    absorb(a.lines);
    expect(seen.size).toBeLessThan(fileOpens.length); // it really was killed mid-stream

    const b = startCli(args);
    let bExit: number | null | undefined;
    void b.exited.then((code) => {
      bExit = code;
    });
    // Distinct sequences printed by either: the restarted tail prints again what the killed one had
    // in flight (unacked), and only after the durable's ack wait.
    const distinct = () => {
      const all = new Set(seen.keys());
      for (const l of b.lines) all.add((JSON.parse(l) as { seq: number }).seq);
      return all.size;
    };
    await waitFor(
      () => distinct() >= fileOpens.length,
      60_000,
      // A stall names what the restarted tail did: how far it got, whether it exited, what it said.
      () =>
        `restarted consumer to catch up (printed ${b.lines.length}, ${distinct()} of ${fileOpens.length} distinct with the ${seen.size} before the kill; ` +
        `${bExit === undefined ? 'still running' : `exited ${bExit}`}; stderr: ${b.stderr.join('').slice(-800) || 'none'})`,
    );
    await waitFor(
      async () => (await bus.jsm.consumers.info('MD', 'kill-test')).num_pending === 0,
      10_000,
      'no pending',
    );
    b.proc.kill('SIGTERM');
    await b.exited;
    absorb(b.lines);
    const info = await bus.jsm.streams.info('MD');
    const firstSeq = info.state.first_seq;
    // Every message of the stream was printed at least once: nothing lost across the kill.
    for (let s = firstSeq; s < firstSeq + fileOpens.length; s++) expect(seen.has(s), `seq ${s}`).toBe(true);
    // At-least-once: only messages in flight at the kill (one pull batch at most) may repeat.
    const repeats = [...seen.values()].filter((n) => n > 1).length;
    expect(repeats).toBeLessThanOrEqual(256);
  });

  test('the nats-server killed and restarted mid-publish loses nothing and duplicates nothing', async () => {
    const eth = parseInstrument('OKX:ETH/USDT');
    const cols = await readCsvBars(bundledData('ohlcv/binance_ETH-USDT_1h_2017-2022.csv.gz'));
    const n = 4000;
    const slice = {
      openTime: cols.openTime.subarray(0, n),
      open: cols.open.subarray(0, n),
      high: cols.high.subarray(0, n),
      low: cols.low.subarray(0, n),
      close: cols.close.subarray(0, n),
      volume: cols.volume.subarray(0, n),
    };
    const publisher = await Bus.connect({
      servers: server.url,
      service: 'replayer',
      publishTimeoutMs: 2_000,
      publishAttempts: 30,
    });
    let published = 0;
    const replay = replayBars(publisher, eth, '1h', slice, {
      onProgress: (k) => {
        published += k;
      },
    });
    await waitFor(() => published >= 1000, 30_000, '1000 bars published');
    await server.kill();
    await new Promise((r) => setTimeout(r, 300));
    await server.restart();
    const result = await replay;
    await publisher.close();
    expect(result.bars).toBe(n);
    expect(publisher.counters.publishRetries).toBeGreaterThan(0); // the outage was really felt

    // The checking connection reconnects by itself (unlimited reconnects).
    await waitFor(() => !bus.nc.isClosed() && bus.nc.info !== undefined, 10_000, 'bus reconnected');
    const stored = await readAll(bus, 'md.bar.okx.ETH-USDT.1h');
    expect(stored.length).toBe(n);
    expect(stored.map((s) => s.open)).toEqual(Array.from(slice.openTime));
  });

  test('a malformed payload lands in the dead-letter subject and the consumer keeps going', async () => {
    const subject = 'md.bar.okx.LTC-USDT.1h';
    const ltc = parseInstrument('OKX:LTC/USDT');
    const cols = await readCsvBars(bundledData('ohlcv/binance_LTC-USDT_1h_2017-2022.csv.gz'));
    const part = (a: number, b: number) => ({
      openTime: cols.openTime.subarray(a, b),
      open: cols.open.subarray(a, b),
      high: cols.high.subarray(a, b),
      low: cols.low.subarray(a, b),
      close: cols.close.subarray(a, b),
      volume: cols.volume.subarray(a, b),
    });
    await replayBars(bus, ltc, '1h', part(0, 5));
    await bus.publishRaw(subject, new TextEncoder().encode('{"not":"protobuf"}'), {
      msgId: 'garbage-1',
      headers: { 'Proto-Type': 'algotrader.v1.Bar' },
    });
    await replayBars(bus, ltc, '1h', part(5, 10));

    const tail = await runCli([
      'streams',
      'tail',
      subject,
      '--all',
      '--durable',
      'dlq-test',
      '--count',
      '10',
      '--nats',
      server.url,
    ]);
    expect(tail.code, tail.stderr).toBe(0);
    const opens = tail.lines.map(
      (l) => (JSON.parse(l) as { message: { openTimeMs: number } }).message.openTimeMs,
    );
    expect(opens).toEqual(Array.from(cols.openTime.subarray(0, 10)));

    const dlq = await runCli([
      'streams',
      'tail',
      `dlq.${subject}`,
      '--all',
      '--count',
      '1',
      '--nats',
      server.url,
    ]);
    const letter = JSON.parse(dlq.lines[0]!) as {
      message: { reason: string; subject: string; consumer: string };
    };
    expect(letter.message.subject).toBe(subject);
    expect(letter.message.consumer).toBe('dlq-test');
    expect(letter.message.reason).toMatch(/undecodable/);
  });
});
