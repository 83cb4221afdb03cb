// Worker-thread bootstrap. Node 20 ignores ESM loader flags given to a Worker through execArgv
// (nodejs/node#47747), so `new Worker('thread.ts', { execArgv: ['--import', 'tsx'] })` cannot load
// TypeScript: register tsx here, in plain JavaScript, then import the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
