/** Strategies by name: the registry's, plus those of `--module` files (plain strategies or factories). */
import { resolve } from 'node:path';
import type { BacktestData, StrategyFactory } from '@algotrader/backtest';
import { AlgoError, ErrorCode } from '@algotrader/core';
import { importUserModule } from '@algotrader/core/node';
import { type AnyStrategy, getStrategy, listStrategies } from '@algotrader/strategy';

/**
 * Research code that precomputes over the data set it runs on: built once per data set (and per
 * truncated copy in the look-ahead check, which is how a peek into later bars gets caught).
 */
export interface StrategyFactoryExport {
  readonly name: string;
  readonly factory: StrategyFactory;
}

export interface StrategyCatalog {
  /** Every name known, sorted. */
  readonly names: readonly string[];
  /** A strategy as a factory (a plain strategy ignores the data). Throws NotFound listing the names. */
  get(name: string): StrategyFactory;
  /** The strategy object when it does not depend on the data (so parameters can be checked early). */
  plain(name: string): AnyStrategy | undefined;
}

function isStrategy(x: unknown): x is AnyStrategy {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return (
    typeof s['name'] === 'string' &&
    (s['kind'] === 'single' || s['kind'] === 'multi') &&
    typeof s['init'] === 'function' &&
    typeof s['warmup'] === 'function'
  );
}

function isFactoryExport(x: unknown): x is StrategyFactoryExport {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return typeof s['name'] === 'string' && typeof s['factory'] === 'function';
}

/**
 * Imports each module (paths relative to `cwd`) and collects its exports that are strategies or
 * `{ name, factory }` objects (also inside an exported array). A name already taken is refused.
 */
export async function loadCatalog(modules: readonly string[], cwd = process.cwd()): Promise<StrategyCatalog> {
  const plain = new Map<string, AnyStrategy>();
  const factories = new Map<string, StrategyFactory>();
  for (const s of listStrategies()) plain.set(s.name, s);
  for (const m of modules) {
    const path = resolve(cwd, m);
    let mod: Record<string, unknown>;
    try {
      mod = await importUserModule(path);
    } catch (e) {
      throw new AlgoError(
        ErrorCode.NotFound,
        `--module ${m}: cannot import ${path}: ${(e as Error).message}`,
        { path },
        { cause: e },
      );
    }
    let found = 0;
    const add = (x: unknown): void => {
      if (Array.isArray(x)) {
        for (const y of x) add(y);
        return;
      }
      if (!isStrategy(x) && !isFactoryExport(x)) return;
      if (plain.has(x.name) || factories.has(x.name)) {
        // The same object exported twice (named and in a list) is fine; two different ones are not.
        if (plain.get(x.name) === x || factories.get(x.name) === (x as StrategyFactoryExport).factory) return;
        throw new AlgoError(ErrorCode.Conflict, `--module ${m}: a strategy named ${x.name} is already known`);
      }
      found++;
      if (isStrategy(x)) plain.set(x.name, x);
      else factories.set(x.name, x.factory);
    };
    for (const v of Object.values(mod)) add(v);
    if (found === 0) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `--module ${m} exports no strategy (export a strategy, or { name, factory: (data) => strategy })`,
      );
    }
  }
  const names = [...plain.keys(), ...factories.keys()].sort();
  return {
    names,
    get(name) {
      const p = plain.get(name);
      if (p) return () => p;
      const f = factories.get(name);
      if (f) return f;
      // The registry's own message is the fallback when it knows something we do not.
      try {
        const s = getStrategy(name);
        return () => s;
      } catch {
        throw new AlgoError(
          ErrorCode.NotFound,
          `unknown strategy "${name}"; available: ${names.join(', ')} (add your own with --module FILE)`,
        );
      }
    },
    plain(name) {
      return plain.get(name);
    },
  };
}

/** Builds the strategy for `data` and checks it is the one asked for. */
export function buildStrategy(catalog: StrategyCatalog, name: string, data: BacktestData): AnyStrategy {
  const s = catalog.get(name)(data);
  if (s.name !== name) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `the factory registered as ${name} built a strategy named ${s.name}`,
    );
  }
  return s;
}
