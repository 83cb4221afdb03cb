#!/usr/bin/env node
// Runs the CLI in this very process (no child): Ctrl-C and SIGTERM reach the CLI's own handlers,
// which stop everything `up` started. It runs the plain-JavaScript build of the sources
// (apps/cli/bin/build.mjs: built here first when the sources changed since the last one), and falls
// back to the TypeScript through tsx's loader only when no build can be made.
import { cliEntry } from './entry.mjs';

await import(await cliEntry('main'));
