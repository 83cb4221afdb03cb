import {
  AlgoError,
  ErrorCode,
  type Instrument,
  parseInstrument,
  parseTimeframe,
  type Timeframe,
} from '@algotrader/core';

/**
 * The collector's own settings, from the environment (next to the shared `Config`). Unknown
 * `COLLECTOR_*` variables are rejected, like unknown config keys.
 */
export interface CollectorSettings {
  /** `COLLECTOR_SYMBOLS`, e.g. `BTC/USDT,ETH/USDT` (venue OKX unless given). */
  readonly symbols: readonly Instrument[];
  /** `COLLECTOR_TIMEFRAMES`, e.g. `15m,1h`. */
  readonly timeframes: readonly Timeframe[];
  /** `COLLECTOR_SINCE`: where a series with nothing stored starts (date or ms); default: last bar only. */
  readonly since: number | undefined;
  /** `COLLECTOR_SETTLE_MS`: wait after a close before asking. Default 3,000. */
  readonly settleMs: number;
  /** `COLLECTOR_BARSET_TIMEOUT_MS`: give up on missing symbols this long after the close. Default 60,000. */
  readonly barSetTimeoutMs: number;
  /** `COLLECTOR_POLL_MS`: between asks for bars not in yet. Default 5,000. */
  readonly pollMs: number;
  /** `COLLECTOR_ARCHIVER`: run the archiver consumer in this process. Default true. */
  readonly archiver: boolean;
  /**
   * `COLLECTOR_METRICS_INTERVAL_MS`: write every collector measurement this often, besides at each
   * cycle's end (so ages move between closes). 0 = only at cycle ends. Default 60,000.
   */
  readonly metricsIntervalMs: number;
  /** `COLLECTOR_FUNDING_SWAPS`, e.g. `BTC/USDT:USDT`: swaps whose current funding rate is published. Default none. */
  readonly fundingSwaps: readonly Instrument[];
  /** `COLLECTOR_FUNDING_EVERY_MS`: between funding-rate fetches. Default 60,000. */
  readonly fundingEveryMs: number;
}

export const COLLECTOR_ENV_KEYS = [
  'COLLECTOR_SYMBOLS',
  'COLLECTOR_TIMEFRAMES',
  'COLLECTOR_SINCE',
  'COLLECTOR_SETTLE_MS',
  'COLLECTOR_BARSET_TIMEOUT_MS',
  'COLLECTOR_POLL_MS',
  'COLLECTOR_ARCHIVER',
  'COLLECTOR_METRICS_INTERVAL_MS',
  'COLLECTOR_FUNDING_SWAPS',
  'COLLECTOR_FUNDING_EVERY_MS',
] as const;

export function parseCollectorSettings(env: Readonly<Record<string, string | undefined>>): CollectorSettings {
  const unknown = Object.keys(env).filter(
    (k) => k.startsWith('COLLECTOR_') && !(COLLECTOR_ENV_KEYS as readonly string[]).includes(k),
  );
  if (unknown.length)
    bad(`unknown variable(s) ${unknown.join(', ')}; known: ${COLLECTOR_ENV_KEYS.join(', ')}`);
  const list = (name: string, dflt: string) =>
    (env[name] || dflt)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const symbols = list('COLLECTOR_SYMBOLS', 'BTC/USDT,ETH/USDT').map((s) => parseInstrument(s, 'OKX'));
  const timeframes = list('COLLECTOR_TIMEFRAMES', '15m,1h').map(parseTimeframe);
  if (symbols.length === 0) bad('COLLECTOR_SYMBOLS is empty');
  if (timeframes.length === 0) bad('COLLECTOR_TIMEFRAMES is empty');
  const since = env['COLLECTOR_SINCE'] ? parseTime(env['COLLECTOR_SINCE'], 'COLLECTOR_SINCE') : undefined;
  const settleMs = int(env, 'COLLECTOR_SETTLE_MS', 3_000);
  const barSetTimeoutMs = int(env, 'COLLECTOR_BARSET_TIMEOUT_MS', 60_000);
  const pollMs = int(env, 'COLLECTOR_POLL_MS', 5_000);
  if (pollMs < 100) bad('COLLECTOR_POLL_MS must be at least 100');
  const metricsIntervalMs = int(env, 'COLLECTOR_METRICS_INTERVAL_MS', 60_000);
  if (metricsIntervalMs > 0 && metricsIntervalMs < 1_000)
    bad('COLLECTOR_METRICS_INTERVAL_MS must be 0 (off) or at least 1000');
  const fundingSwaps = list('COLLECTOR_FUNDING_SWAPS', '').map((s) => parseInstrument(s, 'OKX'));
  for (const s of fundingSwaps)
    if (s.settle === undefined) bad(`COLLECTOR_FUNDING_SWAPS: ${s.base}/${s.quote} is not a swap`);
  const fundingEveryMs = int(env, 'COLLECTOR_FUNDING_EVERY_MS', 60_000);
  if (fundingEveryMs < 1_000) bad('COLLECTOR_FUNDING_EVERY_MS must be at least 1000');
  const arch = env['COLLECTOR_ARCHIVER'] ?? 'true';
  if (!['true', 'false', '1', '0'].includes(arch))
    bad(`COLLECTOR_ARCHIVER must be true or false, got "${arch}"`);
  return {
    symbols,
    timeframes,
    since,
    settleMs,
    barSetTimeoutMs,
    pollMs,
    archiver: arch === 'true' || arch === '1',
    metricsIntervalMs,
    fundingSwaps,
    fundingEveryMs,
  };
}

/** `2023-01-01`, `2023-01-01T12:00Z` or integer ms; a date without zone is UTC. */
export function parseTime(raw: string, what: string): number {
  const s = raw.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  const ms = m ? Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? 'Z'}`) : Number.NaN;
  if (!Number.isFinite(ms))
    bad(`${what}: cannot read "${raw}" as a time (use 2023-01-01, 2023-01-01T12:00Z or ms)`);
  return ms;
}

function int(env: Readonly<Record<string, string | undefined>>, name: string, dflt: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) bad(`${name} must be a non-negative integer (ms), got "${raw}"`);
  return Number(raw);
}

function bad(msg: string): never {
  throw new AlgoError(ErrorCode.InvalidConfig, `invalid collector settings: ${msg}`);
}
