import { describe, expect, test } from 'vitest';
import { Coalescer, type Notification } from './coalescer';
import { Outbox, TokenBucket } from './outbox';
import type { SendOptions, Transport } from './transport';

const quiet = { warn() {}, error() {} };

function note(key: string, text: string, silent = false): Notification {
  return { kind: 'alert.critical', key, silent, message: { title: `title ${key}`, html: text } };
}

class FakeTransport implements Transport {
  readonly name = 'fake';
  readonly sent: { text: string; silent: boolean }[] = [];
  failures = 0;
  delayMs = 0;
  async send(text: string, opts: SendOptions): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('boom');
    }
    this.sent.push({ text, silent: opts.silent });
  }
}

describe('Coalescer', () => {
  test('the first event of a key goes out at once; the rest of the window becomes one "N×" message', () => {
    let now = 0;
    const c = new Coalescer(1_000, () => now);
    expect(c.offer(note('k', 'first'))).toBeDefined();
    for (let i = 0; i < 9; i++) expect(c.offer(note('k', `more ${i}`))).toBeUndefined();
    expect(c.offer(note('other', 'x'))).toBeDefined();
    expect(c.due()).toEqual([]);
    now = 1_000;
    const [summary, ...rest] = c.due();
    expect(rest).toEqual([]);
    expect(summary?.message.html).toContain('<b>10×</b>');
    expect(summary?.message.html).toContain('more 8');
    expect(c.suppressed).toBe(9);
    // The window closed: the next event of that key is sent at once again.
    expect(c.offer(note('k', 'again'))).toBeDefined();
  });

  test('a window that saw a single event closes without a second message', () => {
    let now = 0;
    const c = new Coalescer(1_000, () => now);
    c.offer(note('k', 'only'));
    now = 5_000;
    expect(c.due()).toEqual([]);
    expect(c.openWindows).toBe(0);
  });

  test('window 0 turns coalescing off', () => {
    const c = new Coalescer(0, () => 0);
    for (let i = 0; i < 3; i++) expect(c.offer(note('k', 'x'))).toBeDefined();
  });
});

describe('TokenBucket', () => {
  test('allows the burst, then one token per 60000/perMinute ms', () => {
    let now = 0;
    const b = new TokenBucket(60, 3, () => now);
    expect([b.take(), b.take(), b.take()]).toEqual([0, 0, 0]);
    expect(b.take()).toBe(1_000);
    now = 999;
    expect(b.take()).toBe(1);
    now = 1_000;
    expect(b.take()).toBe(0);
    now = 100_000;
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([0, 0, 0, 1_000]);
  });
});

describe('Outbox', () => {
  test('push never blocks: a full queue drops the oldest, counts it, and the next message says so', async () => {
    const t = new FakeTransport();
    t.delayMs = 20;
    const box = new Outbox({
      transport: t,
      queueMax: 10,
      messagesPerMinute: 600,
      burst: 1,
      now: () => performance.now(),
      log: quiet,
    });
    for (let i = 1; i <= 100; i++) box.push(note(`k${i}`, `message ${i}`));
    // push returned 100 times while the first send was still in flight: nothing waited for delivery.
    expect(t.sent).toHaveLength(0);
    expect(box.queued).toBe(10);
    await box.idle();
    expect(box.stats.dropped).toBe(89);
    // The first went alone (the pump started with it), the ten newest were joined into one.
    expect(t.sent).toHaveLength(2);
    expect(t.sent[0]!.text).toBe('message 1');
    expect(t.sent[1]!.text).toContain('<b>89</b> older notifications dropped');
    expect(t.sent[1]!.text).toContain('message 91');
    expect(t.sent[1]!.text).toContain('message 100');
    expect(t.sent[1]!.text).not.toContain('message 90\n');
    expect(box.stats.delivered).toBe(11);
  });

  test('messages are paced by the token bucket', async () => {
    const t = new FakeTransport();
    t.delayMs = 1;
    const box = new Outbox({
      transport: t,
      queueMax: 100,
      messagesPerMinute: 1_200,
      burst: 1,
      now: () => performance.now(),
      log: quiet,
      maxChars: 10,
    });
    const t0 = performance.now();
    for (let i = 0; i < 4; i++) box.push(note(`k${i}`, `m${i}-long!`));
    await box.idle();
    // maxChars keeps them apart: 4 sends, 3 of them waiting 50 ms for a token.
    expect(t.sent.map((s) => s.text)).toEqual(['m0-long!', 'm1-long!', 'm2-long!', 'm3-long!']);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  test('a joined message is silent only when every part is', async () => {
    const t = new FakeTransport();
    t.delayMs = 5;
    const box = new Outbox({
      transport: t,
      queueMax: 100,
      messagesPerMinute: 6_000,
      burst: 10,
      now: () => performance.now(),
      log: quiet,
    });
    box.push(note('a', 'first', true));
    box.push(note('b', 'silent', true));
    box.push(note('c', 'loud', false));
    await box.idle();
    expect(t.sent).toEqual([
      { text: 'first', silent: true },
      { text: 'silent\n\nloud', silent: false },
    ]);
  });

  test('a failing transport is retried, then the message is counted as failed', async () => {
    const t = new FakeTransport();
    t.failures = 1;
    const box = new Outbox({
      transport: t,
      queueMax: 10,
      messagesPerMinute: 6_000,
      burst: 10,
      now: () => performance.now(),
      log: quiet,
      retryDelayMs: 10,
    });
    box.push(note('a', 'survives one failure'));
    await box.idle();
    expect(t.sent.map((s) => s.text)).toEqual(['survives one failure']);
    t.failures = 3;
    box.push(note('b', 'lost'));
    await box.idle();
    expect(box.stats.failed).toBe(1);
    expect(box.stats.delivered).toBe(1);
  });
});
