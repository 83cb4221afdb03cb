import { AlgoError, ErrorCode } from './errors';

/**
 * A tradable instrument. Canonical text form `OKX:BTC/USDT` (spot) or `OKX:BTC/USDT:USDT` (a
 * perpetual swap settled in USDT, ccxt's unified swap symbol); subject token `okx.BTC-USDT` or
 * `okx.BTC-USDT-SWAP` (the OKX instId).
 */
export interface Instrument {
  /** Upper-case venue code, e.g. `OKX`. */
  readonly venue: string;
  readonly base: string;
  readonly quote: string;
  /** Settlement currency of a perpetual swap (`USDT` for linear swaps); absent on spot. */
  readonly settle?: string;
}

const PART = /^[A-Z0-9]{1,20}$/;

export function instrument(venue: string, base: string, quote: string, settle?: string): Instrument {
  const v = venue.toUpperCase();
  const b = base.toUpperCase();
  const q = quote.toUpperCase();
  const parts: [string, string][] = [
    ['venue', v],
    ['base', b],
    ['quote', q],
  ];
  if (settle !== undefined) parts.push(['settle', settle.toUpperCase()]);
  for (const [name, part] of parts) {
    if (!PART.test(part)) {
      throw new AlgoError(
        ErrorCode.InvalidInstrument,
        `instrument ${name} "${part}" must be 1-20 letters or digits`,
      );
    }
  }
  // Spot keeps exactly three keys, so spot instruments compare equal to plain literals.
  return settle === undefined
    ? { venue: v, base: b, quote: q }
    : { venue: v, base: b, quote: q, settle: settle.toUpperCase() };
}

/** A perpetual swap `OKX:BASE/QUOTE:SETTLE` (linear: settle = quote, the default). */
export function swapInstrument(venue: string, base: string, quote: string, settle = quote): Instrument {
  return instrument(venue, base, quote, settle);
}

/** Whether the instrument is a perpetual swap (has a settlement currency). */
export function isSwap(i: Instrument): boolean {
  return i.settle !== undefined;
}

/**
 * Parses `OKX:BTC/USDT` or the swap `OKX:BTC/USDT:USDT` (venue prefix optional when
 * `defaultVenue` is given: `BTC/USDT`, `BTC/USDT:USDT`; the OKX instId `BTC-USDT-SWAP` too).
 */
export function parseInstrument(text: string, defaultVenue?: string): Instrument {
  const t = text.trim();
  const m = /^(?:([A-Za-z0-9]+):)?([A-Za-z0-9]+)[/-]([A-Za-z0-9]+)(?::([A-Za-z0-9]+)|(-SWAP))?$/i.exec(t);
  const venue = m?.[1] ?? defaultVenue;
  if (!m || venue === undefined) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `cannot parse instrument "${text}": expected VENUE:BASE/QUOTE (spot, e.g. OKX:BTC/USDT) or VENUE:BASE/QUOTE:SETTLE (swap, e.g. OKX:BTC/USDT:USDT)`,
    );
  }
  const settle = m[4] ?? (m[5] ? m[3]! : undefined);
  return instrument(venue, m[2]!, m[3]!, settle);
}

/** `OKX:BTC/USDT`, or `OKX:BTC/USDT:USDT` for a swap. */
export function formatInstrument(i: Instrument): string {
  return i.settle === undefined
    ? `${i.venue}:${i.base}/${i.quote}`
    : `${i.venue}:${i.base}/${i.quote}:${i.settle}`;
}

/** `BTC/USDT`, the ccxt symbol (`BTC/USDT:USDT` for a swap). */
export function instrumentSymbol(i: Instrument): string {
  return i.settle === undefined ? `${i.base}/${i.quote}` : `${i.base}/${i.quote}:${i.settle}`;
}

/** `BTC-USDT`, the symbol as one subject token (and OKX instId; `BTC-USDT-SWAP` for a swap). */
export function symbolToken(i: Instrument): string {
  return i.settle === undefined ? `${i.base}-${i.quote}` : `${i.base}-${i.quote}-SWAP`;
}

/** `okx.BTC-USDT`: venue and symbol as two subject tokens. */
export function instrumentToSubject(i: Instrument): string {
  return `${i.venue.toLowerCase()}.${symbolToken(i)}`;
}

/** Inverse of {@link instrumentToSubject}. */
export function instrumentFromSubject(tokens: string): Instrument {
  const m = /^([a-z0-9]+)\.([A-Z0-9]+)-([A-Z0-9]+)(-SWAP)?$/.exec(tokens);
  if (!m) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `cannot parse subject tokens "${tokens}": expected okx.BTC-USDT (spot) or okx.BTC-USDT-SWAP (swap)`,
    );
  }
  // Only linear swaps have a token form: the settlement currency is the quote.
  return instrument(m[1]!, m[2]!, m[3]!, m[4] ? m[3]! : undefined);
}

export function sameInstrument(a: Instrument, b: Instrument): boolean {
  return a.venue === b.venue && a.base === b.base && a.quote === b.quote && a.settle === b.settle;
}
