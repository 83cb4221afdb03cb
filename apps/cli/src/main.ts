import { isAlgoError, parseInstrument, parseTimeframe } from '@algotrader/core';
import { readCsvBars } from '@algotrader/store';
import { parse, requireString, UsageError } from './args';
import { runBacktestCmd } from './commands/backtest';
import { runData } from './commands/data';
import { runDemo } from './commands/demo';
import { runLookaheadCmd } from './commands/lookahead';
import { describeReplay, replayBars } from './commands/replay';
import { listStreams, tail } from './commands/streams';
import { runSweepCmd } from './commands/sweep';
import { runWorkerCmd } from './commands/worker';
import { cliContext, connectBus } from './context';
import { Progress } from './progress';

const USAGE = `algotrader <command> [options]

Commands:
  demo                                  run the whole pipeline on bundled real data (starts its own nats-server)
  replay --data <csv> --symbol OKX:BTC/USDT --tf 1h [--nats URL]
                                        publish a file's bars to md.bar.* as protobuf Bar messages
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
  streams ls                            list JetStream streams with message counts
  streams tail <subject> [--all] [--count N] [--durable NAME] [--type Bar]
                                        print a subject's messages decoded to JSON lines

Environment: NATS_URL and the other settings in .env.example.`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'demo':
      return runDemo(rest);
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
    case 'replay': {
      const usage = 'usage: algotrader replay --data <csv[.gz]> --symbol OKX:BTC/USDT --tf 1h [--nats URL]';
      const { values } = parse(
        rest,
        {
          data: { type: 'string' },
          symbol: { type: 'string' },
          tf: { type: 'string' },
          nats: { type: 'string' },
          quiet: { type: 'boolean' },
        },
        usage,
      );
      const instrument = parseInstrument(requireString(values.symbol, 'symbol', usage));
      const tf = parseTimeframe(requireString(values.tf, 'tf', usage));
      const cols = await readCsvBars(requireString(values.data, 'data', usage));
      const ctx = cliContext();
      const bus = await connectBus(ctx, values.nats as string | undefined);
      const progress = new Progress('replay', cols.openTime.length, values.quiet === true);
      const result = await replayBars(bus, instrument, tf, cols, {
        source: 'replay',
        onProgress: (n) => progress.tick(n),
      });
      progress.finish();
      await bus.close();
      console.log(describeReplay(instrument, tf, result));
      return 0;
    }
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
