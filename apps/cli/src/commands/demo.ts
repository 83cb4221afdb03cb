import { parseInstrument, type Timeframe } from '@algotrader/core';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, waitFor } from '@algotrader/testkit';
import { parse } from '../args';
import { cliContext, connectBus } from '../context';
import { Progress } from '../progress';
import { describeReplay, replayBars } from './replay';

export const DEMO_FILE = 'demo/binance_BTC-USDT_1h_2024-2025.csv.gz';

/**
 * The main job on bundled real data: starts a private nats-server (JetStream, temporary store),
 * replays the bars through the bus and consumes them back through a durable consumer.
 */
export async function runDemo(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    { keep: { type: 'boolean' }, quiet: { type: 'boolean' } },
    'usage: algotrader demo [--keep] [--quiet]',
  );
  const ctx = cliContext();
  const instrument = parseInstrument('OKX:BTC/USDT');
  const tf: Timeframe = '1h';
  const say = (s: string) => console.log(s);

  say('▶ starting a private nats-server with JetStream…');
  const server = await NatsServer.start({ keepStore: values.keep === true });
  say(`  nats-server on ${server.url}, store ${server.storeDir}`);
  const bus = await connectBus(ctx, server.url);
  try {
    const cols = await readCsvBars(bundledData(DEMO_FILE));
    say(
      `▶ replaying ${cols.openTime.length} real BTC/USDT 1h bars (data/${DEMO_FILE}) as protobuf Bar messages…`,
    );
    const progress = new Progress('replay', cols.openTime.length, values.quiet === true);
    const result = await replayBars(bus, instrument, tf, cols, {
      source: 'demo',
      onProgress: (n) => progress.tick(n),
    });
    progress.finish();
    say(`  ${describeReplay(instrument, tf, result)}`);

    say('▶ consuming them back through a durable pull consumer…');
    let received = 0;
    let lastClose = 0;
    let outOfOrder = 0;
    const handle = await bus.consume({
      stream: 'MD',
      durable: 'demo-reader',
      filterSubjects: ['md.bar.>'],
      codec: codecs.Bar,
      handler: (bar) => {
        if ((bar.closeTimeMs as number) <= lastClose) outOfOrder += 1;
        lastClose = bar.closeTimeMs as number;
        received += 1;
      },
    });
    await waitFor(() => received >= result.stored, 120_000, 'all bars consumed');
    await handle.stop();
    say(
      `  received ${received} bars, ${outOfOrder} out of order, last close ${new Date(lastClose).toISOString()}`,
    );
    say('');
    say('Inspect the stream while it runs with:');
    say(`  nats --server ${server.url} stream view MD`);
    say(`  npm run algotrader -- streams tail 'md.bar.>' --all --count 3 --nats ${server.url}`);
    return received === result.stored && outOfOrder === 0 ? 0 : 1;
  } finally {
    await bus.close();
    await server.stop();
    say('▶ nats-server stopped.');
  }
}
