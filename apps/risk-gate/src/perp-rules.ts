import { formatInstrument } from '@algotrader/core';
import { Account, type SwapSetting } from '@algotrader/portfolio';

/**
 * Risk rules for perpetual swaps, each with its own reason code. Pure: they read the one
 * `Account` (which owns positions, margin and marks) and never change it — an order is tried on a
 * copy restored from the account's snapshot.
 */
export type PerpReason =
  /** Gross swap notional / equity after the order above the account limit. */
  | 'MAX_ACCOUNT_LEVERAGE'
  /** One instrument's notional / equity above its limit, its configured leverage or the contract's maximum. */
  | 'MAX_INSTRUMENT_LEVERAGE'
  /** After the order the mark would be closer to the liquidation price than allowed. */
  | 'MIN_LIQUIDATION_DISTANCE'
  /** Opening or adding on the side that pays an extreme funding rate. */
  | 'EXTREME_FUNDING'
  /** The free margin does not cover the order's initial margin and fee (OKX 51008). */
  | 'INSUFFICIENT_MARGIN';

export interface PerpRiskLimits {
  /** Σ |qty| × mark / equity after an order (null: no limit). */
  readonly maxAccountLeverage: number | null;
  /** Per instrument key; an instrument without an entry is held to its configured leverage. */
  readonly maxInstrumentLeverage?: Readonly<Record<string, number>>;
  /** |mark − liquidation price| / mark after an order, at least (e.g. 0.1 = 10%; null: none). */
  readonly minLiquidationDistance: number | null;
  /** |funding rate| at or above which no position may be opened or grown on the paying side. */
  readonly maxFundingRate: number | null;
  /** Margin ratio (1 = liquidation) below which the account halts. */
  readonly haltMarginRatio: number | null;
  /** Margin ratio below which an alert is raised (above the halt level). */
  readonly alertMarginRatio: number | null;
}

export interface SwapOrder {
  /** Index of the swap in the account. */
  readonly k: number;
  /** Signed base units: > 0 buy. */
  readonly qty: number;
  /** Expected fill price (the mark when unknown). */
  readonly price: number;
  readonly fee: number;
  /** Latest funding rate of the instrument (the next settlement's), when known. */
  readonly fundingRate?: number;
}

export type PerpVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: PerpReason; readonly detail: string };

const OK: PerpVerdict = { ok: true };

/**
 * Checks one swap order against the limits. An order that only reduces the position is always
 * allowed (it lowers the risk it would be refused for); one that opens or grows it must pass the
 * funding guard, have its margin free, and leave leverage and liquidation distance within limits.
 */
