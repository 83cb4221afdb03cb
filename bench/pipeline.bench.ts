/**
 * The live path end to end: the four stages as child processes (as `algotrader up` runs them) on an
 * isolated nats-server (file storage), on real BTC/USDT hours.
 *
 * 1. Raw bus, same run: Bar publishes awaited one at a time and pipelined, ordered consume.
 * 2. The replay's publisher alone into MD (no stages); then replay throughput through all stages:
 *    sma_cross, paper broker, bars published at full speed; bars/s from the first publish until
 *    the paper broker has settled the last bar.
 * 3. Latency from a bar published to the paper broker's Fill: a strategy that trades every bar
 *    (`close` fill timing, so the decision bar's own close fills), one bar at a time, the bar and its
 *    marker sent as the live collector sends a close (one ordered batch).
 *
 * `--bars=2000` for a quick look. Prints figures only; nothing here fails on timing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Bus, OrderedPublisher, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { type BarColumns, barKey, parseInstrument } from '@algotrader/core';
import {
  accountKey,
  PIPELINE_ENV,
  POSITIONS_BUCKET,
  readAccount,
  STAGES,
  Supervisor,
  stageEntry,
} from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, freePort, NatsServer, repoRoot, sleep } from '@algotrader/testkit';
import { DeliverPolicy } from '@nats-io/jetstream';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { head, NO_LIMITS } from '../test/helpers/fixtures';
import { writeFlipPlugin } from './flip-plugin';

const BARS = Number(process.argv.find((a) => a.startsWith('--bars='))?.slice(7) ?? '10000') || 10_000;
/** `--storage=memory`: streams and buckets in memory (NATS_STORAGE=memory), to see what the file store costs. */
const STORAGE: 'file' | 'memory' = process.argv.includes('--storage=memory') ? 'memory' : 'file';
/** `--only=replay`: the replay through the stages alone (the raw bus and the latency run skipped), for A/B runs. */
const ONLY_REPLAY = process.argv.includes('--only=replay');
const btc = parseInstrument('OKX:BTC/USDT');
const HOUR = 3_600_000;

function barMessage(c: BarColumns, i: number) {
  return {
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    timeframe: '1h',
    openTimeMs: c.openTime[i]!,
    closeTimeMs: c.openTime[i]! + HOUR,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
    source: 'bench',
  };
}

