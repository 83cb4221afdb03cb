import type { Logger } from '@algotrader/core/node';
import { type Api, Bot, type Context, GrammyError } from 'grammy';
import { COMMANDS, type CommandName, type Commands } from './commands';
import { clip, h, truncateLines } from './html';
import type { ExtraCommand } from './manual-commands';
import type { SendOptions, Transport } from './transport';

const MAX_MESSAGE = 4000;

/** Sends every message to each allowlisted chat; a 429 is waited out (Telegram says how long). */
export class TelegramTransport implements Transport {
  readonly name = 'telegram';
  readonly #api: Api;
  readonly #chats: readonly number[];
  readonly #log: Logger;

  constructor(api: Api, chats: readonly number[], log: Logger) {
    this.#api = api;
    this.#chats = chats;
    this.#log = log;
  }

  async send(text: string, opts: SendOptions): Promise<void> {
    if (this.#chats.length === 0) throw new Error('no recipients: TELEGRAM_ALLOWED_CHAT_IDS is empty');
    let delivered = 0;
    let lastError: unknown;
    for (const chatId of this.#chats) {
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          await this.#api.sendMessage(chatId, truncateLines(text, MAX_MESSAGE), {
            parse_mode: 'HTML',
            disable_notification: opts.silent,
            link_preview_options: { is_disabled: true },
          });
          delivered += 1;
          break;
        } catch (e) {
          const retryAfterS =
            e instanceof GrammyError && e.error_code === 429 ? e.parameters.retry_after : undefined;
          if (retryAfterS !== undefined && attempt < 3) {
            this.#log.warn({ chatId, retryAfterS }, 'telegram rate limit, waiting');
            await new Promise((r) => setTimeout(r, Math.min(retryAfterS, 60) * 1000));
            continue;
          }
          lastError = e;
          this.#log.warn({ chatId, err: (e as Error).message }, 'telegram sendMessage failed');
          break;
        }
      }
    }
    // Delivered to someone: not retried, so the chats that got it do not get it twice.
    if (delivered === 0) throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }
}

export interface TelegramBotOptions {
  readonly token: string;
  readonly apiRoot?: string | undefined;
  readonly allowedChatIds: readonly number[];
  readonly commands: Commands;
  readonly log: Logger;
  readonly pollTimeoutS: number;
  /** How long `getMe` may take at start-up, ms (default 30 s). */
  readonly initTimeoutMs?: number;
  /** Called for each command run, and for each update ignored because its chat is not allowlisted. */
  readonly onCommand?: () => void;
  readonly onIgnored?: () => void;
  /** Commands beside COMMANDS (e.g. the manual fill reports), same allowlist and reply path. */
  readonly extraCommands?: readonly ExtraCommand[];
}

export interface TelegramBot {
  readonly transport: Transport;
  readonly username: string;
  stop(): Promise<void>;
}

/**
 * Starts the bot: `getMe` (a bad token fails here, at start-up), the command menu, then long polling.
 * Only allowlisted chats reach the commands; any other chat gets no answer, only a log line.
 */
export async function startTelegramBot(o: TelegramBotOptions): Promise<TelegramBot> {
  const bot = new Bot(o.token, o.apiRoot ? { client: { apiRoot: o.apiRoot } } : {});
  // grammy retries getMe on network errors without end; a bound turns "unreachable" into a failed start.
  // (grammy's Node typings name the abort-controller shim's AbortSignal; node-fetch takes the native one.)
  const initTimeoutMs = o.initTimeoutMs ?? 30_000;
  try {
    await bot.init(AbortSignal.timeout(initTimeoutMs) as unknown as Parameters<Bot['init']>[0]);
  } catch (e) {
    // The token is part of the URL: name the API root only.
    throw new Error(
      `Telegram getMe at ${o.apiRoot ?? 'https://api.telegram.org'} failed within ${initTimeoutMs} ms: ${(e as Error).message}`,
      { cause: e },
    );
  }
  try {
    await bot.api.setMyCommands(
      [...COMMANDS, ...(o.extraCommands ?? [])].map((c) => ({
        command: c.command,
        description: c.description,
      })),
    );
  } catch (e) {
    o.log.warn({ err: (e as Error).message }, 'telegram setMyCommands failed; commands still work');
  }
  const allowed = new Set(o.allowedChatIds);
  const username = bot.botInfo.username;

  bot.use(async (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (chatId !== undefined && allowed.has(chatId)) return next();
    o.onIgnored?.();
    o.log.warn(
      {
        chatId,
        fromId: ctx.from?.id,
        fromUsername: ctx.from?.username,
        updateId: ctx.update.update_id,
        text: clip(ctx.msg?.text ?? '', 80),
      },
      'telegram update from a chat not on the allowlist ignored',
    );
  });

  const run = async (ctx: Context, name: CommandName | ExtraCommand, args: string) => {
    const chatId = ctx.chat!.id;
    const updateId = ctx.update.update_id;
    const command = typeof name === 'string' ? name : name.command;
    const log = o.log.child({ correlationId: `ctl:telegram:${updateId}`, chatId, command });
    o.onCommand?.();
    let reply: string;
    try {
      reply =
        typeof name === 'string'
          ? await o.commands.run(name, args, { chatId, updateId })
          : await name.run(args, { chatId, updateId });
      log.info({ args: clip(args, 80) }, 'telegram command');
    } catch (e) {
      log.error({ err: (e as Error).message }, 'telegram command failed');
      reply = `❌ /${command} failed: ${h((e as Error).message)}`;
    }
    await ctx.reply(truncateLines(reply, MAX_MESSAGE), {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id } } : {}),
    });
  };

  for (const c of COMMANDS) {
    bot.command(c.command, (ctx) => run(ctx, c.command, typeof ctx.match === 'string' ? ctx.match : ''));
  }
  for (const c of o.extraCommands ?? []) {
    bot.command(c.command, (ctx) => run(ctx, c, typeof ctx.match === 'string' ? ctx.match : ''));
  }
  bot.command('start', (ctx) => run(ctx, 'help', ''));
  bot.on('message:text', async (ctx) => {
    // An unknown command addressed to this bot (or to no bot in particular) gets the command list.
    const m = /^\/[A-Za-z0-9_]+(?:@(\S+))?/.exec(ctx.message.text);
    if (m && (m[1] === undefined || m[1].toLowerCase() === username.toLowerCase()))
      await run(ctx, 'help', '');
  });

  bot.catch((err) => {
    o.log.error(
      { updateId: err.ctx.update.update_id, err: (err.error as Error)?.message ?? String(err.error) },
      'telegram update handling failed',
    );
  });

  let markStarted: () => void = () => {};
  const started = new Promise<void>((r) => {
    markStarted = r;
  });
  const polling = bot
    .start({ timeout: o.pollTimeoutS, allowed_updates: ['message'], onStart: () => markStarted() })
    .catch((e: unknown) => {
      o.log.error({ err: (e as Error).message }, 'telegram polling stopped');
    });
  await Promise.race([started, polling]);
  o.log.info({ bot: username, chats: o.allowedChatIds.length }, 'telegram bot polling');

  return {
    transport: new TelegramTransport(bot.api, o.allowedChatIds, o.log),
    username,
    stop: async () => {
      if (bot.isRunning()) {
        await bot.stop().catch((e: unknown) => {
          o.log.warn({ err: (e as Error).message }, 'telegram stop: could not confirm the last update');
        });
      }
      await polling;
    },
  };
}
