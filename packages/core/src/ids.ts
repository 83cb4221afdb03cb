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

/**
 * A stable 128-bit hash of a string (cyrb128: four 32-bit lanes mixed with Math.imul), as four
 * base36 lanes of 7 characters each. Pure 32-bit integer arithmetic: fast enough to compute an id
 * per order in a backtest.
 */
export function stableHash36(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(36).padStart(7, '0')).join('');
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
 * `at` + 28 base36 characters of a 128-bit hash of (account, strategy, instrument, decision close time, leg). The same decision
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
