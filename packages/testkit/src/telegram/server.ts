import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http';
import { checkTelegramHtml } from './html';

/**
 * A local stand-in for the Telegram Bot API (https://core.telegram.org/bots/api), answering with the
 * real response shapes so that grammy's `Bot` talks to it unmodified: point
 * `new Bot(token, { client: { apiRoot: server.apiRoot } })` at it.
 *
 * What it models, because the notifier depends on it:
 * - `POST|GET /bot<token>/<method>` with a JSON, form-encoded or query-string payload; a wrong token
 *   is `401 Unauthorized`, an unknown method `404 Not Found`; method names are case-insensitive;
 * - `getUpdates` long polling: updates with `update_id >= offset` (those below are confirmed and
 *   forgotten), at most `limit` (1–100, default 100); with none queued the request is held for up to
 *   `timeout` seconds and answered as soon as {@link TelegramServer.pushMessage} queues one; a second
 *   `getUpdates` ends a pending one with `409 Conflict`, as Telegram does; with a webhook set it is 409;
 * - `sendMessage` with `parse_mode: "HTML"` is validated like Telegram (supported tags, nesting,
 *   entities, 4096 characters after parsing, not empty) and answered with a `Message`;
 * - `getMe`, `deleteWebhook` (with `drop_pending_updates`), `setWebhook`, `getWebhookInfo`,
 *   `setMyCommands` / `getMyCommands` / `deleteMyCommands`, `sendChatAction`, `editMessageText`;
 * - injected failures ({@link TelegramServer.fail}) such as `429 Too Many Requests` with `retry_after`.
 */

export interface TelegramServerOptions {
  /** The bot token the server accepts. Default `123456789:TEST-token`. */
  readonly token?: string;
  readonly botUsername?: string;
  readonly botFirstName?: string;
  /** Upper bound on how long a `getUpdates` is held, s. Telegram's own bound is 50. */
  readonly maxPollSeconds?: number;
}

/** A message the bot sent, as recorded by the server. */
export interface SentMessage {
  readonly chatId: number | string;
  /** The text exactly as the bot sent it (with HTML markup, if any). */
  readonly text: string;
  /** What the user sees: markup removed and entities decoded (for `parse_mode: "HTML"`). */
  readonly plain: string;
  readonly parseMode: string | undefined;
  /** `disable_notification`: delivered without a sound. */
  readonly silent: boolean;
  readonly replyToMessageId: number | undefined;
  readonly messageId: number;
  readonly atMs: number;
}

export interface TelegramCall {
  readonly method: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** HTTP status answered. */
  readonly status: number;
  readonly atMs: number;
}

export interface TelegramFault {
  /** Method the fault applies to, e.g. `sendMessage`. */
  readonly method: string;
  readonly errorCode: number;
  readonly description: string;
  /** Seconds, sent as `parameters.retry_after` (429). */
  readonly retryAfter?: number;
  /** How many calls fail; default 1. */
  readonly times?: number;
}

export interface BotCommandEntry {
  readonly command: string;
  readonly description: string;
}

interface Update {
  update_id: number;
  message: Record<string, unknown>;
}

interface Waiter {
  res: ServerResponse;
  limit: number;
  timer: NodeJS.Timeout;
}

interface ApiError {
  status: number;
  description: string;
  parameters?: Record<string, unknown>;
}

class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.description);
  }
}

const badRequest = (what: string) => new ApiFailure({ status: 400, description: `Bad Request: ${what}` });

/** Bot commands as Telegram detects them in a text: `/name` or `/name@botname`, after start or whitespace. */
const COMMAND_RE = /(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?)/g;

export class TelegramServer {
  readonly token: string;
  readonly port: number;
  /** The value for grammy's `client.apiRoot` (no trailing slash). */
  readonly apiRoot: string;
  readonly botId: number;
  readonly botUsername: string;
  readonly #server: Server;
  readonly #maxPollSeconds: number;
  readonly #botFirstName: string;
  readonly #updates: Update[] = [];
  readonly #sent: SentMessage[] = [];
  readonly #calls: TelegramCall[] = [];
  readonly #faults: { fault: TelegramFault; left: number }[] = [];
  readonly #messageIds = new Map<string, number>();
  #waiter: Waiter | undefined;
  #nextUpdateId = 100_000_001;
  #webhookUrl = '';
  #commands: BotCommandEntry[] = [];
  #sentListeners: (() => void)[] = [];

