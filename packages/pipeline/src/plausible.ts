import {
  AlgoError,
  ErrorCode,
  formatInstrument,
  type Instrument,
  instrumentToSubject,
  parseInstrument,
} from '@algotrader/core';
import type { Pipeline } from './domain/config';

/** How far ahead of the clock a bar's close time may be (clock skew between machines), ms. */
export const BAR_MAX_FUTURE_ENV = 'ALGOTRADER_BAR_MAX_FUTURE_MS';
export const DEFAULT_BAR_MAX_FUTURE_MS = 5 * 60_000;

/** The tolerance from the environment (`ALGOTRADER_BAR_MAX_FUTURE_MS`), else the default. */
export function barMaxFutureMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env[BAR_MAX_FUTURE_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_BAR_MAX_FUTURE_MS;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `${BAR_MAX_FUTURE_ENV} must be a number of milliseconds >= 0, got "${raw}"`,
    );
  }
  return n;
}

/**
 * The messages that carry the close time of a bar: bars and their set markers on md (`md.barset.*`)
 * and `feat._set.*` (both BarSetClosed), feature vectors, signals and the strategy-runner's
 * `sig._set.*` marker (SignalSetClosed). A stage's latest time moves with each of them.
 */
const TIMED: Readonly<Record<string, string>> = {
  'algotrader.v1.Bar': 'bar',
  'algotrader.v1.BarSetClosed': 'bar set',
  'algotrader.v1.FeatureVector': 'feature vector',
  'algotrader.v1.Signal': 'signal',
  'algotrader.v1.SignalSetClosed': 'signal set',
};

function closeOf(type: string, message: unknown): { what: string; close: number } | undefined {
  const what = TIMED[type];
  if (!what) return undefined;
  const close = Number((message as { closeTimeMs?: unknown } | undefined)?.closeTimeMs ?? 0);
  return Number.isFinite(close) ? { what, close } : undefined;
}

/**
 * Refuses a message dated after the clock: a bar, a marker, a feature vector or a signal closes at
 * or before "now", up to `maxFutureMs` of clock skew. One dated years ahead would otherwise become
 * the stage's latest time, turn every later real one into a "duplicate" (or an already decided
 * close time) and be saved in its checkpoint.
 * Returns the reason, or undefined when the message is plausible (or carries no bar time).
 */
export function futureBarReason(
  type: string,
  message: unknown,
  nowMs: number,
  maxFutureMs: number,
): string | undefined {
  const c = closeOf(type, message);
  if (!c || c.close <= nowMs + maxFutureMs) return undefined;
  const { what, close } = c;
  return `implausible time: ${what} closes at ${iso(close)}, after the clock (${iso(nowMs)}) by more than ${maxFutureMs} ms (${BAR_MAX_FUTURE_ENV})`;
}

function iso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/**
 * The bars a replay covers: open times in [fromMs, toMs), as the `replay` command's --from/--to
 * (either end may be open). A replay's stages refuse a message whose close time no such bar can
 * have: at or before `fromMs`, or at or after `toMs` + one timeframe.
 */
export interface ReplayWindow {
  readonly fromMs?: number;
  readonly toMs?: number;
  /** The pipeline's timeframe, ms (a bar opening just before `toMs` closes one timeframe later). */
  readonly tfMs: number;
}

/** The reason a message lies outside the replay window, or undefined (inside, or no bar time). */
export function outsideWindowReason(type: string, message: unknown, w: ReplayWindow): string | undefined {
  const c = closeOf(type, message);
  if (!c) return undefined;
  const { what, close } = c;
  if (w.fromMs !== undefined && close <= w.fromMs) {
    return `outside the replay window: ${what} closes at ${iso(close)}, not after its start ${iso(w.fromMs)}`;
  }
  if (w.toMs !== undefined && close >= w.toMs + w.tfMs) {
    return `outside the replay window: ${what} closes at ${iso(close)}, after its end ${iso(w.toMs)} (bars opening before it)`;
  }
  return undefined;
}

/** Where a message of each instrument-bearing type is published: `<prefix><venue>.<TOKEN>.<tf>`. */
const BY_INSTRUMENT: Readonly<Record<string, { what: string; prefix: string }>> = {
  'algotrader.v1.Bar': { what: 'bar', prefix: 'md.bar.' },
  'algotrader.v1.FeatureVector': { what: 'feature vector', prefix: 'feat.' },
};

interface InstrumentMsg {
  readonly instrument?: { readonly venue?: string | null; readonly symbol?: string | null } | null;
  readonly timeframe?: string | null;
}

/**
 * An instrument unknown to the system: a bar (or feature vector) whose instrument is no valid
 * `VENUE:BASE/QUOTE[:SETTLE]` of @algotrader/core, or that travels on another instrument's or
 * timeframe's subject (`md.bar.okx.BTC-USDT.1h` carrying an ETH bar). Returns the reason, or
 * undefined with the instrument when the message is consistent (or carries no instrument).
 */
export function instrumentCheck(
  type: string,
  message: unknown,
  subject: string,
): { readonly reason?: string; readonly instrument?: Instrument } {
  const kind = BY_INSTRUMENT[type];
  if (!kind) return {};
  const m = message as InstrumentMsg | undefined;
  const venue = m?.instrument?.venue ?? '';
  const symbol = m?.instrument?.symbol ?? '';
  let instrument: Instrument;
  try {
    instrument = parseInstrument(`${venue}:${symbol}`);
  } catch {
    return {
      reason: `unknown instrument: ${kind.what} on ${subject} names venue "${venue.slice(0, 40)}" symbol "${symbol.slice(0, 40)}", no VENUE:BASE/QUOTE instrument`,
    };
  }
  const expected = `${kind.prefix}${instrumentToSubject(instrument)}.${m?.timeframe ?? ''}`;
  if (subject !== expected) {
    return {
      reason: `unknown instrument: ${kind.what} of ${formatInstrument(instrument)} ${m?.timeframe ?? ''} on ${subject} (its subject is ${expected})`,
    };
  }
  return { instrument };
}

/** What a stage's reader checks besides the clock: its pipeline's instruments and replay window. */
export interface MessageBounds {
  /** Replay mode only: messages whose close time falls outside it are refused. */
  readonly window?: ReplayWindow;
  /**
   * The pipeline's venue, timeframe and instruments: a valid bar of another (MD is shared with
   * other pipelines) is counted as ignored (`ignoredOtherPipeline`) and handed on as before.
   */
  readonly ours?: { readonly venue: string; readonly tf: string; readonly keys: ReadonlySet<string> };
}

/** The bounds of a pipeline's stages: its instruments, and in replay mode its `replayWindow`. */
export function messageBounds(p: Pipeline): MessageBounds {
  const w = p.config.mode === 'replay' ? p.replayWindow : undefined;
  return {
    ours: { venue: p.venue, tf: p.tf, keys: new Set(p.keys) },
    ...(w ? { window: { ...w, tfMs: p.tfMs } } : {}),
  };
}

/** Whether a consistent bar is one of the pipeline's (its venue, timeframe and instruments). */
export function isOurs(bounds: MessageBounds, instrument: Instrument, message: unknown): boolean {
  const o = bounds.ours;
  if (!o) return true;
  return (
    instrument.venue === o.venue &&
    (message as InstrumentMsg).timeframe === o.tf &&
    o.keys.has(formatInstrument(instrument))
  );
}
