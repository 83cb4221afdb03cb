import { hostname } from 'node:os';
import { runService, serveCompactionRequests } from '@algotrader/bus';
import { formatInstrument, symbolToken } from '@algotrader/core';
import { createMetricsSink } from '@algotrader/metrics';
import { ParquetStore, PerpStore } from '@algotrader/store';
import { BusAlertSink } from './alerts';
import { ArchiveWriter } from './archive';
import { Archiver } from './archiver';
import { busBarSetPublisher, busFundingPublisher, LiveCollector } from './live';
import { countedRequest, countRetry, newCollectorCounters } from './metrics';
import { createOkx, OkxMarketData } from './okx';
import { OkxPerpData } from './perp';
import { DEFAULT_RETRY, withRetry } from './retry';
import { SystemScheduler } from './scheduler';
import { parseCollectorSettings } from './settings';
import { BusBarSink, BusMdPublisher } from './sinks';
import { CollectorMetrics } from './telemetry';

/**
 * The collector stage: live OKX bars onto the bus at every close (catching up whatever was missed
 * while it was down, from COLLECTOR_SINCE for a series with nothing stored), and — unless
 * COLLECTOR_ARCHIVER=false — the archiver consumer that writes every bar on the bus into the Parquet
 * store at ALGOTRADER_DATA_DIR (its single writer). Latest bars, data health and request counters go
 * to InfluxDB (INFLUX_URL) through a buffered sink the pipeline never waits on; without a URL they
 * are discarded.
 */
void runService({
  name: 'collector',
  async start({ config, log, bus }) {
    const settings = parseCollectorSettings(process.env);
    const scheduler = new SystemScheduler();
    const alerts = new BusAlertSink(bus, scheduler);
    const counters = newCollectorCounters();
    const sink = createMetricsSink(config.influx, { defaultTags: { host: hostname() }, logger: log });
    if (!config.influx.url) log.warn({}, 'INFLUX_URL not set: collector metrics are discarded');
    const metrics = new CollectorMetrics({
      sink,
      clock: scheduler,
      counters,
      gauges: () => ({ alerts_dropped: alerts.dropped, alerts_failed: alerts.failed }),
      log,
    });
    const store = settings.archiver ? await ParquetStore.open(config.dataDir) : undefined;
    // The store's single writer also appends settled funding to the perp funding dataset.
    const perpStore =
      store && settings.fundingSwaps.length > 0 ? await PerpStore.open(config.dataDir) : undefined;
    const archiver = store
      ? await Archiver.start({ bus, writer: new ArchiveWriter(store, alerts), metrics })
      : undefined;

    const md = new OkxMarketData(createOkx({ restUrl: config.okx.restUrl, sandbox: config.okx.sandbox }));
    const listed = await withRetry(
      () => countedRequest(counters, 'instruments', () => md.listed(settings.symbols)),
      DEFAULT_RETRY,
      { onRetry: (e) => countRetry(counters, 'instruments', e) },
    );
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
      // A close's bars pipelined, then its marker (one close per round: the backfill writes the
      // same msg ids, so a chain may not span closes; see LiveCollector#publish).
      publisher: new BusMdPublisher(bus, { source: 'okx' }),
      alerts,
      scheduler,
      symbols,
      timeframes: settings.timeframes,
      settleMs: settings.settleMs,
      barSetTimeoutMs: settings.barSetTimeoutMs,
      pollMs: settings.pollMs,
      since: settings.since,
      counters,
      metrics,
      log,
      onCycle: (c) => log.info({ ...c }, 'cycle done'),
      funding: {
        data: new OkxPerpData(md.exchange),
        swaps: settings.fundingSwaps,
        publish: busFundingPublisher(bus),
        everyMs: settings.fundingEveryMs,
        store: perpStore,
      },
    });
    live.start();
    // The store's single writer also answers the scheduler's compaction requests (svc.collector.compact).
    const compaction = store ? serveCompactionRequests(bus.nc, () => store.compact(), { log }) : undefined;
    const stopReporting = metrics.start(settings.metricsIntervalMs);
    log.info(
      {
        symbols: symbols.map(formatInstrument),
        timeframes: settings.timeframes,
        archiver: Boolean(archiver),
        metrics: config.influx.url ? 'influx' : 'off',
      },
      'collecting',
    );
    return async () => {
      stopReporting();
      await compaction?.stop();
      await live.stop();
      await archiver?.stop();
      metrics.report();
      await alerts.flush();
      // Best effort, bounded by the sink's request timeout; what InfluxDB did not take is counted.
      await sink.close();
      log.info({ metrics: sink.stats() }, 'metrics sink closed');
      await store?.close();
      perpStore?.close();
    };
  },
});
