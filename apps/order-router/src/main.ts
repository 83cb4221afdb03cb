import { runService } from '@algotrader/bus';
import { loadPipelineFromEnv } from '@algotrader/pipeline';
import type { BrokerFactory } from './broker';
import { LiveRouter } from './live';
import { PaperRouter } from './paper';

/**
 * The order-router stage: approved orders → the paper broker, or the exchange broker that
 * `src/okx/index.ts` provides (`createBroker`), for the account in ALGOTRADER_PIPELINE.
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
    if (pipeline.config.broker === 'paper') {
      const router = await PaperRouter.start({ bus, pipeline, clock, onFatal });
      log.info({ account: pipeline.account, timing: pipeline.fillModel.timing }, 'paper broker ready');
      return () => router.stop();
    }
    // Loaded by path so this stage builds before the exchange broker exists.
    const mod = (await import(new URL(`./${pipeline.config.broker}/index.ts`, import.meta.url).href)) as {
      createBroker?: BrokerFactory;
    };
    if (!mod.createBroker) throw new Error(`src/${pipeline.config.broker}/index.ts exports no createBroker`);
    const broker = await mod.createBroker({ config, pipeline, log });
    const router = await LiveRouter.start({ bus, pipeline, clock, broker, onFatal });
    log.info({ account: pipeline.account, broker: broker.name }, 'exchange broker ready');
    return () => router.stop();
  },
});
