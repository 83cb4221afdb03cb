import { AlgoError, ErrorCode } from './errors';
import { type Instrument, instrument } from './instrument';

/**
 * What a broker needs to route an order for an instrument, beyond `VENUE:BASE/QUOTE`: the
 * Interactive Brokers contract. Stocks now; an option is one more variant of the union (the
 * underlying symbol plus expiry, strike, right and multiplier), so nothing keyed by the instrument
 * changes when options arrive.
 */
export type Contract = StockContract | OptionContract;

export interface StockContract {
  readonly secType: 'STK';
  /** Ticker, e.g. `AAPL`. */
  readonly symbol: string;
  /** Routing destination: `SMART` (IBKR's smart router) unless a venue is pinned. */
  readonly exchange: string;
  /** Listing exchange (`NASDAQ`, `NYSE`, `ARCA`), kept so SMART routing is unambiguous. */
  readonly primaryExchange: string;
  readonly currency: string;
}

export interface OptionContract {
  readonly secType: 'OPT';
  /** Underlying ticker. */
  readonly symbol: string;
  readonly exchange: string;
  readonly currency: string;
  /** Last trading day, `YYYYMMDD`. */
  readonly expiry: string;
  readonly strike: number;
  readonly right: 'C' | 'P';
  /** Shares per contract (100 for US equity options). */
  readonly multiplier: number;
}

/** Venue code of Interactive Brokers instruments. */
export const IBKR_VENUE = 'IBKR';

/**
 * Parses `IBKR:AAPL` (US stock, quote USD) or the general `IBKR:AAPL/USD`. Any other venue prefix
 * is refused: use `parseInstrument` for those.
 */
export function parseIbkrInstrument(text: string): Instrument {
  const m = /^IBKR:([A-Za-z0-9]{1,20})(?:\/([A-Za-z]{3}))?$/i.exec(text.trim());
  if (!m) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `cannot parse "${text}": expected IBKR:SYMBOL (a US stock in USD, e.g. IBKR:AAPL) or IBKR:SYMBOL/CCY`,
    );
  }
  return instrument(IBKR_VENUE, m[1]!, m[2] ?? 'USD');
}

/** `IBKR:AAPL` for a USD stock, `IBKR:SAP/EUR` otherwise. */
export function formatIbkrInstrument(i: Instrument): string {
  return i.quote === 'USD' ? `${i.venue}:${i.base}` : `${i.venue}:${i.base}/${i.quote}`;
}

/** The stock contract of an IBKR instrument, routed through SMART with its listing exchange kept. */
export function stockContract(i: Instrument, primaryExchange: string, exchange = 'SMART'): StockContract {
  if (i.venue !== IBKR_VENUE) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `${i.venue}:${i.base}/${i.quote} is not an IBKR instrument`,
    );
  }
  if (!/^[A-Z]{2,12}$/.test(primaryExchange)) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `primary exchange "${primaryExchange}" must be an exchange code such as NASDAQ or NYSE`,
    );
  }
  return { secType: 'STK', symbol: i.base, exchange, primaryExchange, currency: i.quote };
}
