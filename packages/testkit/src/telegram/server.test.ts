import { afterEach, describe, expect, test } from 'vitest';
import { checkTelegramHtml } from './html';
import { TelegramServer } from './server';

const servers: TelegramServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function start(): Promise<TelegramServer> {
  const s = await TelegramServer.start();
  servers.push(s);
  return s;
}

interface ApiBody {
  ok: boolean;
  error_code?: number;
  description?: string;
  parameters?: unknown;
  result?: unknown;
}

type Updates = { update_id: number; message: Record<string, unknown> }[];

async function call(s: TelegramServer, method: string, payload: unknown = {}, token = s.token) {
  const res = await fetch(`${s.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as ApiBody };
}

describe('local Telegram Bot API server', () => {
  test('a wrong token is 401 and an unknown method 404, in the Bot API error shape', async () => {
    const s = await start();
    expect(await call(s, 'getMe', {}, '1:wrong')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect((await call(s, 'sendTelepathy')).body).toMatchObject({ ok: false, error_code: 404 });
    expect((await call(s, 'getme')).body.result).toMatchObject({ is_bot: true, username: s.botUsername });
  });

  test('getUpdates holds the request until a message is pushed, and an offset confirms updates', async () => {
    const s = await start();
    const t0 = Date.now();
    const pending = call(s, 'getUpdates', { timeout: 10 });
    await new Promise((r) => setTimeout(r, 100));
    const id = s.pushMessage(1001, '/pause sma_cross');
    const { body } = await pending;
    expect(Date.now() - t0).toBeLessThan(5_000);
    const updates = body.result as Updates;
    expect(updates).toHaveLength(1);
    const message = updates[0]!.message;
    expect(updates[0]!.update_id).toBe(id);
    expect(message.chat).toMatchObject({ id: 1001, type: 'private' });
    expect(message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    // Without a higher offset the update is delivered again; with one it is gone.
    expect((await call(s, 'getUpdates', { offset: id })).body.result).toHaveLength(1);
    expect((await call(s, 'getUpdates', { offset: id + 1 })).body.result).toHaveLength(0);
    expect(s.pendingUpdates).toBe(0);
  });

  test('an empty long poll ends after its timeout with no updates', async () => {
    const s = await start();
    const t0 = Date.now();
    expect((await call(s, 'getUpdates', { timeout: 1 })).body).toEqual({ ok: true, result: [] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  test('a second getUpdates ends the pending one with 409, as Telegram does', async () => {
    const s = await start();
    const first = call(s, 'getUpdates', { timeout: 10 });
    await new Promise((r) => setTimeout(r, 50));
    const second = call(s, 'getUpdates', { timeout: 0 });
    expect((await first).body).toMatchObject({ ok: false, error_code: 409 });
    expect((await second).body.ok).toBe(true);
  });

  test('sendMessage validates HTML like Telegram and records what the user would see', async () => {
    const s = await start();
    const ok = await call(s, 'sendMessage', {
      chat_id: 5,
      text: '<b>1 &lt; 2</b> &amp; ok',
      parse_mode: 'HTML',
      disable_notification: true,
    });
    expect(ok.body.result).toMatchObject({ message_id: 1, chat: { id: 5 }, text: '1 < 2 & ok' });
    expect(s.sentTo(5)[0]).toMatchObject({ plain: '1 < 2 & ok', silent: true, parseMode: 'HTML' });
    const bad = await call(s, 'sendMessage', { chat_id: 5, text: 'a < b', parse_mode: 'HTML' });
    expect(bad.body).toMatchObject({ ok: false, error_code: 400 });
    expect(bad.body.description).toMatch(/^Bad Request: can't parse entities/);
    expect((await call(s, 'sendMessage', { chat_id: 5, text: 'x'.repeat(4097) })).body.description).toBe(
      'Bad Request: message is too long',
    );
    expect(s.sent).toHaveLength(1);
  });

  test('injected faults answer with retry_after, then the method works again', async () => {
    const s = await start();
    s.fail({
      method: 'sendMessage',
      errorCode: 429,
      description: 'Too Many Requests: retry after 3',
      retryAfter: 3,
    });
    expect((await call(s, 'sendMessage', { chat_id: 1, text: 'a' })).body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    });
    expect((await call(s, 'sendMessage', { chat_id: 1, text: 'a' })).body.ok).toBe(true);
  });

  test('the HTML checker rejects what Telegram rejects', () => {
    expect(checkTelegramHtml('<b>x</i>').ok).toBe(false);
    expect(checkTelegramHtml('<b>x').ok).toBe(false);
    expect(checkTelegramHtml('<div>x</div>').ok).toBe(false);
    expect(checkTelegramHtml('fish & chips').ok).toBe(false);
    expect(checkTelegramHtml('<a href="https://x.y/?a=1&amp;b=2">l</a> &#128512;')).toEqual({
      ok: true,
      plain: 'l 😀',
    });
  });
});
