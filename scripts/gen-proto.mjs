// Generates the TypeScript-usable protobuf code from proto/ (static ES module + .d.ts), with protobufjs.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const protoDir = join(root, 'proto');
const files = readdirSync(join(protoDir, 'algotrader/v1'))
  .filter((f) => f.endsWith('.proto'))
  .sort()
  .map((f) => join(protoDir, 'algotrader/v1', f));
const out = join(root, 'packages/proto/src/gen/algotrader.js');
const bin = join(root, 'node_modules/.bin');
execFileSync(
  join(bin, 'pbjs'),
  [
    '-t',
    'static-module',
    '-w',
    'es6',
    '--force-number',
    '--no-beautify',
    '-p',
    protoDir,
    '-o',
    out,
    ...files,
  ],
  { stdio: 'inherit', cwd: protoDir },
);
execFileSync(join(bin, 'pbts'), ['--no-comments', '-o', out.replace(/\.js$/, '.d.ts'), out], {
  stdio: 'inherit',
});
console.log(`generated ${out} (+ .d.ts) from ${files.length} files`);
