import { runService } from '@algotrader/bus';
import { loadPipelineFromEnv } from '@algotrader/pipeline';
import { RiskGate } from './gate';

/** The risk-gate stage: Signals → approved orders or rejections (ALGOTRADER_PIPELINE names the configuration). */
void runService({
  name: 'risk-gate',
  async start({ bus, log }) {
    const pipeline = await loadPipelineFromEnv();
    const gate = await RiskGate.start({ bus, pipeline, clock: { now: () => Date.now() } });
    log.info(
      { account: pipeline.account, mode: pipeline.config.mode, from: gate.position + 1 },
      'reading SIGNALS',
    );
    return () => gate.stop();
  },
});
