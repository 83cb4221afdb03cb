import { AlgoError, ErrorCode } from '@algotrader/core';
import { bollingerReversion } from './examples/bollinger-reversion';
import { smaCross } from './examples/sma-cross';
import { topkDropout } from './examples/topk-dropout';
import { xsMomentum } from './examples/xs-momentum';
import type { AnyStrategy, Strategy } from './strategy';

/** The strategies that ship with the package. */
export const BUILTIN_STRATEGIES: readonly AnyStrategy[] = [
  smaCross,
  bollingerReversion,
  xsMomentum,
  topkDropout,
];

const NAME = /^[a-z][a-z0-9_]{0,47}$/;

/** Strategies by name. A process normally uses the default one (see `registerStrategy`). */
export class StrategyRegistry {
  readonly #byName = new Map<string, AnyStrategy>();

  register<P, S>(strategy: Strategy<P, S>): void {
    if (!NAME.test(strategy.name)) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `strategy name "${strategy.name}" must be snake_case, 1-48 chars`,
      );
    }
    if (this.#byName.has(strategy.name)) {
      throw new AlgoError(ErrorCode.Conflict, `a strategy named ${strategy.name} is already registered`);
    }
    this.#byName.set(strategy.name, strategy as AnyStrategy);
  }

  get(name: string): AnyStrategy {
    const s = this.#byName.get(name);
    if (!s) {
      throw new AlgoError(
        ErrorCode.NotFound,
        `no strategy named "${name}"; known: ${this.names().join(', ')}`,
      );
    }
    return s;
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  names(): string[] {
    return [...this.#byName.keys()].sort();
  }

  list(): AnyStrategy[] {
    return this.names().map((n) => this.#byName.get(n)!);
  }
}

/** A registry holding the built-in strategies (and nothing else). */
export function createRegistry(): StrategyRegistry {
  const r = new StrategyRegistry();
  for (const s of BUILTIN_STRATEGIES) r.register(s);
  return r;
}

const defaultRegistry = createRegistry();

/** Adds a strategy to the process-wide registry (which starts with the built-ins). */
export function registerStrategy<P, S>(strategy: Strategy<P, S>): void {
  defaultRegistry.register(strategy);
}

export function getStrategy(name: string): AnyStrategy {
  return defaultRegistry.get(name);
}

/** Every registered strategy, sorted by name. */
export function listStrategies(): AnyStrategy[] {
  return defaultRegistry.list();
}
