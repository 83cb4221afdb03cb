import { AlgoError, ErrorCode } from './errors';

/** A tradable instrument. Canonical text form `OKX:BTC/USDT`; subject token `okx.BTC-USDT`. */
export interface Instrument {
  /** Upper-case venue code, e.g. `OKX`. */
  readonly venue: string;
  readonly base: string;
  readonly quote: string;
}

const PART = /^[A-Z0-9]{1,20}$/;

export function instrument(venue: string, base: string, quote: string): Instrument {
  const v = venue.toUpperCase();
  const b = base.toUpperCase();
  const q = quote.toUpperCase();
  for (const [name, part] of [
    ['venue', v],
    ['base', b],
    ['quote', q],
  ] as const) {
    if (!PART.test(part)) {
      throw new AlgoError(
        ErrorCode.InvalidInstrument,
        `instrument ${name} "${part}" must be 1-20 letters or digits`,
      );
    }
  }
  return { venue: v, base: b, quote: q };
}

/** Parses `OKX:BTC/USDT` (venue prefix optional when `defaultVenue` is given: `BTC/USDT`). */
export function parseInstrument(text: string, defaultVenue?: string): Instrument {
  const m = /^(?:([A-Za-z0-9]+):)?([A-Za-z0-9]+)[/-]([A-Za-z0-9]+)$/.exec(text.trim());
  const venue = m?.[1] ?? defaultVenue;
  if (!m || venue === undefined) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `cannot parse instrument "${text}": expected VENUE:BASE/QUOTE, e.g. OKX:BTC/USDT`,
    );
  }
  return instrument(venue, m[2]!, m[3]!);
}

/** `OKX:BTC/USDT` */
export function formatInstrument(i: Instrument): string {
  return `${i.venue}:${i.base}/${i.quote}`;
}

/** `BTC/USDT`, the ccxt symbol. */
export function instrumentSymbol(i: Instrument): string {
  return `${i.base}/${i.quote}`;
}

/** `BTC-USDT`, the symbol as one subject token (and OKX instId). */
export function symbolToken(i: Instrument): string {
  return `${i.base}-${i.quote}`;
}

/** `okx.BTC-USDT`: venue and symbol as two subject tokens. */
export function instrumentToSubject(i: Instrument): string {
  return `${i.venue.toLowerCase()}.${symbolToken(i)}`;
}

/** Inverse of {@link instrumentToSubject}. */
export function instrumentFromSubject(tokens: string): Instrument {
  const m = /^([a-z0-9]+)\.([A-Z0-9]+)-([A-Z0-9]+)$/.exec(tokens);
  if (!m) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `cannot parse subject tokens "${tokens}": expected okx.BTC-USDT`,
    );
  }
  return instrument(m[1]!, m[2]!, m[3]!);
}

export function sameInstrument(a: Instrument, b: Instrument): boolean {
  return a.venue === b.venue && a.base === b.base && a.quote === b.quote;
}
