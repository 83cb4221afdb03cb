import type { Bus } from '@algotrader/bus';
import type { Clock } from '@algotrader/core';
import { checkpointKeys, messageBounds, type Pipeline, StageRuntime, stageRoute } from '@algotrader/pipeline';
import { type BarMsg, type BarSetClosed, codecs } from '@algotrader/proto';
import {
  type FeatureCheckpoint,
  type FeatureInput,
  type FeatureOutput,
  type FeatureSnapshot,
  type FeatureState,
  featureDecider,
} from './decider';

type Runtime = StageRuntime<FeatureState, FeatureInput, FeatureOutput, FeatureSnapshot>;

export interface FeatureEngineOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
}

/**
 * The feature-engine stage: `featureDecider` (bars in, FeatureVectors out) in the shared
 * `StageRuntime`, reading the MD stream in order (bars, then the BarSetClosed of their close time)
 * and saving its checkpoint after each bar set.
 */
export class FeatureEngine {
  readonly #runtime: Runtime;

  private constructor(runtime: Runtime) {
    this.#runtime = runtime;
  }

  /** Restores the checkpoint (rebuilding features from its bars) and starts reading after it. */
  static async start(o: FeatureEngineOptions): Promise<FeatureEngine> {
    const p = o.pipeline;
    const runtime = await StageRuntime.start({
      bus: o.bus,
      clock: o.clock,
      name: 'feature-engine',
      stream: 'MD',
      filter: 'md.>',
      checkpointKey: checkpointKeys.featureEngine(p.venue, p.tf),
      checkpointEveryMs: p.config.checkpointEveryMs,
      decider: featureDecider(p),
      bounds: messageBounds(p),
      // Vectors and the set marker go into FEATURES in order. Not `pipelined`: no faster measured,
      // and at a byte limit it walked into nats-server 2.9's discard:new trimming bug (issue 4775;
      // packages/pipeline/README.md).
      orderedPublish: true,
      routes: [
        stageRoute(codecs.Bar, (bar: BarMsg, meta): FeatureInput => ({ kind: 'bar', bar, meta })),
        stageRoute(
          codecs.BarSetClosed,
          (set: BarSetClosed, meta): FeatureInput => ({ kind: 'set', set, meta }),
          {
            checkpoint: true,
          },
        ),
      ],
      deadLetterAlert: (reason, meta) => ({
        severity: 'warning',
        code: 'md_rejected',
        message: `feature-engine refused ${meta.subject} #${meta.seq}: ${reason}`,
        labels: { subject: meta.subject },
        dedupeKey: `${meta.seq}`,
      }),
    });
    return new FeatureEngine(runtime);
  }

  /** Stream position handled so far (MD sequence), every output of it stored. */
  get position(): number {
    return this.#runtime.position;
  }

  /** The last bar set decided; its outputs may still be in flight (`position` is what is stored). */
  get lastSet(): number {
    return this.#runtime.state.lastSet;
  }

  get counters(): FeatureState['counters'] & { rejected: number } {
    return { ...this.#runtime.state.counters, rejected: this.#runtime.deadLettered };
  }

  snapshot(): FeatureCheckpoint | undefined {
    return this.#runtime.checkpoint();
  }

  stop(): Promise<void> {
    return this.#runtime.stop();
  }
}