async function withStages<T>(
  config: object,
  work: (bus: Bus, server: NatsServer, supervisor: Supervisor) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-bench-'));
  const configPath = join(dir, 'pipeline.json');
  writeFileSync(configPath, JSON.stringify(config));
  const monitorPort = await freePort();
  const server = await NatsServer.start({ config: `http: 127.0.0.1:${monitorPort}` });
  monitors.set(server, monitorPort);
  const bus = await Bus.connect({ servers: server.url, service: 'bench', ensure: { storage: STORAGE } });
  await bus.ensure(SYSTEM_TOPOLOGY);
  const started = new Set<string>();
  const supervisor = new Supervisor({
    stages: STAGES.map((name) => ({ name, entry: stageEntry(repoRoot, name) })),
    cwd: repoRoot,
    env: {
      NATS_URL: server.url,
      NATS_STORAGE: STORAGE,
      [PIPELINE_ENV]: configPath,
      ALGOTRADER_LOG_LEVEL: 'info',
    },
    onLine: (stage, line) => {
      if (line.includes(' started"')) started.add(stage);
      if (/"level":(5|6)\d/.test(line)) process.stderr.write(`[${stage}] ${line}\n`);
    },
  });
  supervisor.start();
  try {
    const t0 = Date.now();
    while (started.size < STAGES.length) {
      if (Date.now() - t0 > 30_000) throw new Error('stages did not start');
      await sleep(50);
    }
    return await work(bus, server, supervisor);
  } finally {
    await supervisor.stop();
    await bus.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rawBus(c: BarColumns): Promise<{ seq: number; pipelined: number; consume: number }> {
  const server = await NatsServer.start();
  const bus = await Bus.connect({ servers: server.url, service: 'bench' });
  await bus.ensure(SYSTEM_TOPOLOGY);
  try {
    const subject = subjects.bar(btc, '1h');
    const n = Math.min(BARS, c.openTime.length);
    let t = performance.now();
    for (let i = 0; i < n; i++) {
      await bus.publish(codecs.Bar, subject, barMessage(c, i), { msgId: barKey(btc, '1h', c.openTime[i]!) });
    }
    const seq = n / ((performance.now() - t) / 1000);
    t = performance.now();
    const inflight: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) {
      inflight.push(
        bus.publish(codecs.Bar, `${subject}.x`, barMessage(c, i), { msgId: `p:${c.openTime[i]}` }),
      );
      if (inflight.length >= 256) await Promise.all(inflight.splice(0));
    }
    await Promise.all(inflight);
    const pipelined = n / ((performance.now() - t) / 1000);
    t = performance.now();
    const consumer = await bus.js.consumers.get('MD', {
      filter_subjects: subject,
      deliver_policy: DeliverPolicy.All,
    });
    const it = await consumer.consume({ max_messages: 512 });
    let got = 0;
    for await (const m of it) {
      codecs.Bar.decode(m.data);
      if (++got >= n) break;
    }
    await it.close();
    const consume = n / ((performance.now() - t) / 1000);
    return { seq, pipelined, consume };
  } finally {
    await bus.close();
    await server.stop();
  }
}

/** The replay's own publisher: bars and bar-set markers into MD of an isolated server, no stages. */
async function replayAlone(c: BarColumns): Promise<{ bars: number; seconds: number; cpuMs: number }> {
  const server = await NatsServer.start();
  const bus = await Bus.connect({ servers: server.url, service: 'bench' });
  await bus.ensure(SYSTEM_TOPOLOGY);
  try {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const r = await replayPipeline(bus, { venue: 'OKX', tf: '1h', series: [{ instrument: btc, bars: c }] });
    const seconds = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu);
    return { bars: r.bars, seconds, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await bus.close();
    await server.stop();
  }
}

/** The monitoring port of each server `withStages` started. */
const monitors = new Map<NatsServer, number>();

/** Messages each client connection sent to / received from the server so far, by connection name. */
async function messagesByConnection(server: NatsServer): Promise<Map<string, { in: number; out: number }>> {
  const port = monitors.get(server);
  const out = new Map<string, { in: number; out: number }>();
  if (port === undefined) return out;
  const r = await fetch(`http://127.0.0.1:${port}/connz?limit=1024`);
  const j = (await r.json()) as { connections: { name?: string; in_msgs: number; out_msgs: number }[] };
  for (const c of j.connections) {
    const k = c.name || '?';
    const e = out.get(k) ?? { in: 0, out: 0 };
    // The server's view: a connection's in_msgs are what the client sent (publishes, acks, pull
    // requests), out_msgs what the server delivered to it.
    e.in += c.in_msgs;
    e.out += c.out_msgs;
    out.set(k, e);
  }
  return out;
}

/** CPU time (user + sys) of a process so far, ms, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The pid of the nats-server whose store is `storeDir` (its config sits next to it). */
function serverPid(server: NatsServer): number | undefined {
  const dir = dirname(server.storeDir);
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8');
      if (cmd.includes('nats-server') && cmd.includes(dir)) return Number(e);
    } catch {}
  }
  return undefined;
}

