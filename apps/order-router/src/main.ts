import { hostname } from 'node:os';
import { runService } from '@algotrader/bus';
import { createMetricsSink } from '@algotrader/metrics';
import { loadPipelineFromEnv } from '@algotrader/pipeline';
import { OrderRouter } from './router';
import { createVenue, VENUES } from './venues';

/**
 * The order-router stage: approved orders → the venue the pipeline names in `broker` (the
 * registry in `src/venues.ts`), for the account in ALGOTRADER_PIPELINE.
 */
void runService({
  name: 'order-router',
  async start({ bus, log, config }) {
    const pipeline = await loadPipelineFromEnv();
    const clock = { now: () => Date.now() };
    const onFatal = (e: Error) => {
      log.fatal({ err: e.message }, 'order-router stops; it restarts from the saved account state');
      log.flush();
      process.exit(1);
    };
    const venue = await createVenue({ config, pipeline, log });
    const pollMs = VENUES[pipeline.config.broker].pollMs;
    // Swap figures (funding P&L, leverage, margin ratio, liquidation distance) for Grafana; off without INFLUX_URL.
    const metrics = createMetricsSink(config.influx, { defaultTags: { host: hostname() }, logger: log });
    const router = await OrderRouter.start({
      bus,
      pipeline,
      clock,
      venue,
      onFatal,
      metrics,
      ...(pollMs !== undefined ? { pollMs } : {}),
    });
    log.info({ account: pipeline.account, venue: venue.name }, 'order-router ready');
    return async () => {
      await router.stop();
      await metrics.close();
    };
  },
});
