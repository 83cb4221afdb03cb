/**
 * Imports a user's module (a strategy file, a pipeline plugin) by path. When the CLI runs from its
 * JavaScript build, the build's start-up code leaves a hook under this symbol that first makes
 * TypeScript importable and points `@algotrader/*` at the build's own modules (one strategy
 * registry, one `AlgoError` class); from the sources (tsx) there is no hook and nothing to do.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const HOOK = Symbol.for('algotrader.beforeUserImport');

/** Node's codes for a CommonJS module that tried to load an ES module (`@algotrader/*` are ES modules). */
const REQUIRE_ESM = new Set(['ERR_REQUIRE_ESM', 'ERR_REQUIRE_CYCLE_MODULE', 'ERR_REQUIRE_ASYNC_MODULE']);

export async function importUserModule(path: string): Promise<Record<string, unknown>> {
  const hook = (globalThis as Record<symbol, unknown>)[HOOK];
  if (typeof hook === 'function') await (hook as () => Promise<void>)();
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    const hint = commonJsHint(path, e);
    if (hint === undefined) throw e;
    throw new Error(`${hint} (${(e as Error).message})`, { cause: e });
  }
}

/**
 * What to do when a `.ts` file failed because it was loaded as CommonJS: TypeScript takes the
 * module format of its package, and outside a `"type": "module"` package it cannot import ours.
 */
function commonJsHint(path: string, e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (!/\.tsx?$/.test(path) || typeof code !== 'string' || !REQUIRE_ESM.has(code)) return undefined;
  const pkg = nearestPackageJson(dirname(path));
  if (pkg?.type === 'module') return undefined;
  const where = pkg
    ? `${pkg.path} has no "type": "module"`
    : 'no package.json above it says "type": "module"';
  return (
    `${path} is TypeScript in a CommonJS package (${where}), so Node loads it as CommonJS and it cannot ` +
    `import the ES modules of @algotrader/*. Rename it to ${path.replace(/\.tsx?$/, '.mts')}, or add ` +
    `"type": "module" to ${pkg ? pkg.path : `a package.json beside it (${join(dirname(path), 'package.json')})`}`
  );
}

function nearestPackageJson(dir: string): { path: string; type: unknown } | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const path = join(d, 'package.json');
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      try {
        return { path, type: (JSON.parse(text) as { type?: unknown }).type };
      } catch {
        return { path, type: undefined };
      }
    }
    if (dirname(d) === d) return undefined;
  }
}