async function throughput(c: BarColumns): Promise<{
  bars: number;
  publishSeconds: number;
  seconds: number;
  cpuMsPerBar: Record<string, number>;
  msgsPerBar: Record<string, { sent: number; received: number }>;
}> {
  return withStages(
    {
      account: 'paper',
      instruments: ['OKX:BTC/USDT'],
      strategies: [{ name: 'sma_cross', params: { fast: 10, slow: 30 }, instruments: ['OKX:BTC/USDT'] }],
      risk: NO_LIMITS,
      mode: 'replay',
    },
    async (bus, server, supervisor) => {
      // CPU of every process on the path: the stages, nats-server, and this one (the publisher).
      const pids: Record<string, number> = { ...supervisor.pids() };
      const nats = serverPid(server);
      if (nats !== undefined) pids['nats-server'] = nats;
      const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMsOf(pid)]));
      const msgsBefore = await messagesByConnection(server);
      const self = process.cpuUsage();
      const t0 = performance.now();
      const r = await replayPipeline(bus, { venue: 'OKX', tf: '1h', series: [{ instrument: btc, bars: c }] });
      const publishSeconds = (performance.now() - t0) / 1000;
      while (((await readAccount(bus, 'paper'))?.steppedThrough ?? 0) < r.lastClose!) await sleep(20);
      const seconds = (performance.now() - t0) / 1000;
      const used = process.cpuUsage(self);
      const cpuMsPerBar: Record<string, number> = {};
      for (const [k, pid] of Object.entries(pids)) cpuMsPerBar[k] = (cpuMsOf(pid) - before[k]!) / r.bars;
      // This process also polls the account (20 ms sleeps): a little more than the publisher alone.
      cpuMsPerBar['replay (this process)'] = (used.user + used.system) / 1000 / r.bars;
      const msgsPerBar: Record<string, { sent: number; received: number }> = {};
      for (const [k, m] of await messagesByConnection(server)) {
        const b = msgsBefore.get(k) ?? { in: 0, out: 0 };
        msgsPerBar[k] = { sent: (m.in - b.in) / r.bars, received: (m.out - b.out) / r.bars };
      }
      return { bars: r.bars, publishSeconds, seconds, cpuMsPerBar, msgsPerBar };
    },
  );
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function latency(c: BarColumns): Promise<number[]> {
  const plugin = writeFlipPlugin('flip-strategy.mjs', 'bench/pipeline.bench.ts');
  return withStages(
    {
      account: 'paper',
      instruments: ['OKX:BTC/USDT'],
      strategies: [{ name: 'flip', params: { qty: 0.01 }, instruments: ['OKX:BTC/USDT'] }],
      plugins: [plugin],
      fillModel: { timing: 'close' },
      risk: NO_LIMITS,
      mode: 'replay',
    },
    async (bus) => {
      const fills = new Map<number, number>();
      let waiter: (() => void) | undefined;
      const sub = bus.nc.subscribe('exec.fill.paper', {
        callback: (_e, m) => {
          const f = codecs.Fill.decode(m.data);
          fills.set(Number(f.timeMs), performance.now());
          waiter?.();
        },
      });
      const lat: number[] = [];
      const n = Math.min(BARS, c.openTime.length);
      for (let i = 0; i < n; i++) {
        const close = c.openTime[i]! + HOUR;
        const t0 = performance.now();
        // As the live collector sends a close: its bars and the marker in one ordered batch.
        const batch = new OrderedPublisher(bus);
        await batch.publish(
          codecs.Bar,
          subjects.bar(btc, '1h'),
          barMessage(c, i),
          barKey(btc, '1h', c.openTime[i]!),
        );
        await batch.publish(
          codecs.BarSetClosed,
          subjects.barSet('OKX', '1h'),
          {
            venue: 'OKX',
            timeframe: '1h',
            closeTimeMs: close,
            arrived: ['BTC/USDT'],
            missing: [],
            timedOut: false,
          },
          `barset:okx:1h:${close}`,
        );
        await batch.flush();
        // flip trades every bar: the decision at this close fills on this bar's close.
        const deadline = Date.now() + 10_000;
        while (!fills.has(close) && Date.now() < deadline) {
          await new Promise<void>((r) => {
            waiter = r;
            setTimeout(r, 50);
          });
        }
        const at = fills.get(close);
        if (at !== undefined) lat.push(at - t0);
        if (i > 0 && i % 1_000 === 0) process.stderr.write(`  latency: ${i}/${n} bars\n`);
      }
      sub.unsubscribe();
      hops = await breakdown(bus);
      // What the router writes (twice a bar here: every bar trades) and the gate reads back.
      accountBytes = (await (await bus.kv(POSITIONS_BUCKET)).get(accountKey('paper')))?.value.length ?? 0;
      return lat;
    },
  );
}

