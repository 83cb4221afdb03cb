/** Flags shared by `backtest`, `sweep` and `lookahead-check`, and what they parse to. */
import { AlgoError, ErrorCode, parseTimeframe, type Timeframe } from '@algotrader/core';
import { type FillModelConfig, FillModelSchema } from '@algotrader/portfolio';
import { type AnyStrategy, parseParams } from '@algotrader/strategy';
import { UsageError } from '../args';

export const RUN_OPTIONS = {
  strategy: { type: 'string' },
  data: { type: 'string' },
  symbols: { type: 'string' },
  tf: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  param: { type: 'string', multiple: true },
  fee: { type: 'string' },
  'maker-fee': { type: 'string' },
  fill: { type: 'string' },
  'slippage-bps': { type: 'string' },
  commission: { type: 'string' },
  cash: { type: 'string' },
  module: { type: 'string', multiple: true },
} as const;

export const RUN_USAGE = `  --strategy NAME        a registered strategy (built-in: sma_cross, bollinger_reversion, xs_momentum)
  --data SRC             CSV(.gz) file | directory or glob of <venue>_<BASE>-<QUOTE>_<tf>_*.csv.gz | file.parquet | store
  --symbols A/B,C/D      symbols (VENUE:BASE/QUOTE also accepted); default: every one the source has
  --tf 1h                timeframe (inferred from file names when they agree)
  --from DATE --to DATE  open times in [from, to): 2020-01-01, 2020-01-01T12:00Z or ms
  --param k=v            a strategy parameter (repeatable; numbers, true/false, JSON; dotted keys nest: sizing.kind=fixed)
  --fee 0.001            taker fee, fraction of notional (maker too unless --maker-fee)
  --fill next_open|close fill timing (default next_open)
  --slippage-bps N       adverse slippage in basis points (default none)
  --commission KIND      ibkr_fixed | ibkr_tiered: per-share stock commissions with SEC/FINRA fees on
                         sells, instead of --fee (the default for the bundled US files in data/us)
  --cash 10000           initial cash, quote currency
  --module FILE          import strategies from a module (repeatable): exported strategies, or
                         { name, factory: (data) => strategy } for research code that precomputes over the data`;

/** What a run needs besides the data. */
export interface RunSpec {
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly timeframe?: Timeframe;
  readonly from?: number;
  readonly to?: number;
  /** Raw parameters from --param (parsed by the strategy's schema later). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly fillModel: FillModelConfig;
  readonly initialCash: number;
  readonly modules: readonly string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `2020-01-01`, `2020-01-01T12:00` (UTC unless a zone is given) or integer ms. */
export function parseDate(text: string, flag: string): number {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = ISO_DATE.exec(s);
  const t = s.replace(' ', 'T');
  // A date alone is UTC for Date.parse, a date-time without a zone would be local time: make it UTC.
  const ms = !m ? Number.NaN : Date.parse(m[1] !== undefined || s.length === 10 ? t : `${t}Z`);
  if (!Number.isFinite(ms)) {
    throw new UsageError(`--${flag} "${text}": expected a date like 2020-01-01 or 2020-01-01T12:00Z, or ms`);
  }
  return ms;
}

export function parseNumber(text: string | undefined, flag: string, fallback: number, min = 0): number {
  if (text === undefined) return fallback;
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x < min) {
    throw new UsageError(`--${flag} "${text}": expected a number >= ${min}`);
  }
  return x;
}

