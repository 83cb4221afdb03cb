import { type ParseArgsConfig, parseArgs } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a sub-command's flags; a bad flag is one clean line naming it, then the command's usage. */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${argsErrorLine(e)}\n\n${usage}`);
  }
}

/**
 * One line for a parseArgs error, instead of Node's wording (which explains `--` positionals to
 * every mistyped flag): `unknown option --x`, `--config needs a value`, `--quiet takes no value`.
 */
export function argsErrorLine(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const message = err.message ?? String(e);
  const quoted = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (quoted && /argument missing/.test(message)) return `${quoted} needs a value`;
      if (quoted && /does not take an argument/.test(message)) return `${quoted} takes no value`;
      return message;
    default:
      return message.split('. ')[0] ?? message;
  }
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function requireString(v: unknown, flag: string, usage: string): string {
  if (typeof v !== 'string' || v === '') throw new UsageError(`missing --${flag}\n\n${usage}`);
  return v;
}
