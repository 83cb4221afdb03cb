/**
 * Bus throughput, client CPU and latency against raw nats.js doing the same work (issue 2's and
 * issue 12's figures), plus protobuf BarMsg codec cost. Publish: every scenario encodes the Bar and
 * sends the bus's five headers (Content-Type, Producer, Correlation-Id, Proto-Type, Nats-Msg-Id),
 * raw nats.js once with its default connect options and once with `noAsyncTraces` (as the bus
 * connects). Consume: a raw loop that reads Proto-Type, decodes and acks, against bus.consume. One isolated nats-server (file storage, as in production), one run, rounds
 * interleaved so that drift of a shared machine hits raw and bus alike; throughput is the median
 * round. Prints figures only: nothing here fails on timing.
 *
 * `--scale=0.2` for a quick look (`npm run bench -- bus --scale=0.2`).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  Bus,
  CONTENT_TYPE_PROTOBUF,
  HDR_CONTENT_TYPE,
  HDR_CORRELATION,
  HDR_PRODUCER,
  HDR_PROTO_TYPE,
} from '@algotrader/bus';
import { type BarMsg, codecs } from '@algotrader/proto';
import { NatsServer } from '@algotrader/testkit';
import { AckPolicy, DeliverPolicy, type JetStreamClient, jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';

const SCALE = Number(process.argv.find((a) => a.startsWith('--scale='))?.slice(8) ?? '1') || 1;
const PAYLOAD_BYTES = 150;
const ROUNDS = 5;
const N_SEQ = Math.round(1_200 * SCALE);
const N_PIPE = Math.round(5_000 * SCALE);
const N_CONSUME = Math.round(8_000 * SCALE);
const WINDOW = 256;
const CODEC_ITERS = Math.round(200_000 * SCALE);
const STREAM = 'BENCH';
const SERVICE = 'bench';

// ---------------------------------------------------------------------------------------------
// payloads

/** A realistic BarMsg whose encoding is exactly PAYLOAD_BYTES long (the `source` string pads it). */
function barOfSize(bytes: number): BarMsg {
  const bar: BarMsg = {
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    timeframe: '1h',
    openTimeMs: 1_700_000_000_000,
    closeTimeMs: 1_700_003_600_000,
    open: 37_123.45,
    high: 37_456.78,
    low: 36_987.65,
    close: 37_321.09,
    volume: 123.456789,
    source: '',
  };
  // An empty string is not on the wire; a non-empty one costs a tag and a length byte (up to 127 B).
  bar.source = 'x'.repeat(Math.max(1, bytes - codecs.Bar.encode(bar).length - 2));
  const got = codecs.Bar.encode(bar).length;
  if (got !== bytes) throw new Error(`BarMsg payload is ${got} bytes, wanted ${bytes}`);
  return bar;
}

const BAR = barOfSize(PAYLOAD_BYTES);
const BAR_BYTES = codecs.Bar.encode(BAR);
const RAW_BYTES = new Uint8Array(PAYLOAD_BYTES).map((_, i) => (i * 31 + 7) & 0xff);

// ---------------------------------------------------------------------------------------------
// measuring

interface Scenario {
  name: string;
  /** Publishes message i; resolves on the server's ack. */
  send(i: number, tag: string): Promise<unknown>;
}

const errors: Record<string, number> = {};
/** Sink for computed values, so the JIT cannot drop the work being measured. */
let keep = 0;
function countError(name: string): void {
  errors[name] = (errors[name] ?? 0) + 1;
}

/**
 * Client CPU (user + system µs) spent per scenario. On a shared machine wall-clock rates swing with
 * other load; the CPU the bench process burns per message is the steadier measure of library cost.
 */
