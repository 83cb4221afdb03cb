import { runService } from '@algotrader/bus';
import { featureKey } from '@algotrader/features';
import { loadPipelineFromEnv } from '@algotrader/pipeline';
import { FeatureEngine } from './engine';

/** The feature-engine stage: MD bars → FeatureVectors (ALGOTRADER_PIPELINE names the configuration). */
void runService({
  name: 'feature-engine',
  async start({ bus, log }) {
    const pipeline = await loadPipelineFromEnv();
    const engine = await FeatureEngine.start({ bus, pipeline, clock: { now: () => Date.now() } });
    log.info(
      {
        instruments: pipeline.keys,
        features: pipeline.features.map((f) => featureKey(f)),
        history: pipeline.featureHistory,
        from: engine.position + 1,
        pipelined: engine.pipelined,
      },
      'reading MD',
    );
    return () => engine.stop();
  },
});
