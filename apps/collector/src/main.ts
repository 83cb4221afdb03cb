import { runService } from '@algotrader/bus';
import { formatInstrument, symbolToken } from '@algotrader/core';
import { ParquetStore } from '@algotrader/store';
import { BusAlertSink } from './alerts';
import { ArchiveWriter } from './archive';
import { Archiver } from './archiver';
import { busBarSetPublisher, LiveCollector } from './live';
import { createOkx, OkxMarketData } from './okx';
import { DEFAULT_RETRY, withRetry } from './retry';
import { SystemScheduler } from './scheduler';
import { parseCollectorSettings } from './settings';
import { BusBarSink } from './sinks';

/**
 * The collector stage: live OKX bars onto the bus at every close (catching up whatever was missed
 * while it was down, from COLLECTOR_SINCE for a series with nothing stored), and — unless
 * COLLECTOR_ARCHIVER=false — the archiver consumer that writes every bar on the bus into the Parquet
 * store at ALGOTRADER_DATA_DIR (its single writer).
 */
void runService({
  name: 'collector',
  async start({ config, log, bus }) {
    const settings = parseCollectorSettings(process.env);
    const scheduler = new SystemScheduler();
    const alerts = new BusAlertSink(bus, scheduler);
    const store = settings.archiver ? await ParquetStore.open(config.dataDir) : undefined;
    const archiver = store
      ? await Archiver.start({ bus, writer: new ArchiveWriter(store, alerts) })
      : undefined;

    const md = new OkxMarketData(createOkx({ restUrl: config.okx.restUrl, sandbox: config.okx.sandbox }));
    const listed = await withRetry(() => md.listed(settings.symbols), DEFAULT_RETRY);
    const symbols = settings.symbols.filter((s) => listed.has(symbolToken(s)));
    for (const s of settings.symbols.filter((x) => !listed.has(symbolToken(x)))) {
      log.error(
        { symbol: formatInstrument(s) },
        'OKX does not list this symbol as a live SPOT market; skipped',
      );
      alerts.alert({
        severity: 'critical',
        code: 'symbol_not_listed',
        message: `${formatInstrument(s)} is not a live OKX SPOT market: the collector skips it`,
        labels: { instrument: formatInstrument(s) },
        dedupeKey: symbolToken(s),
      });
    }
    if (symbols.length === 0) throw new Error('none of COLLECTOR_SYMBOLS is a live OKX SPOT market');

    const live = new LiveCollector({
      md,
      sink: new BusBarSink(bus, { source: 'okx', store }),
      publishBarSet: busBarSetPublisher(bus),
      alerts,
      scheduler,
      symbols,
      timeframes: settings.timeframes,
      settleMs: settings.settleMs,
      barSetTimeoutMs: settings.barSetTimeoutMs,
      pollMs: settings.pollMs,
      since: settings.since,
      log,
      onCycle: (c) => log.info({ ...c }, 'cycle done'),
    });
    live.start();
    log.info(
      {
        symbols: symbols.map(formatInstrument),
        timeframes: settings.timeframes,
        archiver: Boolean(archiver),
      },
      'collecting',
    );
    return async () => {
      await live.stop();
      await archiver?.stop();
      await alerts.flush();
      await store?.close();
    };
  },
});
