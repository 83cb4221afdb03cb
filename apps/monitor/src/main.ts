import { hostname } from 'node:os';
import { runService } from '@algotrader/bus';
import type { Clock } from '@algotrader/core';
import { createMetricsSink } from '@algotrader/metrics';
import { parseMonitorSettings } from './config';
import { Monitor } from './monitor';

const wallClock: Clock = { now: () => Date.now() };

await runService({
  name: 'monitor',
  async start({ config, log, bus }) {
    const settings = parseMonitorSettings(process.env);
    const sink = createMetricsSink(config.influx, {
      defaultTags: { host: hostname() },
      logger: log,
      clock: wallClock,
    });
    if (!config.influx.url) log.warn({}, 'INFLUX_URL not set: metrics are discarded, alerts still work');
    const monitor = new Monitor({
      bus,
      sink,
      clock: wallClock,
      settings,
      logger: log,
    });
    await monitor.start();
    monitor.run();
    log.info({ settings }, 'monitor running');
    // Stopped before the bus drains, so the last sample still goes out.
    return async () => {
      await monitor.stop();
      await sink.close();
    };
  },
});
