import { timeframeMs } from '@algotrader/core';
import { type EquityMetrics, equityMetrics, type MetricsOptions } from '../metrics';
import type { PerpBacktestResult } from './engine';

/** Equity metrics of a perp run plus its cost lines, each on its own. */
export interface PerpMetrics extends EquityMetrics {
  /** Trading fees of the fills (liquidation fees are in `liquidationFees`). */
  readonly feesPaid: number;
  /** Net funding (received − paid), and each side. */
  readonly funding: number;
  readonly fundingPaid: number;
  readonly fundingReceived: number;
  /** Settlements booked, and those held through with no funding row (nothing booked). */
  readonly fundingSettlements: number;
  readonly unpricedSettlements: number;
  /** Margin or collateral lost to liquidations, its fee part, and how many. */
  readonly liquidationLoss: number;
  readonly liquidationFees: number;
  readonly liquidations: number;
  /** Highest gross leverage (swap notional / equity) at a bar close. */
  readonly maxLeverage: number;
  /** Lowest margin ratio at a bar close (1 = liquidation; Infinity when never positioned). */
  readonly minMarginRatio: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
}

export function perpMetrics(r: PerpBacktestResult, options: MetricsOptions = {}): PerpMetrics {
  const eq = equityMetrics(
    {
      time: r.equity.time,
      equity: r.equity.equity,
      exposure: r.equity.exposure,
      initialEquity: r.initialCash,
      startTime: r.startTime,
      tfMs: timeframeMs(r.timeframe),
    },
    options,
  );
  let maxLev = 0;
  for (const x of r.equity.exposure) if (x > maxLev) maxLev = x;
  let minRatio = Number.POSITIVE_INFINITY;
  for (const x of r.equity.marginRatio) if (x < minRatio) minRatio = x;
  const t = r.totals;
  return {
    ...eq,
    feesPaid: t.fees,
    funding: t.funding,
    fundingPaid: t.fundingPaid,
    fundingReceived: t.fundingReceived,
    fundingSettlements: r.funding.length,
    unpricedSettlements: r.unpricedSettlements.length,
    liquidationLoss: t.liquidationLoss,
    liquidationFees: t.liquidationFees,
    liquidations: t.liquidations,
    maxLeverage: maxLev,
    minMarginRatio: minRatio,
    realizedPnl: t.realizedPnl,
    unrealizedPnl: t.unrealizedPnl,
  };
}
