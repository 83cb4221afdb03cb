import { runService } from '@algotrader/bus';
import { startNotifier } from './notifier';
import { parseNotifierSettings } from './settings';

// The one place that reads the environment: core's Config (NATS, TELEGRAM_*) through runService,
// the notifier's own NOTIFIER_* settings here. runService drains on SIGTERM/SIGINT after stop().
await runService({
  name: 'notifier',
  start: async ({ config, log, bus }) => {
    const settings = parseNotifierSettings(process.env);
    const notifier = await startNotifier({ bus, settings, telegram: config.telegram, log });
    return () => notifier.stop();
  },
});
