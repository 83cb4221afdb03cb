/**
 * Imports a user's module (a strategy file, a pipeline plugin) by path. When the CLI runs from its
 * JavaScript build, the build's start-up code leaves a hook under this symbol that first makes
 * TypeScript importable and points `@algotrader/*` at the build's own modules (one strategy
 * registry, one `AlgoError` class); from the sources (tsx) there is no hook and nothing to do.
 */
import { pathToFileURL } from 'node:url';

const HOOK = Symbol.for('algotrader.beforeUserImport');

export async function importUserModule(path: string): Promise<Record<string, unknown>> {
  const hook = (globalThis as Record<symbol, unknown>)[HOOK];
  if (typeof hook === 'function') await (hook as () => Promise<void>)();
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}
