import {
  AlgoError,
  ErrorCode,
  type Instrument,
  instrumentSymbol,
  isSwap,
  parseInstrument,
} from '@algotrader/core';
import type { algotrader } from './gen/algotrader.js';

/** The wire `FundingRate`: a swap's current funding rate as the collector fetched it. */
export type FundingRateMsg = algotrader.v1.IFundingRate;

/** The domain view of a {@link FundingRateMsg}, checked once on the way in. */
export interface LiveFundingRate {
  readonly instrument: Instrument;
  /** The coming settlement's rate: longs pay when positive. */
  readonly rate: number;
  readonly fundingTime: number;
  /** Collector clock when fetched: the rate's age is measured from it. */
  readonly fetchedAt: number;
}

export function encodeFundingRate(
  f: LiveFundingRate,
  nextFundingTime: number,
  source: string,
): FundingRateMsg {
  return {
    venue: f.instrument.venue,
    symbol: instrumentSymbol(f.instrument),
    rate: f.rate,
    fundingTimeMs: f.fundingTime,
    nextFundingTimeMs: nextFundingTime,
    fetchedAtMs: f.fetchedAt,
    source,
  };
}

/** Checks a wire funding rate: a swap, a finite rate, positive times. Never repaired: `E_DATA`. */
export function decodeFundingRate(m: FundingRateMsg): LiveFundingRate {
  const where = `funding rate ${m.venue ?? ''}:${m.symbol ?? ''}`;
  const instrument = parseInstrument(`${m.venue ?? ''}:${m.symbol ?? ''}`);
  if (!isSwap(instrument)) throw new AlgoError(ErrorCode.InvalidData, `${where}: not a swap`);
  const rate = m.rate;
  if (typeof rate !== 'number' || !Number.isFinite(rate)) {
    throw new AlgoError(ErrorCode.InvalidData, `${where}: rate ${rate} is not a finite number`);
  }
  const fundingTime = Number(m.fundingTimeMs ?? 0);
  const fetchedAt = Number(m.fetchedAtMs ?? 0);
  if (!(fundingTime > 0) || !(fetchedAt > 0)) {
    throw new AlgoError(
      ErrorCode.InvalidData,
      `${where}: funding time ${fundingTime} / fetched at ${fetchedAt} missing`,
    );
  }
  return { instrument, rate, fundingTime, fetchedAt };
}