const cpuUs = new Map<string, { us: number; msgs: number }>();
async function withCpu<T extends number>(name: string, msgs: number, f: () => Promise<T>): Promise<T> {
  const c0 = process.cpuUsage();
  const out = await f();
  const d = process.cpuUsage(c0);
  const acc = cpuUs.get(name) ?? { us: 0, msgs: 0 };
  acc.us += d.user + d.system;
  acc.msgs += msgs;
  cpuUs.set(name, acc);
  return out;
}
const cpuPerMsg = (name: string) => {
  const c = cpuUs.get(name);
  return c && c.msgs > 0 ? c.us / c.msgs : Number.NaN;
};

async function sequential(s: Scenario, n: number, tag: string, latencies: number[]): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    try {
      await s.send(i, tag);
    } catch {
      countError(s.name);
    }
    latencies.push(performance.now() - a);
  }
  return n / ((performance.now() - t0) / 1000);
}

/** `latencies`: send → ack of each message (with WINDOW outstanding, so it includes queueing). */
async function pipelined(s: Scenario, n: number, tag: string, latencies?: number[]): Promise<number> {
  const t0 = performance.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    if (inflight.length >= WINDOW) await inflight.shift();
    const a = performance.now();
    inflight.push(
      s.send(i, tag).then(
        () => latencies?.push(performance.now() - a),
        () => countError(s.name),
      ),
    );
  }
  await Promise.all(inflight);
  return n / ((performance.now() - t0) / 1000);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fmtRate = (x: number) => Math.round(x).toLocaleString('en-US');
const fmtPct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;
const fmtUs = (ms: number) => `${Math.round(ms * 1000)} µs`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// setup

const wallStart = performance.now();
const server = await NatsServer.start();
const loadAtStart = loadavg();
const cpuAtStart = process.cpuUsage();
const rawNc = await connect({ servers: server.url, name: 'bench-raw' });
const rawJs: JetStreamClient = jetstream(rawNc);
const rawFastNc = await connect({ servers: server.url, name: 'bench-raw-fast', noAsyncTraces: true });
const rawFastJs: JetStreamClient = jetstream(rawFastNc);
const bus = await Bus.connect({ servers: server.url, service: SERVICE });
await bus.ensure({ streams: [{ name: STREAM, subjects: ['bench.>'], maxAgeMs: 0 }] });

/** The bus's headers, built as a nats.js user would (Nats-Msg-Id is added by js.publish's msgID). */
function busLikeHeaders(msgId: string, protoType?: string) {
  const h = natsHeaders();
  h.set(HDR_CONTENT_TYPE, CONTENT_TYPE_PROTOBUF);
  h.set(HDR_PRODUCER, SERVICE);
  h.set(HDR_CORRELATION, msgId);
  if (protoType) h.set(HDR_PROTO_TYPE, protoType);
  return h;
}

/** Raw nats.js doing what bus.publish(codecs.Bar) does: encode, the same headers, a msg id. */
function rawBar(js: JetStreamClient, subject: string, prefix: string) {
  return (i: number, tag: string) => {
    const msgID = `${prefix}:${tag}:${i}`;
    return js.publish(subject, codecs.Bar.encode(BAR), {
      msgID,
      headers: busLikeHeaders(msgID, codecs.Bar.typeName),
    });
  };
}

const RAW_SAME = 'raw nats.js, same headers';
const RAW_FAST = 'raw nats.js noAsyncTraces, same headers';
const BUS_BAR = 'bus.publish(codecs.Bar)';
const publishScenarios: Scenario[] = [
  { name: 'raw js.publish, no headers', send: (_i) => rawJs.publish('bench.pub.raw', RAW_BYTES) },
  { name: RAW_SAME, send: rawBar(rawJs, 'bench.pub.rawh', 'raw-h') },
  { name: RAW_FAST, send: rawBar(rawFastJs, 'bench.pub.rawf', 'raw-f') },
  {
    name: BUS_BAR,
    send: (i, tag) => bus.publish(codecs.Bar, 'bench.pub.bar', BAR, { msgId: `bus-b:${tag}:${i}` }),
  },
];

