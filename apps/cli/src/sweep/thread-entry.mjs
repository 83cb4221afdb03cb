// Worker-thread bootstrap, in plain JavaScript: the built thread module when the CLI runs from its
// build, else the TypeScript through tsx. (Node 20 ignores ESM loader flags given to a Worker
// through execArgv, nodejs/node#47747, so a thread cannot be started on thread.ts directly.)
import { cliEntry } from '../../bin/entry.mjs';

await import(await cliEntry('thread'));