/** Server receive time (ms) of every message of a subject filter, keyed by the close time it is about. */
async function stamps(bus: Bus, stream: string, filter: string, closeOf: (data: Uint8Array) => number) {
  const info = await bus.jsm.streams.info(stream, { subjects_filter: filter });
  const expected = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  const out = new Map<number, number>();
  if (expected === 0) return out;
  const c = await bus.js.consumers.get(stream, {
    filter_subjects: filter,
    deliver_policy: DeliverPolicy.All,
  });
  const it = await c.consume({ max_messages: 1024 });
  let n = 0;
  for await (const m of it) {
    out.set(closeOf(m.data), m.info.timestampNanos / 1e6);
    if (++n >= expected) break;
  }
  await it.close();
  return out;
}

let hops: [string, number][] = [];
/** Size of the account value in KV at the end of the latency run, bytes. */
let accountBytes = 0;

/** Median time between consecutive steps of one bar's way, from the streams' own timestamps. */
async function breakdown(bus: Bus): Promise<[string, number][]> {
  const steps: [string, Map<number, number>][] = [
    ['bar', await stamps(bus, 'MD', 'md.bar.>', (d) => Number(codecs.Bar.decode(d).closeTimeMs))],
    [
      'bar set',
      await stamps(bus, 'MD', 'md.barset.>', (d) => Number(codecs.BarSetClosed.decode(d).closeTimeMs)),
    ],
    [
      'feature vector',
      await stamps(bus, 'FEATURES', 'feat.okx.>', (d) => Number(codecs.FeatureVector.decode(d).closeTimeMs)),
    ],
    [
      'feature set',
      await stamps(bus, 'FEATURES', 'feat._set.>', (d) => Number(codecs.BarSetClosed.decode(d).closeTimeMs)),
    ],
    [
      'signal',
      await stamps(bus, 'SIGNALS', 'sig.flip.>', (d) => Number(codecs.Signal.decode(d).closeTimeMs)),
    ],
    [
      'signal set',
      await stamps(bus, 'SIGNALS', 'sig._set.>', (d) => Number(codecs.SignalSetClosed.decode(d).closeTimeMs)),
    ],
    [
      'approved order',
      await stamps(bus, 'ORDERS', 'ord.approved.>', (d) =>
        Number(codecs.OrderRequest.decode(d).decisionTimeMs),
      ),
    ],
    ['fill', await stamps(bus, 'EXEC', 'exec.fill.>', (d) => Number(codecs.Fill.decode(d).timeMs))],
  ];
  const out: [string, number][] = [];
  for (let k = 1; k < steps.length; k++) {
    const [name, at] = steps[k]!;
    const prev = steps[k - 1]![1];
    const d: number[] = [];
    for (const [t, ms] of at) {
      const p = prev.get(t);
      if (p !== undefined) d.push(ms - p);
    }
    d.sort((a, b) => a - b);
    out.push([`${steps[k - 1]![0]} → ${name}`, d.length ? quantile(d, 0.5) : Number.NaN]);
  }
  return out;
}

