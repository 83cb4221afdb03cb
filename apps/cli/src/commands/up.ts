import { resolve } from 'node:path';
import { computeMetrics, runBacktest } from '@algotrader/backtest';
import type { Bus } from '@algotrader/bus';
import {
  DEMO_PIPELINE,
  loadPipeline,
  PIPELINE_ENV,
  type Pipeline,
  readAccount,
  readAll,
  STAGES,
  Supervisor,
  stageEntry,
} from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { writeReport } from '@algotrader/report';
import { NatsServer, repoRoot } from '@algotrader/testkit';
import { parse } from '../args';
import { cliContext, connectBus } from '../context';
import { Progress } from '../progress';
import { describePipelineReplay, loadReplaySeries, parseSpeed, replayPipeline } from './pipeline-replay';

const USAGE = `usage: algotrader up [--config <pipeline.json>] [--nats URL] [--replay [--from D] [--to D] [--speed max]] [--exit] [--quiet]

Starts every live-path stage (${STAGES.join(', ')}) as a child process with one pipeline
configuration, and a private nats-server when neither --nats nor NATS_URL is given. A stage that
crashes is restarted with a growing delay; Ctrl-C stops everything.
  --config   pipeline file (default: the bundled demo, sma_cross on real BTC/USDT hours, paper broker)
  --replay   then replay the configuration's data through the pipeline and report the fills
             beside the backtest engine's on the same bars
  --exit     stop once the replay is through (with --replay)`;

/** `algotrader up`. */
export async function runUp(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      config: { type: 'string' },
      nats: { type: 'string' },
      replay: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      speed: { type: 'string' },
      exit: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
    USAGE,
  );
  const configPath = resolve(
    (values.config as string | undefined) ?? process.env[PIPELINE_ENV] ?? DEMO_PIPELINE,
  );
  const pipeline = await loadPipeline(configPath);
  const quiet = values.quiet === true;
  const say = (s: string) => console.log(s);
  const ctx = cliContext();

  let server: NatsServer | undefined;
  let url = (values.nats as string | undefined) ?? process.env['NATS_URL'];
  if (!url) {
    server = await NatsServer.start();
    url = server.url;
    say(`▶ private nats-server on ${url} (store ${server.storeDir})`);
  }
  const supervisor = new Supervisor({
    stages: STAGES.map((name) => ({ name, entry: stageEntry(repoRoot, name) })),
    cwd: repoRoot,
    env: {
      NATS_URL: url,
      [PIPELINE_ENV]: configPath,
      ALGOTRADER_LOG_LEVEL: process.env['ALGOTRADER_LOG_LEVEL'] ?? 'info',
    },
    onLine: (stage, line) => {
      if (quiet && !/"level":(4|5|6)\d/.test(line)) return;
      process.stderr.write(`[${stage}] ${line}\n`);
    },
    onEvent: (e) => {
      if (e.kind === 'start')
        say(`  ${e.stage} started (pid ${e.pid}${e.restarts ? `, restart ${e.restarts}` : ''})`);
      else if (e.restartInMs !== undefined) {
        say(`  ${e.stage} exited (${e.signal ?? `code ${e.code}`}); restarting in ${e.restartInMs} ms`);
      }
    },
  });
  say(
    `▶ pipeline ${configPath}: account ${pipeline.account}, ${pipeline.keys.join(', ')} ${pipeline.tf}, ${pipeline.strategies.map((s) => s.id).join(', ')}, broker ${pipeline.config.broker}`,
  );
  supervisor.start();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      say('▶ stopping the stages…');
      await supervisor.stop();
      await server?.stop();
      say('▶ stopped.');
    })();
    return stopping;
  };
  const interrupted = new Promise<void>((r) => {
    process.once('SIGINT', () => r());
    process.once('SIGTERM', () => r());
  });

  let code = 0;
  if (values.replay === true) {
    const bus = await connectBus(ctx, url);
    try {
      code = await replayAndReport(bus, pipeline, {
        storeDir: ctx.config.dataDir,
        from: values.from as string | undefined,
        to: values.to as string | undefined,
        speed: (values.speed as string | undefined) ?? 'max',
        quiet,
        say,
        interrupted,
      });
    } finally {
      await bus.close();
    }
    if (values.exit === true) {
      await stop();
      return code;
    }
  }
  say('▶ running; Ctrl-C stops every stage.');
  await interrupted;
  await stop();
  return code;
}

interface ReplayReportOptions {
  storeDir: string;
  from: string | undefined;
  to: string | undefined;
  speed: string;
  quiet: boolean;
  say: (s: string) => void;
  interrupted: Promise<void>;
}