// Warm up both connections, the stream and the JIT.
for (const s of publishScenarios) {
  await sequential(s, 200, 'warm', []);
  await pipelined(s, 2_000, 'warm');
}

// ---------------------------------------------------------------------------------------------
// publish

const seqRates = new Map<string, number[]>();
const seqLat = new Map<string, number[]>();
const pipeRates = new Map<string, number[]>();
const pipeLat = new Map<string, number[]>();
for (const s of publishScenarios) {
  seqRates.set(s.name, []);
  seqLat.set(s.name, []);
  pipeRates.set(s.name, []);
  pipeLat.set(s.name, []);
}
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? publishScenarios : [...publishScenarios].reverse();
  for (const s of order) seqRates.get(s.name)!.push(await sequential(s, N_SEQ, `s${r}`, seqLat.get(s.name)!));
  for (const s of order) {
    pipeRates
      .get(s.name)!
      .push(
        await withCpu(`pipe ${s.name}`, N_PIPE, () => pipelined(s, N_PIPE, `p${r}`, pipeLat.get(s.name)!)),
      );
  }
}

// ---------------------------------------------------------------------------------------------
// consume

// What a producer stage leaves in the stream: Bars with the bus's headers.
await pipelined(
  {
    name: 'fill',
    send: (i) => bus.publish(codecs.Bar, 'bench.cons', BAR, { msgId: `cons:${i}` }),
  },
  N_CONSUME,
  'fill',
);

const MAX_ACK_PENDING = 1_000; // the bus's default for a consumer
const PULL_BATCH = 256; // the bus's default batch

/** Time between one message reaching the handler (or raw loop body) and the next, ms. */
const consGaps = new Map<string, number[]>();
function gapRecorder(name: string): () => void {
  const gaps = consGaps.get(name) ?? [];
  consGaps.set(name, gaps);
  let last = -1;
  return () => {
    const now = performance.now();
    if (last >= 0) gaps.push(now - last);
    last = now;
  };
}

/** `decode`: also read the headers and decode the BarMsg, the work the bus must do per message. */
async function consumeRaw(durable: string, decode: boolean): Promise<number> {
  const gap = gapRecorder(decode ? 'cons raw+decode' : 'cons raw');
  await bus.jsm.consumers.add(STREAM, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: 'bench.cons',
    max_ack_pending: MAX_ACK_PENDING,
    ack_wait: 30_000_000_000,
  });
  const consumer = await rawJs.consumers.get(STREAM, durable);
  const t0 = performance.now();
  const messages = await consumer.consume({ max_messages: PULL_BATCH });
  let n = 0;
  for await (const m of messages) {
    gap();
    if (decode) {
      if (m.headers?.get(HDR_PROTO_TYPE) !== codecs.Bar.typeName) countError('consume: Proto-Type');
      keep += codecs.Bar.decode(m.data).close as number;
    }
    m.ack();
    if (++n === N_CONSUME) break;
  }
  const rate = n / ((performance.now() - t0) / 1000);
  await messages.close().catch(() => {});
  return rate;
}

async function consumeBus(durable: string): Promise<number> {
  const gap = gapRecorder('cons bus');
  let n = 0;
  let finish = () => {};
  const all = new Promise<void>((r) => {
    finish = r;
  });
  const t0 = performance.now();
  const handle = await bus.consume({
    stream: STREAM,
    durable,
    filterSubjects: ['bench.cons'],
    maxAckPending: MAX_ACK_PENDING,
    batch: PULL_BATCH,
    codec: codecs.Bar,
    handler: () => {
      gap();
      if (++n === N_CONSUME) finish();
    },
  });
  await all;
  const rate = n / ((performance.now() - t0) / 1000);
  await handle.stop();
  return rate;
}