const cols = head(await readCsvBars(bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz')), BARS);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, ${BARS} real BTC/USDT 1h bars, streams on ${STORAGE} storage`,
);

if (ONLY_REPLAY) {
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const tp = await throughput(cols);
  const cpu = Object.values(tp.cpuMsPerBar).reduce((a, b) => a + b, 0);
  console.log(
    `replay through all four stages: ${tp.bars} bars in ${tp.seconds.toFixed(1)} s = ${(tp.bars / tp.seconds).toFixed(0)} bars/s; CPU ${cpu.toFixed(2)} ms a bar (${Object.entries(
      tp.cpuMsPerBar,
    )
      .map(([k, ms]) => `${k} ${ms.toFixed(3)}`)
      .join(', ')})`,
  );
  process.exit(0);
}

const raw = await rawBus(cols);
console.log(
  `raw bus (same run): publish awaited one at a time ${raw.seq.toFixed(0)} msg/s, pipelined ${raw.pipelined.toFixed(0)} msg/s, ordered consume ${raw.consume.toFixed(0)} msg/s`,
);

const alone = await replayAlone(cols);
console.log(
  `replay alone into MD (no stages, bars and bar-set markers): ${alone.bars} bars in ${alone.seconds.toFixed(2)} s = ${(alone.bars / alone.seconds).toFixed(0)} bars/s, ` +
    `${alone.cpuMs.toFixed(0)} ms CPU in this process, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
);

const tp = await throughput(cols);
console.log(
  `replay through all four stages (sma_cross, paper): ${tp.bars} bars in ${tp.seconds.toFixed(1)} s = ${(tp.bars / tp.seconds).toFixed(0)} bars/s ` +
    `(the replay itself published for ${tp.publishSeconds.toFixed(1)} s)`,
);
const cpuTotal = Object.values(tp.cpuMsPerBar).reduce((a, b) => a + b, 0);
console.log(
  `  CPU per bar (user + sys, /proc): ${Object.entries(tp.cpuMsPerBar)
    .map(([k, ms]) => `${k} ${ms.toFixed(3)} ms`)
    .join(
      ', ',
    )}; all ${cpuTotal.toFixed(2)} ms a bar, which ${cpus().length} cores cap at ${((cpus().length * 1000) / cpuTotal).toFixed(0)} bars/s`,
);

const msgTotal = Object.values(tp.msgsPerBar).reduce((a, m) => a + m.sent + m.received, 0);
console.log(
  `  messages per bar through nats-server, sent / received by each connection: ${Object.entries(tp.msgsPerBar)
    .map(([k, m]) => `${k} ${m.sent.toFixed(2)} / ${m.received.toFixed(2)}`)
    .join(', ')}; ${msgTotal.toFixed(1)} in all`,
);

const loadNow = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const latLoad = loadNow();
const latCpu = process.cpuUsage();
const lat = (await latency(cols)).sort((a, b) => a - b);
const latCpuMs = (() => {
  const c = process.cpuUsage(latCpu);
  return (c.user + c.system) / 1000;
})();
console.log(
  `bar published → paper Fill (flip strategy, close timing), ${lat.length} bars, load average ${latLoad} before, ${loadNow()} after, ` +
    `this process (publisher and timer; the stages are children) ${latCpuMs.toFixed(0)} ms CPU: ` +
    `p50 ${quantile(lat, 0.5).toFixed(2)} ms, p90 ${quantile(lat, 0.9).toFixed(2)} ms, p99 ${quantile(lat, 0.99).toFixed(2)} ms, max ${lat[lat.length - 1]?.toFixed(2)} ms`,
);
console.log(
  `  median per hop (stream timestamps): ${hops.map(([h, ms]) => `${h} ${ms.toFixed(2)} ms`).join(', ')}; the account value ${accountBytes} bytes at the end`,
);
console.log(
  JSON.stringify({
    bench: 'pipeline',
    bars: BARS,
    rawPublishSeq: Math.round(raw.seq),
    rawPublishPipelined: Math.round(raw.pipelined),
    rawConsume: Math.round(raw.consume),
    replayAloneBarsPerSecond: Math.round(alone.bars / alone.seconds),
    pipelineBarsPerSecond: Math.round(tp.bars / tp.seconds),
    pipelineCpuMsPerBar: tp.cpuMsPerBar,
    pipelineMessagesPerBar: tp.msgsPerBar,
    latencyP50Ms: quantile(lat, 0.5),
    latencyP99Ms: quantile(lat, 0.99),
    accountBytes,
  }),
);
process.exit(0);
