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
  /**
   * Decide the next input while the last one's outputs are in flight (`StageRuntime`'s
   * `pipelined`). Default: on when the server fixes nats-server 2.9's `discard: new` trimming at a
   * byte limit (2.10 and later, {@link fixesDiscardNew}), one input at a time on older servers.
   */
  readonly pipelined?: boolean;
}

/**
 * Whether a nats-server of this version refuses a message at a stream's byte limit under
 * `discard: new` instead of storing it and trimming the oldest (nats-server issues 4771/4775, fixed
 * after 2.9). Unknown versions count as not fixed.
 */
export function fixesDiscardNew(version: string | undefined): boolean {
  const m = /^v?(\d+)\.(\d+)\./.exec(version ?? '');
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 2 || (major === 2 && minor >= 10);
}

/**
 * The feature-engine stage: `featureDecider` (bars in, FeatureVectors out) in the shared
 * `StageRuntime`, reading the MD stream in order (bars, then the BarSetClosed of their close time)
 * and saving its checkpoint after each bar set.
 */
export class FeatureEngine {
  readonly #runtime: Runtime;
  /** Whether it decides the next input while the last one's outputs are in flight. */
  readonly pipelined: boolean;

  private constructor(runtime: Runtime, pipelined: boolean) {
    this.#runtime = runtime;
    this.pipelined = pipelined;
  }

  /** Restores the checkpoint (rebuilding features from its bars) and starts reading after it. */
  static async start(o: FeatureEngineOptions): Promise<FeatureEngine> {
    const p = o.pipeline;
    const pipelined = o.pipelined ?? fixesDiscardNew(o.bus.nc.info?.version);
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
      // Vectors and the set marker go into FEATURES in order. Pipelined, a replay goes 30-40 %
      // faster (docs/PERFORMANCE.md, sixth pass); not on nats-server 2.9, where a FEATURES stream at
      // its byte limit lost its oldest vectors to the server's discard:new bug (packages/pipeline/README.md).
      orderedPublish: true,
      ...(pipelined ? { pipelined: true } : {}),
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
    return new FeatureEngine(runtime, pipelined);
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
