import { describe, expect, test } from 'vitest';
import { parse, UsageError } from './args';
import { formatAge } from './commands/status';

const USAGE = 'usage: algotrader x [--config FILE] [--quiet]';
const OPTIONS = { config: { type: 'string' }, quiet: { type: 'boolean' } } as const;

function usageError(argv: string[]): string {
  try {
    parse(argv, OPTIONS, USAGE);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`parse accepted ${argv.join(' ')}`);
}

describe('CLI flag errors', () => {
  test.each([
    [['--bogus'], 'unknown option --bogus'],
    [['-x'], 'unknown option -x'],
    [['--config'], '--config needs a value'],
    [['--quiet=yes'], '--quiet takes no value'],
  ])('%j is one clean line, then the usage', (argv, line) => {
    // Not Node's parseArgs wording (which explains `--` positionals to every typo).
    expect(usageError(argv)).toBe(`${line}\n\n${USAGE}`);
  });

  test('good flags parse', () => {
    expect(parse(['--config', 'a.json', '--quiet', 'pos'], OPTIONS, USAGE)).toMatchObject({
      values: { config: 'a.json', quiet: true },
      positionals: ['pos'],
    });
  });
});

describe('status ages', () => {
  test('a heartbeat stamped slightly in the future is "0 s ago", never "-0 s ago"', () => {
    expect(formatAge(-300)).toBe('0 s ago');
    expect(formatAge(-2_000)).toBe('0 s ago');
    expect(formatAge(400)).toBe('0 s ago');
    expect(formatAge(12_400)).toBe('12 s ago');
    expect(formatAge(5 * 60_000)).toBe('5 min ago');
    expect(formatAge(3 * 3_600_000)).toBe('3 h ago');
    expect(formatAge(undefined)).toBe('never');
  });
});
