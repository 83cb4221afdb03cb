import { type ParseArgsConfig, parseArgs } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a sub-command's flags; unknown flags are an error that names the command's usage. */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`);
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
