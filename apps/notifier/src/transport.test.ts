import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SimulatedClock } from '@algotrader/core';
import { afterEach, expect, test } from 'vitest';
import { ConsoleFileTransport } from './transport';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test('the console/file sink writes plain text and keeps the file under its size bound', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notifier-transport-'));
  dirs.push(dir);
  const file = join(dir, 'nested', 'messages.log');
  const out: string[] = [];
  const t = new ConsoleFileTransport({
    file,
    maxBytes: 1_000,
    clock: new SimulatedClock(Date.parse('2026-11-25T00:00:00Z')),
    console: new Writable({
      write(c, _e, cb) {
        out.push(c.toString());
        cb();
      },
    }),
  });
  await t.send('<b>HALTED</b> &lt;main&gt;\nsecond line', { silent: true });
  expect(out.join('')).toBe('2026-11-25T00:00:00.000Z [silent] HALTED <main>\n    second line\n');
  for (let i = 0; i < 50; i++) await t.send(`message ${i} ${'x'.repeat(50)}`, { silent: false });
  expect(statSync(file).size).toBeLessThanOrEqual(1_000);
  expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(1_000);
  expect(readFileSync(file, 'utf8')).toContain('message 49');
});
