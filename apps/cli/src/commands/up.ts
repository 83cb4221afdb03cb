import { resolve } from 'node:path';
import { computeMetrics, runBacktest } from '@algotrader/backtest';
import type { Bus } from '@algotrader/bus';
import { buildNativeRouter, nativeRouterArgs } from '@algotrader/order-router/native';
import {
  DEMO_PIPELINE,
  LIVE_SERVICES,
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
import { parse, UsageError } from '../args';
import { cliContext, connectBus } from '../context';
import { Progress } from '../progress';
import { describePipelineReplay, loadReplaySeries, parseSpeed, replayPipeline } from './pipeline-replay';
import { LIVE_PIPELINE, liveEnv } from './up-live';

const USAGE = `usage: algotrader up [--live] [--config <pipeline.json>] [--nats URL] [--router ts|native] [--replay [--from D] [--to D] [--speed max]] [--exit] [--quiet]

Starts the four decision stages (${STAGES.join(', ')}) as child processes with one pipeline
configuration, and a private nats-server when neither --nats nor NATS_URL is given. A stage that
crashes is restarted with a growing delay; Ctrl-C stops every process up started.
  --live     paper-trade live OKX market data: also start ${LIVE_SERVICES.join(', ')}
             (default config: config/pipeline.json; the collector follows its instruments and
             timeframe, from enough history to warm the strategies up; broker must be paper)
  --config   pipeline file (default without --live: the bundled demo, sma_cross on real BTC/USDT
             hours, paper broker)
  --router   native: the order-router is the C++ paper stage (native/order-router, built with
             cmake if missing; paper broker, next_open timing, 24/7 markets only)
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
      live: { type: 'boolean' },
      router: { type: 'string' },
    },
    USAGE,
  );
  const router = (values.router as string | undefined) ?? 'ts';
  if (router !== 'ts' && router !== 'native')
    throw new UsageError(`--router is ts or native, got "${router}"\n\n${USAGE}`);
  const live = values.live === true;
  if (live && values.replay === true)
    throw new UsageError(`--live and --replay exclude each other\n\n${USAGE}`);
  const configPath = resolve(
    (values.config as string | undefined) ??
      process.env[PIPELINE_ENV] ??
      (live ? LIVE_PIPELINE : DEMO_PIPELINE),
  );
  const pipeline = await loadPipeline(configPath);
  const quiet = values.quiet === true;
  const say = (s: string) => console.log(s);
  const ctx = cliContext();
  // Checked before anything starts: a bad collector setting is one clear error, not a crash loop.
  const extraEnv = live ? liveEnv(pipeline, configPath, process.env, Date.now()) : undefined;
  if (router === 'native') {
    // The same checks and build as the stage's wrapper, here once: an unsupported pipeline or a
    // missing toolchain is one error before anything starts.
    nativeRouterArgs(pipeline, 'nats://127.0.0.1:4222');
    say('▶ native order-router: building native/order-router with cmake if needed…');
    await buildNativeRouter(repoRoot);
  }

  // Signals are taken from here on: the first stops everything in order, a second one forces it
  // (the supervisor's exit hook SIGKILLs the stages, the nats-server is killed here).
  let server: NatsServer | undefined;
  let signals = 0;
  let onSignal: () => void = () => {};
  const interrupted = new Promise<void>((r) => {
    onSignal = () => r();
  });
  const handler = () => {
    signals += 1;
    if (signals === 1) {
      onSignal();
      return;
    }
    say('▶ second interrupt: killing every process now');
    void server?.kill();
    process.exit(130);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);

  let url = (values.nats as string | undefined) ?? process.env['NATS_URL'];
  let supervisor: Supervisor | undefined;
  try {
    if (!url) {
      server = await NatsServer.start();
      url = server.url;
      say(`▶ private nats-server on ${url} (store ${server.storeDir})`);
    }
    const names: string[] = live
      ? [...LIVE_SERVICES.slice(0, 1), ...STAGES, ...LIVE_SERVICES.slice(1)]
      : [...STAGES];
    supervisor = new Supervisor({
      // Each child names itself (heartbeats, NATS connection name) whatever ALGOTRADER_SERVICE says here.
      stages: names.map((name) => ({
        name,
        // Run from the CLI's build, the stages run from it too (plain node, no tsx to load).
        ...(name === 'order-router' && router === 'native'
          ? { entry: resolve(repoRoot, 'apps/order-router/src/native-main.ts') }
          : builtCli()
            ? { entry: resolve(repoRoot, 'apps/cli/bin/stage.mjs'), args: [name] }
            : { entry: stageEntry(repoRoot, name) }),
        env: { ALGOTRADER_SERVICE: name },
      })),
      cwd: repoRoot,
      env: {
        NATS_URL: url,
        [PIPELINE_ENV]: configPath,
        ALGOTRADER_LOG_LEVEL: process.env['ALGOTRADER_LOG_LEVEL'] ?? 'info',
        // Stages run in the repository; the user's relative data directory means theirs.
        ALGOTRADER_DATA_DIR: resolve(ctx.config.dataDir),
        ...(extraEnv?.env ?? {}),
      },
      onLine: (stage, line) => {
        if (quiet && !/"level":(4|5|6)\d/.test(line)) return;
        process.stderr.write(`[${stage}] ${line}\n`);
      },
      onEvent: (e) => {
        if (e.kind === 'start')
          say(`  ${e.stage} started (pid ${e.pid}${e.restarts ? `, restart ${e.restarts}` : ''})`);
        else {
          // Unexpected, or a stage that failed to stop cleanly: why it went, in its own words, also
          // with --quiet (a crash's stack trace is no log line at warning level).
          const failed = e.restartInMs !== undefined || (e.code !== 0 && e.signal !== 'SIGTERM');
          if (!failed) return;
          const how = e.signal ?? `code ${e.code}`;
          say(
            e.restartInMs !== undefined
              ? `  ${e.stage} exited (${how}); restarting in ${e.restartInMs} ms`
              : `  ${e.stage} exited (${how}) while stopping`,
          );
          if (e.tail.length > 0) {
            say(`    ${e.stage}'s last output:`);
            for (const l of e.tail) say(`    | ${l}`);
          } else say(`    ${e.stage} wrote nothing`);
        }
      },
    });
    say(
      `▶ pipeline ${configPath}: account ${pipeline.account}, ${pipeline.keys.join(', ')} ${pipeline.tf}, ${pipeline.strategies.map((s) => s.id).join(', ')}, broker ${pipeline.config.broker}`,
    );
    for (const line of extraEnv?.notes ?? []) say(`  ${line}`);
    supervisor.start();

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
      if (values.exit === true) return code;
    }
    if (live) say(`▶ status: algotrader status --config ${configPath} --nats ${url}`);
    say('▶ running; Ctrl-C stops every process started here.');
    await interrupted;
    return code;
  } finally {
    // On success, on Ctrl-C and on an error alike: nothing up started outlives it.
    say('▶ stopping the stages…');
    await supervisor?.stop();
    await server?.stop();
    process.removeListener('SIGINT', handler);
    process.removeListener('SIGTERM', handler);
    say('▶ stopped.');
  }
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
    const b = account.book;
    o.say(
      `  account ${p.account}: cash ${b.cash.toFixed(2)} ${account.quote}, equity ${b.equity.toFixed(2)} ` +
        `(${(((b.equity - b.initialCash) / b.initialCash) * 100).toFixed(2)}%), peak ${b.peakEquity.toFixed(2)}`,
    );
    for (const [k, pos] of Object.entries(b.positions)) {
      if (pos.qty !== 0) o.say(`    ${k}: ${pos.qty} @ ${pos.avg.toFixed(2)}, mark ${b.marks[k]}`);
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

/** Whether this process runs the CLI's JavaScript build (apps/cli/bin/entry.mjs leaves this mark). */
function builtCli(): boolean {
  return typeof (globalThis as Record<symbol, unknown>)[Symbol.for('algotrader.cliBuild')] === 'string';
}
