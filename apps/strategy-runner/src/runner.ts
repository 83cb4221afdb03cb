import type { Bus } from '@algotrader/bus';
import { type Clock, formatInstrument, type Instrument } from '@algotrader/core';
import {
  type AccountState,
  accountKey,
  accountOf,
  checkpointKeys,
  decodeAccount,
  KvFollower,
  messageBounds,
  type Pipeline,
  POSITIONS_BUCKET,
  StageRuntime,
  stageRoute,
} from '@algotrader/pipeline';
import { type BarSetClosed, codecs, type FeatureVector } from '@algotrader/proto';
import type { PortfolioView } from '@algotrader/strategy';
import {
  type RunnerCheckpoint,
  type RunnerInput,
  type RunnerOutput,
  type RunnerSnapshot,
  type RunnerState,
  runnerDecider,
} from './decider';

type Runtime = StageRuntime<RunnerState, RunnerInput, RunnerOutput, RunnerSnapshot>;

export interface StrategyRunnerOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
}

/**
 * The strategy-runner stage: `runnerDecider` (FeatureVectors in, Signals out) in the shared
 * `StageRuntime`, reading the FEATURES stream in order and saving its checkpoint after each bar
 * set. The strategies' portfolio view follows the account state in KV `positions`.
 */
export class StrategyRunner {
  readonly #runtime: Runtime;
  readonly #account: KvFollower<AccountState>;

  private constructor(runtime: Runtime, account: KvFollower<AccountState>) {
    this.#runtime = runtime;
    this.#account = account;
  }

  static async start(o: StrategyRunnerOptions): Promise<StrategyRunner> {
    const p = o.pipeline;
    const positions = await o.bus.kv(POSITIONS_BUCKET);
    const account = new KvFollower(positions, accountKey(p.account), decodeAccount, 1_000);
    await account.start();
    const runtime = await StageRuntime.start({
      bus: o.bus,
      clock: o.clock,
      name: 'strategy-runner',
      stream: 'FEATURES',
      filter: 'feat.>',
      checkpointKey: checkpointKeys.strategyRunner(p.account),
      checkpointEveryMs: p.config.checkpointEveryMs,
      bounds: messageBounds(p),
      decider: runnerDecider(p, (marks) => portfolioView(p, account, marks)),
      // Its signals and set marker go into SIGNALS together, kept in order: one round trip a set.
      orderedPublish: true,
      // Not `pipelined`: measured no faster (replay and bar → fill, docs/PERFORMANCE.md, fourth
      // pass); see packages/pipeline/README.md.
      routes: [
        stageRoute(
          codecs.FeatureVector,
          (vector: FeatureVector, meta): RunnerInput => ({
            kind: 'vector',
            vector,
            meta,
          }),
        ),
        stageRoute(
          codecs.BarSetClosed,
          (set: BarSetClosed, meta): RunnerInput => ({ kind: 'set', set, meta }),
          {
            checkpoint: true,
          },
        ),
      ],
      deadLetterAlert: (reason, meta) => ({
        severity: 'warning',
        code: 'feature_rejected',
        message: `strategy-runner refused ${meta.subject} #${meta.seq}: ${reason}`,
        dedupeKey: `${meta.seq}`,
      }),
    });
    return new StrategyRunner(runtime, account);
  }

  get position(): number {
    return this.#runtime.position;
  }

  get lastT(): number {
    return this.#runtime.state.lastT;
  }

  get counters(): RunnerState['counters'] {
    return { ...this.#runtime.state.counters };
  }

  snapshot(): RunnerCheckpoint | undefined {
    return this.#runtime.checkpoint();
  }

  async stop(): Promise<void> {
    await this.#runtime.stop();
    this.#account.stop();
  }
}

/** The account as the strategies see it: the latest state in KV, valued at the runner's marks. */
function portfolioView(
  p: Pipeline,
  account: KvFollower<AccountState>,
  marks: Readonly<Record<string, number>>,
): PortfolioView {
  return {
    get cash() {
      return account.value?.book.cash ?? p.config.paper.initialCash;
    },
    get equity() {
      const a = account.value;
      return a ? accountOf(a, p.specs, marks).equity : p.config.paper.initialCash;
    },
    position: (i: Instrument) => account.value?.book.positions[formatInstrument(i)]?.qty ?? 0,
    averagePrice: (i: Instrument) => account.value?.book.positions[formatInstrument(i)]?.avg ?? Number.NaN,
  };
}
