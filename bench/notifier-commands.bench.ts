/**
 * What Telegram's /performance and /profit cost on a long-running account: N fills and one position
 * snapshot per hour (a year of 1h bars) stored in EXEC on an isolated nats-server (file storage),
 * read back the way the notifier reads them (`readSubjectSince`), then replayed through the
 * Account. Prints wall time, the bench process's CPU time and the load average; nothing fails on
 * timing.
 *
 * `npx tsx bench/notifier-commands.bench.ts [--scale=0.2]`
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { fillKey, parseInstrument, positionKey } from '@algotrader/core';
import { performanceOf, profitOf, profitSince } from '@algotrader/notifier';
import { fillIn, fillOut, positionSnapshotIn, readSubjectSince } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { NatsServer } from '@algotrader/testkit';

const SCALE = Number(process.argv.find((a) => a.startsWith('--scale='))?.slice(8) ?? '1') || 1;
const N_FILLS = Math.round(20_000 * SCALE);
const N_SNAPSHOTS = Math.round(8_760 * SCALE);
const ACCOUNT = 'bench';
const H = 3_600_000;
const T0 = Date.parse('2025-01-01T00:00:00Z');
const instruments = ['OKX:BTC/USDT', 'OKX:ETH/USDT', 'OKX:SOL/USDT', 'OKX:XRP/USDT'].map((s) =>
  parseInstrument(s),
);

const nats = await NatsServer.start();
const bus = await Bus.connect({ servers: nats.url, service: 'bench' });
try {
  await bus.ensure(SYSTEM_TOPOLOGY);
  // Round trips per instrument: buy, then sell at a price that wins or loses.
  const pubs: Promise<unknown>[] = [];
  for (let n = 0; n < N_FILLS; n++) {
    const i = instruments[Math.floor(n / 2) % instruments.length]!;
    const buy = n % 2 === 0;
    const px = 100 + (n % 17) - (buy ? 0 : 8);
    const m = fillOut({
      tradeId: `t${n}`,
      clientOrderId: `at${n >> 1}`,
      account: ACCOUNT,
      instrument: i,
      side: buy ? 'buy' : 'sell',
      qty: 1,
      price: px,
      fee: px * 0.001,
      feeCurrency: 'USDT',
      timeMs: T0 + Math.floor((n * N_SNAPSHOTS * H) / N_FILLS),
      maker: false,
    });
    pubs.push(bus.publish(codecs.Fill, subjects.execFill(ACCOUNT), m, { msgId: fillKey('okx', `t${n}`) }));
    if (pubs.length >= 512) await Promise.all(pubs.splice(0));
  }
  for (let k = 1; k <= N_SNAPSHOTS; k++) {
    const equity = 10_000 + 50 * Math.sin(k / 24);
    pubs.push(
      bus.publish(
        codecs.PositionSnapshot,
        subjects.execPosition(ACCOUNT),
        {
          account: ACCOUNT,
          timeMs: T0 + k * H,
          positions: [],
          cash: String(equity),
          equity: String(equity),
          quoteCurrency: 'USDT',
          peakEquity: '10050',
          dayStartEquity: '10000',
          drawdown: '0',
          dailyPnl: String(equity - 10_000),
        },
        { msgId: positionKey(ACCOUNT, T0 + k * H) },
      ),
    );
    if (pubs.length >= 512) await Promise.all(pubs.splice(0));
  }
  await Promise.all(pubs);

  const measure = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await f();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    console.log(
      `${what.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms wall  ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6)} ms CPU`,
    );
    return r;
  };
  const now = T0 + N_SNAPSHOTS * H;
  for (let round = 1; round <= 2; round++) {
    const fills = await measure(`read ${N_FILLS} fills (round ${round})`, async () =>
      (await readSubjectSince(bus, 'EXEC', subjects.execFill(ACCOUNT), codecs.Fill, undefined)).map((s) =>
        fillIn(s.message),
      ),
    );
    const snaps = await measure(`read ${N_SNAPSHOTS} snapshots (round ${round})`, async () =>
      (
        await readSubjectSince(
          bus,
          'EXEC',
          subjects.execPosition(ACCOUNT),
          codecs.PositionSnapshot,
          undefined,
        )
      ).map((s) => positionSnapshotIn(s.message)),
    );
    const week = await measure(`read snapshots stored in the last 7 days (round ${round})`, async () =>
      readSubjectSince(
        bus,
        'EXEC',
        subjects.execPosition(ACCOUNT),
        codecs.PositionSnapshot,
        profitSince(now, 7),
      ),
    );
    const perf = await measure(`performanceOf ${fills.length} fills`, async () => performanceOf(fills));
    await measure('profitOf all', async () => profitOf(fills, snaps, undefined));
    if (round === 2) {
      console.log(
        `checks: ${perf.rows.length} instruments, ${perf.rows.reduce((a, r) => a + r.trades, 0)} trades, ${week.length} snapshots stored in the last 7 days (all: stored just now; /profit filters by their own time)`,
      );
    }
  }
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await bus.close();
  await nats.stop();
}
