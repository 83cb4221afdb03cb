// The CLI (and the live stages) as plain JavaScript: one esbuild bundle of the workspace sources,
// code-split so each command's modules (and ccxt, DuckDB, grammy behind them) load only when that
// command runs. Node then starts it without tsx: `algotrader --help` costs a few tens of ms of CPU
// instead of half a second for tsx's loader alone.
//
// A build lives in apps/cli/dist/<fingerprint>/, where the fingerprint hashes the path, size and
// modification time of every source file that goes into it. So a build is never stale: after an edit
// the fingerprint changes and the next `algotrader` run builds again (about a second) before it
// starts. Builds go to a temporary directory renamed into place, so CLIs started at the same moment
// never see half a build, and a build already in use is never overwritten.
//
// `node apps/cli/bin/build.mjs` (`npm run build`) builds now and prints where.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
const distRoot = resolve(here, '../dist');

/**
 * CommonJS packages loaded with `require` (through a one-line CommonJS shim in the bundle) instead of
 * an ESM `import`: for an import Node lexes the package's every re-exported file to find its named
 * exports, which for DuckDB's node-api (~90 files) costs ~180 ms of CPU per process, as much again
 * as loading it. The module is the same file either way, so behaviour is unchanged.
 */
const REQUIRED = new Set(['@duckdb/node-api']);

/** Service stages bundled beside the CLI (apps/<name>/src/main.ts). */
function stageNames() {
  return readdirSync(join(repoRoot, 'apps'), { withFileTypes: true })
    .filter(
      (d) =>
        d.isDirectory() && d.name !== 'cli' && existsSync(join(repoRoot, 'apps', d.name, 'src', 'main.ts')),
    )
    .map((d) => d.name)
    .sort();
}

function workspacePackages() {
  return readdirSync(join(repoRoot, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(repoRoot, 'packages', d.name, 'package.json')))
    .map((d) => d.name)
    .sort();
}

/** Source files of a directory tree, tests left out (they are never bundled). */
function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') walk(p, out);
    } else if (!e.name.endsWith('.test.ts')) {
      out.push(p);
    }
  }
}