  private constructor(server: Server, port: number, opts: TelegramServerOptions) {
    this.#server = server;
    this.port = port;
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.token = opts.token ?? '123456789:TEST-token';
    this.botId = Number(this.token.split(':')[0]) || 123456789;
    this.botUsername = opts.botUsername ?? 'algotrader_test_bot';
    this.#botFirstName = opts.botFirstName ?? 'AlgoTrader Test';
    this.#maxPollSeconds = opts.maxPollSeconds ?? 50;
  }

  /** Starts on a free loopback port chosen by the kernel. */
  static async start(opts: TelegramServerOptions = {}): Promise<TelegramServer> {
    let self: TelegramServer | undefined;
    const server = createServer((req, res) => {
      if (!self) {
        res.writeHead(503).end();
        return;
      }
      const srv = self;
      srv.#handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) srv.#reply(res, 'unknown', {}, { status: 500, description: String(e) });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    self = new TelegramServer(server, (server.address() as AddressInfo).port, opts);
    return self;
  }

  /** Everything the bot sent, oldest first. */
  get sent(): readonly SentMessage[] {
    return this.#sent;
  }

  /** Every API call, oldest first (methods in the case the client used). */
  get calls(): readonly TelegramCall[] {
    return this.#calls;
  }

  /** The command list last set with `setMyCommands`. */
  get commands(): readonly BotCommandEntry[] {
    return this.#commands;
  }

  /** Updates queued and not yet confirmed by a later `offset`. */
  get pendingUpdates(): number {
    return this.#updates.length;
  }

  sentTo(chatId: number | string): SentMessage[] {
    return this.#sent.filter((m) => String(m.chatId) === String(chatId));
  }

  /**
   * Queues a text message from a user, as Telegram would deliver it to the bot; commands get
   * `bot_command` entities. Returns the update id.
   */
  pushMessage(
    chatId: number,
    text: string,
    from: { id?: number; username?: string; firstName?: string } = {},
  ): number {
    const entities = [...text.matchAll(COMMAND_RE)].map((m) => ({
      type: 'bot_command',
      offset: m.index + m[1]!.length,
      length: m[2]!.length,
    }));
    const update: Update = {
      update_id: this.#nextUpdateId++,
      message: {
        message_id: this.#nextMessageId(chatId),
        from: {
          id: from.id ?? (chatId > 0 ? chatId : 424242),
          is_bot: false,
          first_name: from.firstName ?? 'Tester',
          ...(from.username ? { username: from.username } : {}),
          language_code: 'en',
        },
        chat: this.#chat(chatId),
        date: Math.floor(Date.now() / 1000),
        text,
        ...(entities.length ? { entities } : {}),
      },
    };
    this.#updates.push(update);
    this.#wake();
    return update.update_id;
  }

  /** Makes the next `times` calls of `method` fail with the given Bot API error. */
  fail(fault: TelegramFault): void {
    this.#faults.push({ fault, left: fault.times ?? 1 });
  }

  /** Resolves with the first sent message matching `predicate` (already sent or still to come). */
  async waitForSent(predicate: (m: SentMessage) => boolean, timeoutMs = 10_000): Promise<SentMessage> {
    const found = () => this.#sent.find(predicate);
    const hit = found();
    if (hit) return hit;
    return new Promise<SentMessage>((resolve, reject) => {
      const listener = () => {
        const m = found();
        if (!m) return;
        clearTimeout(timer);
        this.#sentListeners = this.#sentListeners.filter((l) => l !== listener);
        resolve(m);
      };
      const timer = setTimeout(() => {
        this.#sentListeners = this.#sentListeners.filter((l) => l !== listener);
        const seen = this.#sent.map((m) => `  → ${m.chatId}: ${m.plain.slice(0, 120)}`).join('\n');
        reject(new Error(`no matching message within ${timeoutMs} ms; sent so far:\n${seen || '  (none)'}`));
      }, timeoutMs);
      this.#sentListeners.push(listener);
    });
  }

  async stop(): Promise<void> {
    if (this.#waiter) {
      clearTimeout(this.#waiter.timer);
      this.#waiter = undefined;
    }
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const body = await readBody(req);
    if (!m) {
      this.#reply(res, 'unknown', {}, { status: 404, description: 'Not Found' });
      return;
    }
    const [, token, method] = m as unknown as [string, string, string];
    let payload: Record<string, unknown>;
    try {
      payload = { ...Object.fromEntries(url.searchParams), ...parsePayload(req, body) };
    } catch (e) {
      this.#reply(res, method, {}, (e as ApiFailure).error ?? { status: 400, description: String(e) });
      return;
    }
    if (token !== this.token) {
      this.#reply(res, method, payload, { status: 401, description: 'Unauthorized' });
      return;
    }
    const fault = this.#takeFault(method);
    if (fault) {
      this.#reply(res, method, payload, {
        status: fault.errorCode,
        description: fault.description,
        ...(fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {}),
      });
      return;
    }
    try {
      if (method.toLowerCase() === 'getupdates') {
        this.#getUpdates(res, payload);
        return;
      }
      this.#reply(res, method, payload, undefined, this.#call(method.toLowerCase(), payload));
    } catch (e) {
      if (e instanceof ApiFailure) this.#reply(res, method, payload, e.error);
      else throw e;
    }
  }

  #call(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'getme':
        return {
          id: this.botId,
          is_bot: true,
          first_name: this.#botFirstName,
          username: this.botUsername,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
          can_connect_to_business: false,
          has_main_web_app: false,
        };
      case 'deletewebhook':
        this.#webhookUrl = '';
        if (truthy(p['drop_pending_updates'])) this.#updates.length = 0;
        return true;
      case 'setwebhook':
        if (typeof p['url'] !== 'string') throw badRequest('bad webhook: URL must be provided');
        this.#webhookUrl = p['url'];
        return true;
      case 'getwebhookinfo':
        return {
          url: this.#webhookUrl,
          has_custom_certificate: false,
          pending_update_count: this.#updates.length,
        };
      case 'setmycommands': {
        const commands = jsonField(p['commands']);
        if (!Array.isArray(commands)) throw badRequest('parameter "commands" is required');
        for (const c of commands as { command?: unknown; description?: unknown }[]) {
          if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
            throw badRequest('BOT_COMMAND_INVALID');
          }
          if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
            throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
          }
        }
        this.#commands = (commands as BotCommandEntry[]).map((c) => ({
          command: c.command,
          description: c.description,
        }));
        return true;
      }
      case 'getmycommands':
        return this.#commands;
      case 'deletemycommands':
        this.#commands = [];
        return true;
      case 'sendchataction':
        this.#requireChat(p);
        return true;
      case 'sendmessage':
        return this.#sendMessage(p);
      case 'editmessagetext': {
        const chatId = this.#requireChat(p);
        const text = this.#render(p);
        return { ...this.#message(chatId, Number(p['message_id']), text.plain), edit_date: nowSeconds() };
      }
      case 'close':
      case 'logout':
        return true;
      default:
        throw new ApiFailure({ status: 404, description: 'Not Found' });
    }
  }

  #sendMessage(p: Record<string, unknown>): unknown {
    const chatId = this.#requireChat(p);
    const { plain } = this.#render(p);
    const messageId = this.#nextMessageId(chatId);
    const reply = jsonField(p['reply_parameters']) as { message_id?: number } | undefined;
    const replyTo = reply?.message_id ?? (p['reply_to_message_id'] as number | undefined);
    this.#sent.push({
      chatId,
      text: String(p['text']),
      plain,
      parseMode: typeof p['parse_mode'] === 'string' ? p['parse_mode'] : undefined,
      silent: truthy(p['disable_notification']),
      replyToMessageId: replyTo === undefined ? undefined : Number(replyTo),
      messageId,
      atMs: Date.now(),
    });
    for (const l of [...this.#sentListeners]) l();
    return this.#message(chatId, messageId, plain);
  }

  #render(p: Record<string, unknown>): { plain: string } {
    if (typeof p['text'] !== 'string' && typeof p['text'] !== 'number')
      throw badRequest('message text is empty');
    const text = String(p['text']);
    let plain = text;
    if (typeof p['parse_mode'] === 'string' && p['parse_mode'].toUpperCase() === 'HTML') {
      const check = checkTelegramHtml(text);
      if (!check.ok) throw new ApiFailure({ status: 400, description: check.error! });
      plain = check.plain;
    }
    if (plain.trim() === '') throw badRequest('message text is empty');
    if (plain.length > 4096) throw badRequest('message is too long');
    return { plain };
  }

  #requireChat(p: Record<string, unknown>): number | string {
    const raw = p['chat_id'];
    if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
    if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return Number(raw);
    if (typeof raw === 'string' && raw.startsWith('@')) return raw;
    throw badRequest('chat not found');
  }

  #message(chatId: number | string, messageId: number, text: string): Record<string, unknown> {
    return {
      message_id: messageId,
      from: { id: this.botId, is_bot: true, first_name: this.#botFirstName, username: this.botUsername },
      chat: this.#chat(chatId),
      date: nowSeconds(),
      text,
    };
  }

  #chat(chatId: number | string): Record<string, unknown> {
    if (typeof chatId === 'string') return { id: -1001000000001, type: 'channel', title: chatId.slice(1) };
    if (chatId > 0) return { id: chatId, type: 'private', first_name: 'Tester' };
    return { id: chatId, type: chatId < -1_000_000_000_000 ? 'supergroup' : 'group', title: 'Test group' };
  }

  #nextMessageId(chatId: number | string): number {
    const key = String(chatId);
    const next = (this.#messageIds.get(key) ?? 0) + 1;
    this.#messageIds.set(key, next);
    return next;
  }

  #getUpdates(res: ServerResponse, p: Record<string, unknown>): void {
    if (this.#webhookUrl) {
      this.#reply(res, 'getUpdates', p, {
        status: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
      return;
    }
    const offset = p['offset'] === undefined ? undefined : Number(p['offset']);
    if (offset !== undefined && offset > 0) {
      while (this.#updates.length && this.#updates[0]!.update_id < offset) this.#updates.shift();
    } else if (offset !== undefined && offset < 0) {
      this.#updates.splice(0, Math.max(0, this.#updates.length + offset));
    }
    const limit = Math.min(100, Math.max(1, Number(p['limit'] ?? 100) || 100));
    const timeoutS = Math.min(this.#maxPollSeconds, Math.max(0, Number(p['timeout'] ?? 0) || 0));
    const previous = this.#waiter;
    if (previous) {
      this.#waiter = undefined;
      clearTimeout(previous.timer);
      this.#reply(
        previous.res,
        'getUpdates',
        {},
        {
          status: 409,
          description:
            'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
        },
      );
    }
    if (this.#updates.length || timeoutS === 0) {
      this.#reply(res, 'getUpdates', p, undefined, this.#updates.slice(0, limit));
      return;
    }
    const waiter: Waiter = {
      res,
      limit,
      timer: setTimeout(() => {
        if (this.#waiter !== waiter) return;
        this.#waiter = undefined;
        this.#reply(res, 'getUpdates', p, undefined, []);
      }, timeoutS * 1000),
    };
    this.#waiter = waiter;
    // The client gave up (grammy aborts its poll on bot.stop()): forget the request.
    res.once('close', () => {
      if (this.#waiter !== waiter) return;
      clearTimeout(waiter.timer);
      this.#waiter = undefined;
    });
  }

  #wake(): void {
    const w = this.#waiter;
    if (!w || this.#updates.length === 0) return;
    this.#waiter = undefined;
    clearTimeout(w.timer);
    this.#reply(w.res, 'getUpdates', {}, undefined, this.#updates.slice(0, w.limit));
  }

  #takeFault(method: string): TelegramFault | undefined {
    const i = this.#faults.findIndex((f) => f.fault.method.toLowerCase() === method.toLowerCase());
    if (i < 0) return undefined;
    const f = this.#faults[i]!;
    f.left -= 1;
    if (f.left <= 0) this.#faults.splice(i, 1);
    return f.fault;
  }

  #reply(
    res: ServerResponse,
    method: string,
    payload: Record<string, unknown>,
    error: ApiError | undefined,
    result?: unknown,
  ): void {
    const status = error?.status ?? 200;
    this.#calls.push({ method, payload, status, atMs: Date.now() });
    if (res.writableEnded || res.destroyed) return;
    const body = error
      ? {
          ok: false,
          error_code: error.status,
          description: error.description,
          ...(error.parameters ? { parameters: error.parameters } : {}),
        }
      : { ok: true, result };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

function parsePayload(req: IncomingMessage, body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      throw badRequest('invalid JSON in request body');
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(body));
  throw badRequest(
    `unsupported content type "${type}" (this test server takes JSON and form data, no uploads)`,
  );
}

/** Form-encoded and query-string payloads carry nested objects as JSON text, as Telegram accepts them. */
function jsonField(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === 1 || v === '1';
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