async function replayAndReport(bus: Bus, p: Pipeline, o: ReplayReportOptions): Promise<number> {
  const toMs = (s: string | undefined) =>
    s === undefined ? undefined : Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  const from = toMs(o.from);
  const to = toMs(o.to);
  const series = await loadReplaySeries(p, o.storeDir, {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  });
  const total = series.reduce((n, s) => n + s.bars.openTime.length, 0);
  o.say(`▶ replaying ${total} real bars through the pipeline…`);
  const progress = new Progress('replay', total, o.quiet);
  const r = await replayPipeline(bus, {
    venue: p.venue,
    tf: p.tf,
    series,
    speed: parseSpeed(o.speed),
    onProgress: (n) => progress.tick(n),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  });
  progress.finish();
  o.say(`  ${describePipelineReplay(p, r)}`);
  o.say('▶ waiting for the paper broker to settle the last bar…');
  const started = Date.now();
  let done = false;
  void o.interrupted.then(() => {
    done = true;
  });
  while (!done) {
    const a = await readAccount(bus, p.account);
    if ((a?.steppedThrough ?? 0) >= (r.lastClose ?? 0)) break;
    if (Date.now() - started > 600_000) {
      o.say('  the pipeline did not catch up within 10 minutes');
      return 1;
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  const seconds = (Date.now() - started) / 1000 + r.seconds;
  const account = await readAccount(bus, p.account);
  const fills = await readAll(bus, 'EXEC', `exec.fill.${p.account}`, codecs.Fill);
  const rejected = await readAll(bus, 'ORDERS', `ord.rejected.${p.account}`, codecs.RiskRejection);
  o.say(
    `  ${r.bars} bars through all four stages in ${seconds.toFixed(1)} s (${(r.bars / seconds).toFixed(0)} bars/s): ` +
      `${fills.length} fills, ${rejected.length} risk rejections`,
  );
  if (account) {
    const equity = account.equity;
    o.say(
      `  account ${p.account}: cash ${account.cash.toFixed(2)} ${account.quote}, equity ${equity.toFixed(2)} ` +
        `(${(((equity - account.initialCash) / account.initialCash) * 100).toFixed(2)}%), peak ${account.peakEquity.toFixed(2)}`,
    );
    for (const [k, pos] of Object.entries(account.positions)) {
      if (pos.qty !== 0) o.say(`    ${k}: ${pos.qty} @ ${pos.avg.toFixed(2)}, mark ${account.marks[k]}`);
    }
  }
  if (p.strategies.length === 1 && p.config.broker === 'paper') {
    const s = p.strategies[0]!;
    const bt = runBacktest({
      strategy: s.strategy,
      params: s.params,
      data: {
        timeframe: p.tf,
        series: s.instruments.map((i) => {
          const k = p.indexOf(i);
          return { instrument: i, bars: series[k]!.bars, spec: p.specs[k]! };
        }),
      },
      initialCash: p.config.paper.initialCash,
      fillModel: p.config.fillModel,
      account: p.account,
    });
    const key = (f: { time: number; side: string; qty: number; price: number; fee: number }) =>
      `${f.time}|${f.side}|${f.qty}|${f.price}|${f.fee}`;
    const live = fills.map((f) =>
      key({
        time: Number(f.message.timeMs),
        side: f.message.side === 1 ? 'buy' : 'sell',
        qty: Number(f.message.quantity),
        price: Number(f.message.price),
        fee: Number(f.message.fee),
      }),
    );
    const ref = bt.fills.map(key);
    const same = live.length === ref.length && live.every((k, i) => k === ref[i]);
    o.say(
      `  backtest engine on the same bars: ${ref.length} fills, final equity ${bt.finalEquity.toFixed(2)} — ` +
        (same ? 'the pipeline’s fills are identical' : 'the fills DIFFER (risk rules or a missing bar?)'),
    );
    const createdAt = Date.now();
    const runId = `${s.strategy.name}-pipeline-${new Date(createdAt).toISOString().slice(0, 19).replace(/[-:T]/g, '')}`;
    const report = await writeReport(resolve('reports', runId), {
      result: bt,
      metrics: computeMetrics(bt),
      data: {
        timeframe: p.tf,
        series: s.instruments.map((i) => ({ instrument: i, bars: series[p.indexOf(i)]!.bars })),
      },
      run: { runId, createdAt, dataSource: 'pipeline replay', fillModel: p.config.fillModel },
    });
    o.say(
      `  report of the run (equity, drawdown, trades on the price, monthly returns): ${report.files.tearsheet}`,
    );
    // The main job fails when the live path and the backtest disagree.
    if (!same) return 1;
  }
  return 0;
}
