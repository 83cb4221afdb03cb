import {
  AccountSuspended,
  AuthenticationError,
  DDoSProtection,
  ExchangeError,
  InsufficientFunds,
  InvalidNonce,
  InvalidOrder,
  NetworkError,
  OnMaintenance,
  OrderNotFound,
  PermissionDenied,
  RateLimitExceeded,
} from 'ccxt';

/**
 * What an OKX error (as ccxt raises it) means for an order request:
 * - `rate_limited`: refused before processing (50011, HTTP 429): back off, send again as is;
 * - `ambiguous`: the outcome is unknown (timeout, network error, 5xx, 50013 busy, a body that is
 *   not OKX's envelope): look the order up by clOrdId before anything else;
 * - `duplicate`: 51016, an order with this clOrdId exists (ccxt raises it as InvalidOrder);
 * - `not_found`: 51400/51603 — meaningful only as the answer to a lookup or a cancel;
 * - `insufficient_funds`, `invalid`: refused; the order does not exist;
 * - `authentication`, `account`, `maintenance`, `clock_skew`: refused, and trading should stop.
 */
export type OkxErrorClass =
  | 'rate_limited'
  | 'ambiguous'
  | 'duplicate'
  | 'not_found'
  | 'insufficient_funds'
  | 'invalid'
  | 'authentication'
  | 'account'
  | 'maintenance'
  | 'clock_skew';

const DUPLICATE = /"(?:sCode|code)":"51016"/;

export function classifyOkxError(e: unknown): OkxErrorClass {
  // Subclasses before their parents: OrderNotFound is an InvalidOrder, OnMaintenance and
  // InvalidNonce are NetworkErrors, PermissionDenied and AccountSuspended AuthenticationErrors.
  if (e instanceof OrderNotFound) return 'not_found';
  if (e instanceof InvalidOrder) return DUPLICATE.test(e.message) ? 'duplicate' : 'invalid';
  if (e instanceof InsufficientFunds) return 'insufficient_funds';
  if (e instanceof PermissionDenied || e instanceof AccountSuspended) return 'account';
  if (e instanceof AuthenticationError) return 'authentication';
  if (e instanceof OnMaintenance) return 'maintenance';
  if (e instanceof InvalidNonce) return 'clock_skew';
  if (e instanceof RateLimitExceeded || e instanceof DDoSProtection) return 'rate_limited';
  if (e instanceof NetworkError) return 'ambiguous';
  // Any other answer from OKX itself (bad symbol, bad parameter, an unmapped code) refused the
  // request; anything else (a bad response, a bug) leaves the outcome unknown.
  if (e instanceof ExchangeError) return 'invalid';
  return 'ambiguous';
}

/** Worth sending the same read again after a pause. */
export function isTransient(c: OkxErrorClass): boolean {
  return c === 'rate_limited' || c === 'ambiguous';
}

/** Trading must stop: nothing will succeed until a human looks. */
export function isHaltWorthy(
  c: OkxErrorClass,
): c is 'authentication' | 'account' | 'maintenance' | 'clock_skew' {
  return c === 'authentication' || c === 'account' || c === 'maintenance' || c === 'clock_skew';
}

/** A short message safe to log and publish: the first line, clipped (never a header or key). */
export function describeError(e: unknown): string {
  const text = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  const line = text.split('\n')[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