export function checkSwapOrder(a: Account, o: SwapOrder, L: PerpRiskLimits): PerpVerdict {
  const held = a.qty(o.k);
  const after = held + o.qty;
  const grows = Math.abs(after) > Math.abs(held) + 1e-12 || Math.sign(after) !== Math.sign(held);
  if (!grows || after === 0) return OK;
  const key = formatInstrument(a.instruments[o.k]!);
  if (L.maxFundingRate !== null && o.fundingRate !== undefined) {
    const pays =
      (after > 0 && o.fundingRate >= L.maxFundingRate) || (after < 0 && o.fundingRate <= -L.maxFundingRate);
    if (pays) {
      return {
        ok: false,
        reason: 'EXTREME_FUNDING',
        detail: `${key}: funding rate ${o.fundingRate} is beyond ±${L.maxFundingRate} and the ${after > 0 ? 'long' : 'short'} side pays it`,
      };
    }
  }
  const swapSettings: Record<string, SwapSetting> = {};
  for (let k = 0; k < a.specs.length; k++) if (a.swaps.has(k)) swapSettings[a.keyOf(k)] = a.swaps.setting(k);
  const trial = Account.restore(
    { specs: a.specs, swapSettings, liquidationFeeRate: a.swaps.liquidationFeeRate },
    a.snapshot(),
  );
  const setting = a.swaps.setting(o.k);
  const opening = Math.sign(after) !== Math.sign(held) ? Math.abs(after) : Math.abs(o.qty);
  const im = (opening * o.price) / setting.leverage + o.fee;
  const free =
    Math.sign(after) !== Math.sign(held) && held !== 0 ? Number.POSITIVE_INFINITY : a.availableMargin;
  if (im > free) {
    return {
      ok: false,
      reason: 'INSUFFICIENT_MARGIN',
      detail: `${key}: needs ${im.toFixed(2)} margin, ${free.toFixed(2)} free`,
    };
  }
  try {
    trial.applyFill(o.k, o.qty > 0 ? 'buy' : 'sell', Math.abs(o.qty), o.price, o.fee);
  } catch (e) {
    return { ok: false, reason: 'INSUFFICIENT_MARGIN', detail: `${key}: ${(e as Error).message}` };
  }
  const equity = trial.equity;
  const notional = Math.abs(after) * trial.mark(o.k);
  const instLimit = Math.min(
    L.maxInstrumentLeverage?.[key] ?? setting.leverage,
    setting.leverage,
    a.swaps.contract(o.k).maxLeverage,
  );
  if (!(equity > 0) || notional / equity > instLimit + 1e-9) {
    return {
      ok: false,
      reason: 'MAX_INSTRUMENT_LEVERAGE',
      detail: `${key}: notional ${notional.toFixed(2)} is ${(notional / equity).toFixed(2)}× equity ${equity.toFixed(2)}, limit ${instLimit}×`,
    };
  }
  if (L.maxAccountLeverage !== null && trial.leverage > L.maxAccountLeverage + 1e-9) {
    return {
      ok: false,
      reason: 'MAX_ACCOUNT_LEVERAGE',
      detail: `account leverage would be ${trial.leverage.toFixed(2)}×, limit ${L.maxAccountLeverage}×`,
    };
  }
  if (L.minLiquidationDistance !== null) {
    const mark = trial.mark(o.k);
    const liq = trial.liquidationPrice(o.k);
    const distance = Math.abs(mark - liq) / mark;
    if (distance < L.minLiquidationDistance) {
      return {
        ok: false,
        reason: 'MIN_LIQUIDATION_DISTANCE',
        detail: `${key}: liquidation at ${liq.toFixed(2)} would be ${(distance * 100).toFixed(2)}% from the mark ${mark}, minimum ${(L.minLiquidationDistance * 100).toFixed(2)}%`,
      };
    }
  }
  return OK;
}

export interface MarginHealth {
  /** Set when a position's margin ratio is below the halt level: the caller halts the account. */
  readonly halt?: { readonly reason: 'MARGIN_RATIO'; readonly detail: string };
  /** Positions below the alert level (and above the halt level). */
  readonly alerts: readonly {
    readonly instrument: string;
    readonly marginRatio: number;
    readonly liquidationPrice: number;
  }[];
}

/** Margin ratios of every swap position at the account's marks, against the halt and alert levels. */
export function marginHealth(a: Account, L: PerpRiskLimits): MarginHealth {
  const alerts: { instrument: string; marginRatio: number; liquidationPrice: number }[] = [];
  let worst: { key: string; ratio: number; liq: number } | undefined;
  for (let k = 0; k < a.specs.length; k++) {
    if (!a.swaps.has(k) || a.qty(k) === 0) continue;
    const ratio = a.marginRatio(k);
    const key = formatInstrument(a.instruments[k]!);
    const liq = a.liquidationPrice(k);
    if (L.haltMarginRatio !== null && ratio < L.haltMarginRatio) {
      if (!worst || ratio < worst.ratio) worst = { key, ratio, liq };
    } else if (L.alertMarginRatio !== null && ratio < L.alertMarginRatio) {
      alerts.push({ instrument: key, marginRatio: ratio, liquidationPrice: liq });
    }
  }
  if (worst) {
    return {
      halt: {
        reason: 'MARGIN_RATIO',
        detail: `${worst.key}: margin ratio ${worst.ratio.toFixed(3)} < halt level ${L.haltMarginRatio} (liquidation at ${worst.liq.toFixed(2)})`,
      },
      alerts,
    };
  }
  return { alerts };
}
