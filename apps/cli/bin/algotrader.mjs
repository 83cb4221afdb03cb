#!/usr/bin/env node
// Runs the TypeScript CLI in this very process through tsx's loader (no build step, no child):
// Ctrl-C and SIGTERM reach the CLI's own handlers, which stop everything `up` started.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const here = dirname(fileURLToPath(import.meta.url));
await import(pathToFileURL(join(here, '../src/main.ts')).href);
