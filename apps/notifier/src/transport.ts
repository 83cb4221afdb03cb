import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '@algotrader/core';
import { htmlToPlain } from './html';

export interface SendOptions {
  /** Deliver without a sound (Telegram `disable_notification`). */
  readonly silent: boolean;
}

/**
 * Where messages go. `text` is Telegram HTML (see html.ts); a transport that cannot show markup
 * renders it as plain text. `send` resolves once the message is delivered and throws when it could
 * not be delivered to anyone.
 */
export interface Transport {
  readonly name: string;
  send(text: string, opts: SendOptions): Promise<void>;
}

export interface ConsoleFileOptions {
  /** File the messages are appended to; rotated to `<file>.1` beyond `maxBytes`. */
  readonly file: string;
  readonly maxBytes: number;
  /** Console stream. Default stderr: stdout carries the JSON logs, and must stay parseable. */
  readonly console?: NodeJS.WritableStream;
  readonly clock: Clock;
}

/** The transport without a bot token: the same messages, as plain text, on the console and in a file. */
export class ConsoleFileTransport implements Transport {
  readonly name = 'console+file';
  readonly #opts: ConsoleFileOptions;
  readonly #console: NodeJS.WritableStream;
  #size: number | undefined;

  constructor(opts: ConsoleFileOptions) {
    this.#opts = opts;
    this.#console = opts.console ?? process.stderr;
  }

  async send(text: string, opts: SendOptions): Promise<void> {
    const stamp = new Date(this.#opts.clock.now()).toISOString();
    const body = htmlToPlain(text).replace(/\n/g, '\n    ');
    const line = `${stamp} ${opts.silent ? '[silent]' : '[notify]'} ${body}\n`;
    this.#console.write(line);
    await this.#append(line);
  }

  async #append(line: string): Promise<void> {
    const bytes = Buffer.byteLength(line);
    if (this.#size === undefined) {
      await mkdir(dirname(this.#opts.file), { recursive: true });
      this.#size = await stat(this.#opts.file).then(
        (s) => s.size,
        () => 0,
      );
    }
    if (this.#size > 0 && this.#size + bytes > this.#opts.maxBytes) {
      // One old generation is kept: the file never takes more than twice maxBytes.
      await rename(this.#opts.file, `${this.#opts.file}.1`);
      this.#size = 0;
    }
    await appendFile(this.#opts.file, line);
    this.#size += bytes;
  }
}