/** Hash of every input's path, size and mtime (and of where the repository is: builds hold absolute paths). */
export function fingerprint() {
  const files = [
    join(repoRoot, 'package-lock.json'),
    fileURLToPath(import.meta.url),
    join(repoRoot, 'apps', 'cli', 'package.json'),
  ];
  walk(join(repoRoot, 'apps', 'cli', 'src'), files);
  for (const s of stageNames()) {
    files.push(join(repoRoot, 'apps', s, 'package.json'));
    walk(join(repoRoot, 'apps', s, 'src'), files);
  }
  for (const p of workspacePackages()) {
    files.push(join(repoRoot, 'packages', p, 'package.json'));
    walk(join(repoRoot, 'packages', p, 'src'), files);
  }
  const h = createHash('sha1');
  h.update(`${repoRoot}\n${process.version.split('.')[0]}\n`);
  for (const f of files) {
    let st;
    try {
      st = statSync(f);
    } catch {
      continue;
    }
    h.update(`${relative(repoRoot, f)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

/** The up-to-date build's directory, or undefined when there is none yet. */
export function currentBuild() {
  const dir = join(distRoot, fingerprint());
  return existsSync(join(dir, 'ok')) ? dir : undefined;
}

/** `@algotrader/<pkg>[/<sub>]` → output name under pkg/, for every workspace package export. */
function packageEntries() {
  const entries = {};
  const specifiers = {};
  for (const p of workspacePackages()) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', p, 'package.json'), 'utf8'));
    const exp = typeof manifest.exports === 'string' ? { '.': manifest.exports } : (manifest.exports ?? {});
    for (const [sub, target] of Object.entries(exp)) {
      if (typeof target !== 'string' || !target.endsWith('.ts')) continue;
      const out = `pkg/${p}${sub === '.' ? '' : `__${sub.slice(2).replaceAll('/', '__')}`}`;
      entries[out] = join(repoRoot, 'packages', p, target);
      specifiers[`${manifest.name}${sub === '.' ? '' : sub.slice(1)}`] = `${out}.mjs`;
    }
  }
  return { entries, specifiers };
}

/**
 * Builds into dist/<fingerprint>/ (unless another process just did) and returns that directory.
 * Old builds are removed once three newer ones exist and they are an hour old (a long-running
 * process may still load chunks from its own).
 */
export async function build({ log = () => {} } = {}) {
  const id = fingerprint();
  const dir = join(distRoot, id);
  if (existsSync(join(dir, 'ok'))) return dir;
  const { build: esbuild } = await import('esbuild');
  const started = performance.now();
  const tmp = join(distRoot, `.tmp-${id}-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  const { entries, specifiers } = packageEntries();
  const entryPoints = {
    main: join(repoRoot, 'apps', 'cli', 'src', 'main.ts'),
    thread: join(repoRoot, 'apps', 'cli', 'src', 'sweep', 'thread.ts'),
    ...entries,
  };
  for (const s of stageNames()) entryPoints[`stages/${s}`] = join(repoRoot, 'apps', s, 'src', 'main.ts');
  const rootModules = join(repoRoot, 'node_modules') + sep;
  try {
    await esbuild({
      absWorkingDir: repoRoot,
      entryPoints,
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      sourcemap: 'linked',
      logLevel: 'error',
      plugins: [
        {
          // Every npm package stays outside the bundle and loads from node_modules as it would
          // from the sources; one installed below an app (ccxt) is imported by its file URL.
          name: 'externals',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, async (args) => {
              if (args.path.startsWith('@algotrader/') || args.pluginData === 'inner') return undefined;
              if (args.path.startsWith('node:')) return { path: args.path, external: true };
              const r = await b.resolve(args.path, {
                kind: args.kind,
                resolveDir: args.resolveDir,
                importer: args.importer,
                pluginData: 'inner',
              });
              if (r.errors.length > 0 || !r.path) return { path: args.path, external: true };
              if (REQUIRED.has(args.path)) return { path: r.path, namespace: 'required' };
              if (r.path.startsWith(rootModules) || !r.path.includes(`${sep}node_modules${sep}`)) {
                return { path: args.path, external: true };
              }
              return { path: pathToFileURL(r.path).href, external: true };
            });
            b.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({
              loader: 'js',
              contents: `module.exports = process.getBuiltinModule('node:module').createRequire(${JSON.stringify(args.path)})(${JSON.stringify(args.path)});\n`,
            }));
          },
        },
        {
          // Paths computed from a module's own location (the repository root, parent-watch.mjs,
          // the tearsheet's client script, the demo pipeline) keep pointing at the sources.
          name: 'import-meta',
          setup(b) {
            b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
              if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
              const text = readFileSync(args.path, 'utf8');
              if (!text.includes('import.meta.')) return undefined;
              const url = pathToFileURL(args.path).href;
              return {
                loader: 'ts',
                contents: text
                  .replaceAll('import.meta.url', JSON.stringify(url))
                  .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
                  .replaceAll('import.meta.filename', JSON.stringify(args.path)),
              };
            });
          },
        },
      ],
    });
    writeFileSync(join(tmp, 'packages.json'), `${JSON.stringify(specifiers, null, 2)}\n`);
    writeFileSync(join(tmp, 'ok'), `${new Date().toISOString()}\n`);
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another process finished the same build first: use theirs.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(join(dir, 'ok'))) throw e;
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  log(`built ${relative(repoRoot, dir)} in ${Math.round(performance.now() - started)} ms`);
  prune(dir);
  return dir;
}

function prune(keep) {
  const hourAgo = Date.now() - 3_600_000;
  let dirs;
  try {
    dirs = readdirSync(distRoot, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => {
        const p = join(distRoot, d.name);
        return { p, t: statSync(p).mtimeMs, tmp: d.name.startsWith('.tmp-') };
      })
      .sort((a, b) => b.t - a.t);
  } catch {
    return;
  }
  let kept = 0;
  for (const d of dirs) {
    if (d.p === keep) continue;
    if (!d.tmp && kept < 3) {
      kept++;
      continue;
    }
    if (d.t < hourAgo) rmSync(d.p, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = await build({ log: (m) => console.log(m) });
  console.log(`CLI build up to date: ${relative(repoRoot, dir)}`);
}
