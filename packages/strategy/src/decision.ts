import { AlgoError, ErrorCode, formatInstrument, type Instrument, isSwap } from '@algotrader/core';
import { type Exits, exitsKey, exitsProblem } from './exits';

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';

/** Desired holding of one instrument. Spot is long-only: quantities and fractions are never negative. */
export type Target =
  | { readonly kind: 'units'; readonly qty: number }
  /** Share of current equity (0..1) to hold in the instrument, valued at the decision bar's close. */
  | { readonly kind: 'equity_fraction'; readonly fraction: number };

/** "Hold this much": the preferred kind of decision; the portfolio step works out the order. */
export interface TargetDecision {
  readonly instrument: Instrument;
  readonly target: Target;
  /** Protective exits for the position this target opens or adds to (a target above zero; on a swap, any but zero). */
  readonly exits?: Exits;
}

/** "Send this order": for strategies that reason in orders rather than holdings. */
export interface OrderIntent {
  readonly instrument: Instrument;
  readonly side: Side;
  readonly qty: number;
  readonly type: OrderType;
  /** Required for (and only for) `type: 'limit'`. */
  readonly limitPrice?: number;
  /** Protective exits for the position this buy opens or adds to (buys only). */
  readonly exits?: Exits;
  /** Swaps: the order may only reduce the position (clipped to it, refused when flat). */
  readonly reduceOnly?: boolean;
}

export type Decision = TargetDecision | OrderIntent;

/** Returned when a strategy has nothing to say; shared so the hot path allocates nothing. */
export const NO_DECISIONS: readonly Decision[] = Object.freeze([]);

export function isTargetDecision(d: Decision): d is TargetDecision {
  return 'target' in d;
}

export function targetUnits(instrument: Instrument, qty: number): TargetDecision {
  return { instrument, target: { kind: 'units', qty } };
}

export function targetFraction(instrument: Instrument, fraction: number): TargetDecision {
  return { instrument, target: { kind: 'equity_fraction', fraction } };
}

export function marketOrder(instrument: Instrument, side: Side, qty: number): OrderIntent {
  return { instrument, side, qty, type: 'market' };
}

export function limitOrder(instrument: Instrument, side: Side, qty: number, limitPrice: number): OrderIntent {
  return { instrument, side, qty, type: 'limit', limitPrice };
}

/**
 * The decision with protective exits attached: when the order it becomes fills, a stop-loss,
 * take-profit and/or trailing stop watch the position (see {@link Exits}).
 */
export function withExits<D extends Decision>(d: D, exits: Exits | undefined): D {
  return exits === undefined ? d : { ...d, exits };
}

function invalid(d: Decision, why: string): never {
  throw new AlgoError(
    ErrorCode.InvalidArgument,
    `invalid decision for ${formatInstrument(d.instrument)}: ${why}`,
    {
      instrument: formatInstrument(d.instrument),
    },
  );
}

/**
 * Throws AlgoError(InvalidArgument) for a decision no account could act on: a negative or
 * non-finite target (spot is long-only; a swap allows any finite target), a fraction above 1 (no leverage), a non-positive order
 * quantity, a limit order without a positive limit price. These are strategy bugs, not outcomes.
 */
export function validateDecision(d: Decision): void {
  if (d.exits !== undefined) {
    const why = exitsProblem(d.exits);
    if (why) invalid(d, why);
    // On a swap a short is an entry too: any non-zero target, a buy or a sell.
    const swap = isSwap(d.instrument);
    const entry = isTargetDecision(d)
      ? d.target.kind === 'units'
        ? swap
          ? d.target.qty !== 0
          : d.target.qty > 0
        : swap
          ? d.target.fraction !== 0
          : d.target.fraction > 0
      : swap || d.side === 'buy';
    if (!entry)
      invalid(d, 'exits go with an entry (a buy, or a target above zero; on a swap any non-zero target)');
  }
  if (isTargetDecision(d) && isSwap(d.instrument)) {
    // A swap may be held short and with leverage: a negative target is a short position, a
    // fraction beyond ±1 a leveraged one (the account's leverage limits decide what is allowed).
    const t = d.target;
    if (t.kind === 'units' && !Number.isFinite(t.qty)) invalid(d, `target qty must be finite, got ${t.qty}`);
    if (t.kind === 'equity_fraction' && !Number.isFinite(t.fraction))
      invalid(d, `equity fraction must be finite, got ${t.fraction}`);
    if (t.kind !== 'units' && t.kind !== 'equity_fraction')
      invalid(d, `unknown target kind "${(t as { kind: string }).kind}"`);
    return;
  }
  if (isTargetDecision(d)) {
    const t = d.target;
    switch (t.kind) {
      case 'units':
        if (!Number.isFinite(t.qty) || t.qty < 0)
          invalid(d, `target qty must be finite and >= 0 (spot is long-only), got ${t.qty}`);
        return;
      case 'equity_fraction':
        if (!Number.isFinite(t.fraction) || t.fraction < 0 || t.fraction > 1) {
          invalid(d, `equity fraction must be within [0, 1] (long-only, no leverage), got ${t.fraction}`);
        }
        return;
      default:
        invalid(d, `unknown target kind "${(t as { kind: string }).kind}"`);
    }
  }
  if (d.side !== 'buy' && d.side !== 'sell') invalid(d, `side must be buy or sell, got ${String(d.side)}`);
  if (!Number.isFinite(d.qty) || d.qty <= 0) invalid(d, `order qty must be finite and > 0, got ${d.qty}`);
  if (d.type === 'limit') {
    if (d.limitPrice === undefined || !Number.isFinite(d.limitPrice) || d.limitPrice <= 0) {
      invalid(d, `a limit order needs a positive limitPrice, got ${d.limitPrice}`);
    }
  } else if (d.type === 'market') {
    if (d.limitPrice !== undefined) invalid(d, 'a market order takes no limitPrice');
  } else {
    invalid(d, `order type must be market or limit, got ${String(d.type)}`);
  }
}

/** Canonical text of a decision, for comparing runs (e.g. the look-ahead check). */
export function decisionKey(d: Decision): string {
  const i = formatInstrument(d.instrument);
  const x = d.exits === undefined ? '' : ` exits ${exitsKey(d.exits)}`;
  if (isTargetDecision(d)) {
    const t = d.target;
    return t.kind === 'units' ? `${i} target units ${t.qty}${x}` : `${i} target fraction ${t.fraction}${x}`;
  }
  return `${i} ${d.side} ${d.qty} ${d.type}${d.limitPrice === undefined ? '' : ` @${d.limitPrice}`}${x}`;
}
