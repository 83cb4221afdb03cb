import { isAlgoError } from '@algotrader/core';
import { parse, UsageError } from './args';
import { runBacktestCmd } from './commands/backtest';
import { runControl } from './commands/control';
import { runData } from './commands/data';
import { runLookaheadCmd } from './commands/lookahead';
import { runPipelineReplay } from './commands/pipeline-replay';
import { runResearchCmd } from './commands/research';
import { runStatus } from './commands/status';
import { listStreams, tail } from './commands/streams';
import { runSweepCmd } from './commands/sweep';
import { runUp } from './commands/up';
import { runWorkerCmd } from './commands/worker';
import { cliContext, connectBus } from './context';

const USAGE = `algotrader <command> [options]

Commands:
  demo                                  the main job: every live stage on a private nats-server, bundled real
                                        BTC/USDT hours replayed through them with the paper broker, fills
                                        compared with the backtest engine's
  up [--config <pipeline.json>] [--nats URL] [--replay [--from D] [--to D] [--speed max]] [--exit]
                                        start every live stage (and a nats-server when none is configured)
  replay --config <pipeline.json> [--from D] [--to D] [--speed max|10x|50/s]
                                        drive a historical period through the live pipeline
  replay --data <csv> --symbol OKX:BTC/USDT --tf 1h [--nats URL]
                                        publish one file's bars to md.bar.* as protobuf Bar messages
  status [--config <pipeline.json>] [--json]
                                        stages, consumer lag, positions, equity
  control halt|resume|reduce-only|pause <strategy>|resume-strategy <strategy> [--account A] [--reason R]
                                        operator commands (control KV + ControlCommand)
  data backfill|import|ls|verify|sql   OKX history and the Parquet store (algotrader data help)
  backtest --strategy NAME --data <csv|dir|glob|parquet|store> [--symbols A/B,..] [--tf 1h] [--from D] [--to D]
           [--param k=v].. [--fee F] [--fill next_open|close] [--slippage-bps N] [--cash C] [--out DIR] [--json]
                                        one backtest; writes summary.json, fills/trades/equity.parquet, tearsheet.html
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
      return runUp(['--replay', '--exit', ...rest]);
    case 'up':
      return runUp(rest);
    case 'status':
      return runStatus(rest);
    case 'control':
      return runControl(rest);
    case 'data':
      return runData(rest);
    case 'backtest':
      return runBacktestCmd(rest);
    case 'sweep':
      return runSweepCmd(rest);
    case 'worker':
      return runWorkerCmd(rest);
    case 'lookahead-check':
      return runLookaheadCmd(rest);
    case 'replay':
      return runPipelineReplay(rest);
    case 'research':
      return runResearchCmd(rest);
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
            write: (line) => process.stdout.write(`${line}\n`),
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(e.message);
      process.exit(2);
    }
    if (isAlgoError(e)) {
      console.error(`error [${e.code}]: ${e.message}`);
      process.exit(1);
    }
    console.error(`error: ${(e as Error)?.message ?? e}`);
    process.exit(1);
  },
);
