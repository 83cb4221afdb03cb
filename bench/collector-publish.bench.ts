/**
 * The live collector's publish of one close (issue 12, live path round trips): from a cycle's
 * first bar publish to its BarSetClosed stored, for 1 and 10 symbols, one ack after another
 * (`sequential`: no `publisher`, how the collector published before) against the ordered,
 * pipelined {@link BusMdPublisher}. The exchange is an in-process stub (no HTTP), so what is timed
 * is the publishing; one nats-server (file storage, as in production), one bus connection.
 *
 * Rounds: how many times per cycle the collector had nothing in flight and sent again (a
 * publish-and-wait round trip). Both collectors run side by side, their cycles interleaved A B B A
 * (one cycle each in turn), so the drift of a shared machine hits both alike; CPU is user+sys of
 * this process over each variant's cycles (the collector's own work included, the server's not).
 * Prints figures only: nothing here fails on timing.
 *
 * `npm run bench -- collector-publish --cycles=100`
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import {
  BusBarSink,
  BusMdPublisher,
  busBarSetPublisher,
  type CycleReport,
  LiveCollector,
  ManualScheduler,
  MemoryAlertSink,
  type OkxMarketData,
} from '@algotrader/collector';
import { type Instrument, parseInstrument, SimulatedClock } from '@algotrader/core';
import { NatsServer } from '@algotrader/testkit';

const CYCLES = Number(process.argv.find((a) => a.startsWith('--cycles='))?.slice(9) ?? '300') || 300;
const H1 = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const SETTLE = 1_000;

type Variant = 'sequential' | 'pipelined';

/** OKX's candle endpoints over a flat series: every hour up to the clock is a closed candle. */
function stubMd(clock: SimulatedClock): OkxMarketData {
  return {
    requests: 0,
    async candles(q: { after?: number; before?: number; limit: number }) {
      const rows = [];
      const newest = Math.floor(clock.now() / H1) * H1 - H1;
      let t = Math.min(newest, (q.after ?? newest + H1) - H1);
      const floor = q.before ?? -Infinity;
      while (t > floor && rows.length < q.limit) {
        rows.push({ openTime: t, open: 100, high: 101, low: 99, close: 100.5, volume: 1, confirmed: true });
        t -= H1;
      }
      return rows;
    },
  } as unknown as OkxMarketData;
}

interface Result {
  variant: Variant;
  symbols: number;
  ms: number[];
  rounds: number[];
  publishes: number[];
  cpuUs: number;
}

let runNo = 0;

/** A collector of `n` fresh symbols on its own simulated clock; `cycle()` runs and measures one close. */
async function collectorOf(bus: Bus, variant: Variant, n: number) {
  runNo += 1;
  const symbols: Instrument[] = Array.from({ length: n }, (_, k) =>
    parseInstrument(`OKX:R${runNo}S${k}/USDT`),
  );
  // Per cycle: the first bar publish, the marker stored, rounds (0 → 1 in flight), publishes.
  let t0: number | undefined;
  let t1: number | undefined;
  let inFlight = 0;
  let rounds = 0;
  let publishes = 0;
  const measured = new Proxy(bus, {
    get(t, key) {
      if (key === 'publish') {
        return async (codec: never, subject: string, message: never, opts: never) => {
          if (t0 === undefined && subject.startsWith('md.bar.')) t0 = performance.now();
          if (inFlight === 0) rounds += 1;
          inFlight += 1;
          publishes += 1;
          try {
            const ack = await t.publish(codec, subject, message, opts);
            if (subject.startsWith('md.barset.')) t1 = performance.now();
            return ack;
          } finally {
            inFlight -= 1;
          }
        };
      }
      const v = Reflect.get(t, key, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
  const clock = new SimulatedClock(T0 + SETTLE + 10);
  const scheduler = new ManualScheduler(clock);
  const cycles: CycleReport[] = [];
  const collector = new LiveCollector({
    md: stubMd(clock),
    sink: new BusBarSink(measured, { source: 'okx' }),
    publishBarSet: busBarSetPublisher(measured),
    publisher: variant === 'pipelined' ? new BusMdPublisher(measured, { source: 'okx' }) : undefined,
    alerts: new MemoryAlertSink(),
    scheduler,
    symbols,
    timeframes: ['1h'],
    settleMs: SETTLE,
    barSetTimeoutMs: 30_000,
    pollMs: 5_000,
    onCycle: (c) => cycles.push(c),
  });
  const asleep = async (k: number) => {
    while (cycles.length < k || scheduler.sleeping === 0) await new Promise((r) => setImmediate(r));
  };
  collector.start();
  await asleep(1); // the first cycle (series lookup, one bar each) is not measured
  const out: Result = { variant, symbols: n, ms: [], rounds: [], publishes: [], cpuUs: 0 };
  return {
    out,
    async cycle(): Promise<void> {
      t0 = t1 = undefined;
      rounds = publishes = 0;
      const cpu0 = process.cpuUsage();
      scheduler.set(clock.now() + H1);
      await asleep(cycles.length + 1);
      const cpu = process.cpuUsage(cpu0);
      out.cpuUs += cpu.user + cpu.system;
      const c = cycles[cycles.length - 1]!;
      if (c.barsPublished !== n || c.missing.length !== 0 || t0 === undefined || t1 === undefined) {
        throw new Error(`cycle ${cycles.length}: ${JSON.stringify(c)}`);
      }
      out.ms.push(t1 - t0);
      out.rounds.push(rounds);
      out.publishes.push(publishes);
    },
    stop: () => collector.stop(),
  };
}

function q(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

const server = await NatsServer.start();
const bus = await Bus.connect({ servers: server.url, service: 'bench' });
try {
  await bus.ensure(SYSTEM_TOPOLOGY);
  console.log(
    `collector publish per close, ${CYCLES} cycles per variant, ${cpus().length} CPUs, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log('variant     symbols  rounds  publishes   p50 ms   p90 ms   p99 ms  mean ms  CPU µs/cycle');
  for (const n of [1, 10]) {
    // Both collectors side by side, their cycles interleaved A B B A, so drift hits both alike.
    const seq = await collectorOf(bus, 'sequential', n);
    const pipe = await collectorOf(bus, 'pipelined', n);
    for (let i = 0; i < CYCLES; i++) {
      for (const c of i % 2 === 0 ? [seq, pipe] : [pipe, seq]) await c.cycle();
    }
    await seq.stop();
    await pipe.stop();
    for (const r of [seq.out, pipe.out]) {
      const mean = r.ms.reduce((a, b) => a + b, 0) / r.ms.length;
      console.log(
        `${r.variant.padEnd(11)} ${String(n).padStart(7)} ${(r.rounds.reduce((a, b) => a + b, 0) / CYCLES).toFixed(1).padStart(7)} ${(r.publishes.reduce((a, b) => a + b, 0) / CYCLES).toFixed(1).padStart(10)} ${q(r.ms, 0.5).toFixed(3).padStart(8)} ${q(r.ms, 0.9).toFixed(3).padStart(8)} ${q(r.ms, 0.99).toFixed(3).padStart(8)} ${mean.toFixed(3).padStart(8)} ${(r.cpuUs / CYCLES).toFixed(0).padStart(13)}`,
      );
    }
  }
  console.log(
    `load after ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await bus.close();
  await server.stop();
}
