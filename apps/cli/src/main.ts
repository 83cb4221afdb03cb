import { parse, UsageError } from './args';

// Each command's module is imported when it runs: a command (or a usage error) loads only what it
// needs, not DuckDB, the backtest engine and the report renderer every time. Even @algotrader/core
// waits (it loads zod, a tenth of a second): `--help` and usage errors need none of it.

const USAGE = `algotrader <command> [options]

Commands:
  demo                                  the main job: every live stage on a private nats-server, bundled real
                                        BTC/USDT hours replayed through them with the paper broker, fills
                                        compared with the backtest engine's
  init [--nats URL]                     create/update every stream and KV bucket (as the admin NATS user)
  up [--config <pipeline.json>] [--nats URL] [--replay [--from D] [--to D] [--speed max]] [--exit]
                                        start the four decision stages (and a nats-server when none is configured)
  up --live [--config <pipeline.json>] [--nats URL]
                                        paper-trade live OKX data: also the collector, notifier, monitor, scheduler
  replay --config <pipeline.json> [--from D] [--to D] [--speed max|10x|50/s]
                                        drive a historical period through the live pipeline
  replay --data <csv> --symbol OKX:BTC/USDT [--data <csv> --symbol ..].. --tf 1h [--bars-only] [--nats URL]
                                        publish files' bars with a BarSetClosed per close (a running up trades them)
  status [--config <pipeline.json>] [--json]
                                        stages, consumer lag, positions, equity
  control halt|resume|reduce-only|pause <strategy>|resume-strategy <strategy> [--account A] [--reason R]
                                        operator commands (control KV + ControlCommand)
  data backfill|import|ls|verify|sql   OKX history and the Parquet store (algotrader data help)
  backtest --strategy NAME --data <csv|dir|glob|parquet|store> [--symbols A/B,..] [--tf 1h] [--from D] [--to D]
           [--param k=v].. [--fee F] [--fill next_open|close] [--slippage-bps N] [--cash C] [--out DIR] [--json]
                                        one backtest; writes summary.json, fills/trades/equity.parquet, tearsheet.html
  perp-backtest [--strategy sma_long_short] [--trades <csv> --mark <csv> --funding <csv>] [--tf 4h]
                [--margin cross|isolated] [--leverage L] [--param k=v].. [--out DIR] [--json]
                                        a perpetual-swap backtest (funding, mark price, margin, liquidation);
                                        bundled OKX BTC-USDT-SWAP data by default
  sweep --strategy NAME --data SRC (--grid k=a:b:step .. | --random N --param-range k=lo:hi ..)
        [--walk-forward train=180d,test=30d] [--rank sharpe] [--workers N | --distributed [--nats URL]]
                                        ranked parameter sweep on worker threads, or on workers via JetStream
  worker [--threads N] [--module FILE].. [--nats URL]
                                        run sweep jobs from the RESEARCH work queue (any number, any machine)
  lookahead-check --strategy NAME --data SRC [--symbols ..] [--cuts 8]
                                        re-run on truncated data; exit 1 if any decision changes
  research export-qlib|factor|topk      Qlib data export, factor IC evaluation, Qlib predictions backtested
                                        with topk_dropout (algotrader research help)
  streams ls                            list JetStream streams with message counts
  streams tail <subject> [--all] [--count N] [--durable NAME] [--type Bar]
                                        print a subject's messages decoded to JSON lines

Environment: NATS_URL and the other settings in .env.example.`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'demo':
      // The main job: the bundled pipeline config, replayed end to end, compared with the backtest.
      return (await import('./commands/up')).runUp(['--replay', '--exit', ...rest]);
    case 'up':
      return (await import('./commands/up')).runUp(rest);
    case 'init':
      return (await import('./commands/init')).runInit(rest);
    case 'status':
      return (await import('./commands/status')).runStatus(rest);
    case 'control':
      return (await import('./commands/control')).runControl(rest);
    case 'data':
      return (await import('./commands/data')).runData(rest);
    case 'backtest':
      return (await import('./commands/backtest')).runBacktestCmd(rest);
    case 'perp-backtest':
      return (await import('./commands/perp-backtest')).runPerpBacktestCmd(rest);
    case 'sweep':
      return (await import('./commands/sweep')).runSweepCmd(rest);
    case 'worker':
      return (await import('./commands/worker')).runWorkerCmd(rest);
    case 'lookahead-check':
      return (await import('./commands/lookahead')).runLookaheadCmd(rest);
    case 'replay':
      return (await import('./commands/pipeline-replay')).runPipelineReplay(rest);
    case 'research':
      return (await import('./commands/research')).runResearchCmd(rest);
    case 'streams': {
      const [sub, ...args] = rest;
      const usage =
        'usage: algotrader streams ls | streams tail <subject> [--all] [--count N] [--durable NAME] [--type Bar] [--nats URL]';
      const { values, positionals } = parse(
        args,
        {
          all: { type: 'boolean' },
          count: { type: 'string' },
          durable: { type: 'string' },
          type: { type: 'string' },
          nats: { type: 'string' },
        },
        usage,
      );
      const { cliContext, connectBus } = await import('./context');
      const { listStreams, tail } = await import('./commands/streams');
      const ctx = cliContext();
      const bus = await connectBus(ctx, values.nats as string | undefined);
      try {
        if (sub === 'ls') {
          for (const line of await listStreams(bus)) console.log(line);
          return 0;
        }
        if (sub === 'tail') {
          const subject = positionals[0];
          if (!subject) throw new UsageError(usage);
          const abort = new AbortController();
          process.once('SIGINT', () => abort.abort());
          process.once('SIGTERM', () => abort.abort());
          await tail(bus, {
            subject,
            all: values.all === true,
            ...(values.count ? { count: Number(values.count) } : {}),
            ...(values.durable ? { durable: values.durable as string } : {}),
            ...(values.type ? { type: values.type as string } : {}),
            // Settles when the line has left this process: its message is acked only then.
            write: (line) =>
              new Promise<void>((resolve, reject) =>
                process.stdout.write(`${line}\n`, (e) => (e ? reject(e) : resolve())),
              ),
            signal: abort.signal,
          });
          return 0;
        }
        throw new UsageError(usage);
      } finally {
        await bus.close();
      }
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${cmd}"\n\n${USAGE}`);
  }
}

/**
 * Exits once stdout and stderr have handed everything written to the OS. A write to a pipe that is
 * full (a `--json` document of more than 64 KiB read by `jq`) is queued, and `process.exit` alone
 * would drop the rest of it; a write's callback runs after every earlier write has gone out.
 */
function exitFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(
  (code) => exitFlushed(code),
  async (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(e.message);
      process.exit(2);
    }
    const { isAlgoError } = await import('@algotrader/core');
    if (isAlgoError(e)) {
      console.error(`error [${e.code}]: ${e.message}`);
      process.exit(1);
    }
    console.error(`error: ${(e as Error)?.message ?? e}`);
    process.exit(1);
  },
);
