import { AlgoError, ErrorCode } from './errors';
import { type Instrument, symbolToken } from './instrument';
import type { Timeframe } from './timeframe';

/** Business key of a bar; used as its `Nats-Msg-Id`: `bar:okx:BTC-USDT:1h:<open_ms>`. */
export function barKey(i: Instrument, tf: Timeframe, openMs: number): string {
  return `bar:${i.venue.toLowerCase()}:${symbolToken(i)}:${tf}:${openMs}`;
}

/** Business key of a strategy's signal: `sig:<strategy>:okx:BTC-USDT:<close_ms>`. */
export function signalKey(strategy: string, i: Instrument, closeMs: number): string {
  return `sig:${strategy}:${i.venue.toLowerCase()}:${symbolToken(i)}:${closeMs}`;
}

const MASK64 = (1n << 64n) - 1n;
const FNV_PRIME = 0x100000001b3n;

function fnv1a64(bytes: Uint8Array, basis: bigint): bigint {
  let h = basis;
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * FNV_PRIME) & MASK64;
  }
  return h;
}

const encoder = new TextEncoder();

/** A stable 128-bit hash of a string, as lower-case base36 (at most 25 characters). */
export function stableHash36(text: string): string {
  const bytes = encoder.encode(text);
  // Two FNV-1a passes with different offset bases (the standard one and its bit-inverse).
  const hi = fnv1a64(bytes, 0xcbf29ce484222325n);
  const lo = fnv1a64(bytes, ~0xcbf29ce484222325n & MASK64);
  return ((hi << 64n) | lo).toString(36);
}

export interface ClientOrderIdParts {
  readonly account: string;
  readonly strategy: string;
  readonly instrument: Instrument;
  /** Close time of the bar that caused the decision. */
  readonly decisionCloseMs: number;
  /** Leg number when one decision produces several orders (0 for the first). */
  readonly leg?: number;
}

const CLORD = /^[A-Za-z0-9]{1,32}$/;

/**
 * Deterministic client order id, valid as an OKX `clOrdId` (letters and digits, at most 32):
 * `at` + base36 hash of (account, strategy, instrument, decision close time, leg). The same decision
 * always yields the same id, so a resubmission after a crash is recognised as a duplicate.
 */
export function clientOrderId(p: ClientOrderIdParts): string {
  const id = `at${stableHash36(
    [
      p.account,
      p.strategy,
      p.instrument.venue,
      symbolToken(p.instrument),
      p.decisionCloseMs,
      p.leg ?? 0,
    ].join('|'),
  )}`;
  assertClientOrderId(id);
  return id;
}

export function isValidClientOrderId(id: string): boolean {
  return CLORD.test(id);
}

export function assertClientOrderId(id: string): void {
  if (!CLORD.test(id)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `client order id "${id}" must be 1-32 letters or digits (OKX clOrdId)`,
    );
  }
}

/** Deterministic ids for tests and backtests; live code passes a random-backed one. */
export interface IdGenerator {
  next(prefix: string): string;
}

export class SequentialIds implements IdGenerator {
  #n = 0;
  next(prefix: string): string {
    this.#n += 1;
    return `${prefix}${this.#n}`;
  }
}