const consRaw: number[] = [];
const consRawDecode: number[] = [];
const consBus: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const runs = [
    async () => consRaw.push(await withCpu('cons raw', N_CONSUME, () => consumeRaw(`raw-${r}`, false))),
    async () =>
      consRawDecode.push(
        await withCpu('cons raw+decode', N_CONSUME, () => consumeRaw(`raw-decode-${r}`, true)),
      ),
    async () => consBus.push(await withCpu('cons bus', N_CONSUME, () => consumeBus(`bus-${r}`))),
  ];
  for (const run of r % 2 === 0 ? runs : runs.reverse()) await run();
}

// ---------------------------------------------------------------------------------------------
// codec

function nsPerOp(iters: number, op: () => void): number {
  for (let i = 0; i < Math.min(20_000, iters); i++) op();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iters; i++) op();
  return Number(process.hrtime.bigint() - t0) / iters;
}
const encodeNs = nsPerOp(CODEC_ITERS, () => {
  keep += codecs.Bar.encode(BAR).length;
});
const decodeNs = nsPerOp(CODEC_ITERS, () => {
  keep += codecs.Bar.decode(BAR_BYTES).close as number;
});
const roundTripNs = nsPerOp(CODEC_ITERS, () => {
  keep += codecs.Bar.decode(codecs.Bar.encode(BAR)).volume as number;
});

// ---------------------------------------------------------------------------------------------
// report

const totalMs = performance.now() - wallStart;
const cpuTotal = process.cpuUsage(cpuAtStart);
const loadAtEnd = loadavg();
const rawSeq = median(seqRates.get(RAW_SAME)!);
const rawPipe = median(pipeRates.get(RAW_SAME)!);
const spread = (xs: number[]) => `${fmtRate(Math.min(...xs))}–${fmtRate(Math.max(...xs))}`;
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const sorted = (xs: number[] | undefined) => [...(xs ?? [])].sort((a, b) => a - b);

let natsVersion = '?';
try {
  natsVersion = execFileSync(NatsServer.binary(), ['--version']).toString().trim();
} catch {}