/** A --param value: a number, true/false/null, JSON (object, array, quoted string), else the text. */
export function parseValue(raw: string): unknown {
  const s = raw.trim();
  if (s !== '' && Number.isFinite(Number(s))) return Number(s);
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null') return null;
  if (/^[[{"]/.test(s)) {
    try {
      return JSON.parse(s);
    } catch {
      throw new UsageError(`--param value ${raw} looks like JSON but does not parse`);
    }
  }
  return raw;
}

/** Sets `a.b.c` in a nested object. */
export function setDotted(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const p of parts.slice(0, -1)) {
    const next = node[p];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[p] = {};
    node = node[p] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** `["fast=10", "sizing.kind=fixed"]` → `{ fast: 10, sizing: { kind: 'fixed' } }`. */
export function parseParamFlags(flags: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flags) {
    const eq = f.indexOf('=');
    const key = eq > 0 ? f.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(key)) {
      throw new UsageError(`--param "${f}": expected name=value, e.g. --param fast=10`);
    }
    setDotted(out, key, parseValue(f.slice(eq + 1)));
  }
  return out;
}

/** The strategy's parameters with their defaults, one `name=value` each, for error messages. */
export function describeParams(strategy: AnyStrategy): string {
  let defaults: Record<string, unknown>;
  try {
    defaults = parseParams(strategy, {}) as Record<string, unknown>;
  } catch {
    return '(its schema has no defaults to show)';
  }
  const keys = Object.keys(defaults);
  if (keys.length === 0) return 'it takes no parameters';
  return keys.map((k) => `${k}=${JSON.stringify(defaults[k])}`).join(', ');
}

/**
 * Parameters parsed by the strategy's schema. An unknown name is refused with the list of the
 * strategy's parameters and defaults; an invalid value with the schema's message, which names the key.
 */
export function checkParams(strategy: AnyStrategy, raw: Readonly<Record<string, unknown>>): unknown {
  let known: string[] | undefined;
  try {
    known = Object.keys(parseParams(strategy, {}) as object);
  } catch {
    known = undefined;
  }
  if (known) {
    const unknown = Object.keys(raw).filter((k) => !known.includes(k));
    if (unknown.length > 0) {
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} for strategy ${strategy.name}; ` +
          `its parameters (defaults): ${describeParams(strategy)}`,
      );
    }
  }
  try {
    return parseParams(strategy, raw);
  } catch (e) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `--param: ${(e as Error).message}; parameters (defaults): ${describeParams(strategy)}`,
      { strategy: strategy.name },
      { cause: e },
    );
  }
}

export function parseFillModel(values: {
  fee?: string | undefined;
  'maker-fee'?: string | undefined;
  fill?: string | undefined;
  'slippage-bps'?: string | undefined;
  commission?: string | undefined;
}): FillModelConfig {
  const fill = values.fill ?? 'next_open';
  if (fill !== 'next_open' && fill !== 'close') {
    throw new UsageError(`--fill "${fill}": expected next_open (fill at the next bar's open) or close`);
  }
  const taker = parseNumber(values.fee, 'fee', 0.001);
  const maker = parseNumber(values['maker-fee'], 'maker-fee', values.fee === undefined ? 0.0008 : taker);
  const bps =
    values['slippage-bps'] === undefined ? undefined : parseNumber(values['slippage-bps'], 'slippage-bps', 0);
  const commission = values.commission;
  if (commission !== undefined && commission !== 'ibkr_fixed' && commission !== 'ibkr_tiered') {
    throw new UsageError(`--commission "${commission}": expected ibkr_fixed or ibkr_tiered`);
  }
  if (commission !== undefined && values.fee !== undefined) {
    throw new UsageError('--commission and --fee are two commission models: give one');
  }
  const r = FillModelSchema.safeParse({
    timing: fill,
    fees: { maker, taker },
    ...(commission === undefined ? {} : { commission: { kind: commission } }),
    slippage: bps === undefined || bps === 0 ? { kind: 'none' } : { kind: 'bps', bps },
  });
  if (!r.success) {
    throw new UsageError(
      `fill model: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data;
}

export interface RunValues {
  strategy?: string | undefined;
  symbols?: string | undefined;
  tf?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  param?: string[] | undefined;
  fee?: string | undefined;
  'maker-fee'?: string | undefined;
  fill?: string | undefined;
  'slippage-bps'?: string | undefined;
  commission?: string | undefined;
  cash?: string | undefined;
  module?: string[] | undefined;
}

/** `--symbols A,B`: the names, trimmed, empty ones dropped (none given: every symbol the data has). */
export function symbolList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseRunSpec(values: RunValues, usage: string): RunSpec {
  if (!values.strategy) throw new UsageError(`missing --strategy\n\n${usage}`);
  const symbols = symbolList(values.symbols);
  const dup = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (dup) throw new UsageError(`--symbols names ${dup} twice`);
  const from = values.from === undefined ? undefined : parseDate(values.from, 'from');
  const to = values.to === undefined ? undefined : parseDate(values.to, 'to');
  if (from !== undefined && to !== undefined && !(to > from)) {
    throw new UsageError(`--to (${values.to}) must be after --from (${values.from})`);
  }
  const initialCash = parseNumber(values.cash, 'cash', 10_000);
  if (!(initialCash > 0)) throw new UsageError('--cash must be > 0');
  return {
    strategy: values.strategy,
    symbols,
    ...(values.tf === undefined ? {} : { timeframe: parseTimeframe(values.tf) }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    params: parseParamFlags(values.param ?? []),
    fillModel: parseFillModel(values),
    initialCash,
    modules: values.module ?? [],
  };
}
