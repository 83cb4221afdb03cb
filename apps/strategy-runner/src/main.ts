import { runService } from '@algotrader/bus';
import { loadPipelineFromEnv } from '@algotrader/pipeline';
import { StrategyRunner } from './runner';

/** The strategy-runner stage: FeatureVectors → Signals (ALGOTRADER_PIPELINE names the configuration). */
void runService({
  name: 'strategy-runner',
  async start({ bus, log }) {
    const pipeline = await loadPipelineFromEnv();
    const runner = await StrategyRunner.start({ bus, pipeline, clock: { now: () => Date.now() } });
    log.info(
      { strategies: pipeline.strategies.map((s) => s.id), from: runner.position + 1 },
      'reading FEATURES',
    );
    return () => runner.stop();
  },
});