console.log(
  [
    `node ${process.version}, ${natsVersion}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    `JetStream file storage, loopback; BarMsg ${PAYLOAD_BYTES} B; ${ROUNDS} interleaved rounds (A B … B A), median shown (min–max)`,
    `sequential: ${N_SEQ} msgs/round, one await at a time; pipelined: ${N_PIPE} msgs/round, ${WINDOW} acks outstanding`,
    `client CPU = user + system time of this process (nats-server not included), per message, summed over the rounds`,
    `load average at start ${fmtLoad(loadAtStart)}, at end ${fmtLoad(loadAtEnd)}`,
    '',
  ].join('\n'),
);

const pubRows: string[][] = [];
for (const s of publishScenarios) {
  const lat = sorted(seqLat.get(s.name));
  const plat = sorted(pipeLat.get(s.name));
  const seq = median(seqRates.get(s.name)!);
  const pipe = median(pipeRates.get(s.name)!);
  pubRows.push([
    s.name,
    fmtRate(pipe),
    spread(pipeRates.get(s.name)!),
    fmtPct((pipe / rawPipe - 1) * 100),
    cpuPerMsg(`pipe ${s.name}`).toFixed(1),
    fmtUs(percentile(plat, 50)),
    fmtUs(percentile(plat, 99)),
    fmtRate(seq),
    fmtPct((seq / rawSeq - 1) * 100),
    fmtUs(percentile(lat, 50)),
    fmtUs(percentile(lat, 99)),
  ]);
}
console.log(`Publish with acks (vs raw = vs "${RAW_SAME}")`);
console.log(
  table(
    [
      'scenario',
      'pipelined msg/s',
      '(min–max)',
      'vs raw',
      'CPU µs/msg',
      'ack p50',
      'ack p99',
      'seq msg/s',
      'vs raw',
      'seq p50',
      'seq p99',
    ],
    pubRows,
  ),
);

const cRaw = median(consRaw);
const cRawDecode = median(consRawDecode);
const cBus = median(consBus);
const consRow = (name: string, key: string, rates: number[]) => {
  const gaps = sorted(consGaps.get(key));
  return [
    name,
    fmtRate(median(rates)),
    spread(rates),
    fmtPct((median(rates) / cRawDecode - 1) * 100),
    cpuPerMsg(key).toFixed(1),
    fmtUs(percentile(gaps, 50)),
    fmtUs(percentile(gaps, 99)),
    fmtUs(percentile(gaps, 100)),
  ];
};
console.log(
  `\nConsume (durable pull consumer, batch ${PULL_BATCH}, max ack pending ${MAX_ACK_PENDING}, ack each; ${N_CONSUME} Bars/round; vs raw = vs "raw + decode")`,
);
console.log(
  table(
    ['scenario', 'msg/s', '(min–max)', 'vs raw', 'CPU µs/msg', 'gap p50', 'gap p99', 'gap max'],
    [
      consRow('raw consumer.consume() + ack', 'cons raw', consRaw),
      consRow('raw + read Proto-Type + decode + ack', 'cons raw+decode', consRawDecode),
      consRow('bus.consume (decode + handler + ack)', 'cons bus', consBus),
    ],
  ),
);
console.log('(gap: time between two messages reaching the loop body / handler)');

console.log(`\nProtobuf BarMsg (${PAYLOAD_BYTES} B) via codecs.Bar, ${CODEC_ITERS} iterations`);
console.log(
  table(
    ['operation', 'ns/bar'],
    [
      ['encode', encodeNs.toFixed(0)],
      ['decode', decodeNs.toFixed(0)],
      ['encode + decode', roundTripNs.toFixed(0)],
    ],
  ),
);

/** Bus cost over raw: positive = the bus is slower / burns more CPU. */
const slower = (bus: number, raw: number) => fmtPct((raw / bus - 1) * 100);
const moreCpu = (bus: string, raw: string) => fmtPct((cpuPerMsg(bus) / cpuPerMsg(raw) - 1) * 100);
const busPipe = median(pipeRates.get(BUS_BAR)!);
const fastPipe = median(pipeRates.get(RAW_FAST)!);
console.log(
  [
    '',
    'Bus cost over raw nats.js doing the same work (issue 12 target: within 20%; + = bus worse):',
    `  pipelined publish(Bar) vs "${RAW_SAME}":  time/msg ${slower(busPipe, rawPipe)}, CPU/msg ${moreCpu(`pipe ${BUS_BAR}`, `pipe ${RAW_SAME}`)}`,
    `  pipelined publish(Bar) vs "${RAW_FAST}":  time/msg ${slower(busPipe, fastPipe)}, CPU/msg ${moreCpu(`pipe ${BUS_BAR}`, `pipe ${RAW_FAST}`)}`,
    `  sequential publish(Bar) vs "${RAW_SAME}": time/msg ${slower(median(seqRates.get(BUS_BAR)!), rawSeq)}`,
    `  consume vs raw + decode:  time/msg ${slower(cBus, cRawDecode)}, CPU/msg ${moreCpu('cons bus', 'cons raw+decode')}`,
    `  consume vs raw without decode:  time/msg ${slower(cBus, cRaw)}, CPU/msg ${moreCpu('cons bus', 'cons raw')}`,
    Object.keys(errors).length ? `errors: ${JSON.stringify(errors)}` : 'errors: none',
    `bench process: CPU ${((cpuTotal.user + cpuTotal.system) / 1e6).toFixed(1)} s (user ${(cpuTotal.user / 1e6).toFixed(1)} s, sys ${(cpuTotal.system / 1e6).toFixed(1)} s), wall ${(totalMs / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    `load average at end ${fmtLoad(loadAtEnd)}`,
  ].join('\n'),
);
if (keep === -1) console.log(keep);

await bus.close();
await rawNc.drain();
await rawFastNc.drain();
await server.stop();
