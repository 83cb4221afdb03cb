import { assertNever } from '@algotrader/core';
import type { Side } from '@algotrader/strategy';
import { z } from 'zod';

/**
 * Per-share stock commissions as Interactive Brokers charges them (US stocks), plus the
 * regulatory transaction fees passed through on sales. Defaults are IBKR's published US rates;
 * set them to the ones on your statement.
 *
 * - `ibkr_fixed`: $0.005 per share, at least $1.00 per order, at most 1% of the trade value;
 *   exchange and clearing fees included.
 * - `ibkr_tiered`: $0.0035 per share (the first tier, up to 300,000 shares a month; set `perShare`
 *   for higher tiers), at least $0.35, at most 1% of the trade value, plus exchange/clearing fees
 *   per share (`venuePerShare`, default $0.0002 clearing), which the min/max do not cap.
 *
 * Regulatory fees on sells only, each rounded UP to the cent: SEC Section 31 fee
 * (`secFeePerMillion` × value / 10⁶; $27.80 per million was the rate from May 2024, it changes
 * yearly) and the FINRA Trading Activity Fee ($0.000166 per share sold, at most $8.30 per trade).
 */
export const CommissionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ibkr_fixed'),
      perShare: z.number().min(0).default(0.005),
      minPerOrder: z.number().min(0).default(1),
      maxShareOfValue: z.number().gt(0).max(1).default(0.01),
      secFeePerMillion: z.number().min(0).default(27.8),
      finraTafPerShare: z.number().min(0).default(0.000166),
      finraTafMax: z.number().min(0).default(8.3),
    })
    .strict(),
  z
    .object({
      kind: z.literal('ibkr_tiered'),
      perShare: z.number().min(0).default(0.0035),
      minPerOrder: z.number().min(0).default(0.35),
      maxShareOfValue: z.number().gt(0).max(1).default(0.01),
      venuePerShare: z.number().min(0).default(0.0002),
      secFeePerMillion: z.number().min(0).default(27.8),
      finraTafPerShare: z.number().min(0).default(0.000166),
      finraTafMax: z.number().min(0).default(8.3),
    })
    .strict(),
]);

export type CommissionInput = z.input<typeof CommissionSchema>;
export type CommissionModel = z.output<typeof CommissionSchema>;

/** What one execution costs, by part; `total` is what the account pays. */
export interface CommissionBreakdown {
  readonly commission: number;
  readonly secFee: number;
  readonly finraTaf: number;
  readonly total: number;
}

const ceilCent = (x: number): number => Math.ceil(Math.round(x * 1e8) / 1e6) / 100;

/** Commission and regulatory fees of one order filled at `qty` shares and `price`. */
export function stockCommission(
  m: CommissionModel,
  side: Side,
  qty: number,
  price: number,
): CommissionBreakdown {
  const value = qty * price;
  const cap = value * m.maxShareOfValue;
  let commission: number;
  switch (m.kind) {
    case 'ibkr_fixed':
      commission = Math.min(Math.max(qty * m.perShare, m.minPerOrder), cap);
      break;
    case 'ibkr_tiered':
      commission = Math.min(Math.max(qty * m.perShare, m.minPerOrder), cap) + qty * m.venuePerShare;
      break;
    default:
      return assertNever(m, 'commission model');
  }
  const sell = side === 'sell';
  const secFee = sell ? ceilCent((value * m.secFeePerMillion) / 1e6) : 0;
  const finraTaf = sell ? ceilCent(Math.min(qty * m.finraTafPerShare, m.finraTafMax)) : 0;
  return { commission, secFee, finraTaf, total: commission + secFee + finraTaf };
}
