import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { createLogger } from './logger';

test('secrets are redacted from log lines wherever they appear', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  const log = createLogger({ service: 'order-router', destination: sink });
  log.info(
    { okx: { apiKey: 'AK-123', secret: 'S3CR3T', password: 'pw' }, token: 'tok', symbol: 'BTC/USDT' },
    'connected',
  );
  log.info({ config: { telegram: { botToken: '123:ABC' } } }, 'config');
  await new Promise((r) => setImmediate(r));
  const out = lines.join('');
  expect(out).toContain('"service":"order-router"');
  expect(out).toContain('BTC/USDT');
  for (const secret of ['AK-123', 'S3CR3T', '"pw"', 'tok"', '123:ABC']) expect(out).not.toContain(secret);
  expect(out).toContain('[redacted]');
});
