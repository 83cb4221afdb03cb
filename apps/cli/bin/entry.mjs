// Where the CLI's entry modules come from: the up-to-date build (made now when missing), else the
// TypeScript sources through tsx. Also used by the sweep's worker threads (src/sweep/thread-entry.mjs).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const USER_IMPORT = Symbol.for('algotrader.beforeUserImport');
const BUILD_DIR = Symbol.for('algotrader.cliBuild');

/** The TypeScript source of an entry: main, thread, or stages/<app>. */
function source(name) {
  if (name === 'main') return '../src/main.ts';
  if (name === 'thread') return '../src/sweep/thread.ts';
  return `../../${name.slice('stages/'.length)}/src/main.ts`;
}

let tsxRegistered = false;
async function registerTsx() {
  if (tsxRegistered) return;
  tsxRegistered = true;
  const { register } = await import('tsx/esm/api');
  register();
}

/**
 * Before the built CLI imports a user's module (a `--module` strategy file, a pipeline plugin):
 * TypeScript through tsx, and `@algotrader/*` resolved to the build's own modules, so the user's
 * code shares the CLI's strategy registry and error classes instead of loading a second copy.
 */
function userImportHook(dir) {
  let ready;
  return () => {
    ready ??= (async () => {
      await registerTsx();
      const { register } = await import('node:module');
      const specifiers = JSON.parse(readFileSync(join(dir, 'packages.json'), 'utf8'));
      const map = Object.fromEntries(
        Object.entries(specifiers).map(([k, v]) => [k, pathToFileURL(join(dir, v)).href]),
      );
      register(pathToFileURL(join(here, 'user-hooks.mjs')).href, { data: { map } });
    })();
    return ready;
  };
}

/** URL of the entry module `name` ('main', 'thread' or 'stages/<app>') to import. */
export async function cliEntry(name) {
  let dir;
  try {
    const b = await import('./build.mjs');
    dir = b.currentBuild() ?? (await b.build());
  } catch (e) {
    if (name !== 'thread') {
      process.stderr.write(`note: running from the TypeScript sources (no build: ${e?.message ?? e})\n`);
    }
  }
  if (dir) {
    // Node 22+ keeps V8's compiled code of the build between runs (Node 20 has no such cache).
    const { enableCompileCache } = await import('node:module');
    enableCompileCache?.(join(dir, '.compile-cache'));
    globalThis[USER_IMPORT] = userImportHook(dir);
    globalThis[BUILD_DIR] = dir;
    return pathToFileURL(join(dir, `${name}.mjs`)).href;
  }
  await registerTsx();
  return new URL(source(name), import.meta.url).href;
}
