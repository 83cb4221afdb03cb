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
 * (`secFeePerMillion` × value / 10⁶) and the FINRA Trading Activity Fee (`finraTafPerShare` per
 * share sold, at most `finraTafMax` per trade).
 *
 * The SEC rate changes every fiscal year and sometimes mid-year; set it for the period traded.
 * Checked 2026-12 (sources):
 * - $27.80 per million from 2024-05-22 (Order Making Fiscal Year 2024 Annual Adjustments to
 *   Transaction Fee Rates, Release 34-99973, 89 Fed. Reg. 29402, 2024-04-22) through 2025-05-13;
 * - $0.00 per million from 2025-05-14: the SEC's FY2025 appropriation was collected early (SEC
 *   announcement of 2025-04-08, reported by the Security Traders Association,
 *   securitytraders.org/ceo-desk/congrats-stock-traders-you-funded-the-sec-four-months-early);
 * - FY2026: Release 34-104909 of 2026-02-27 (91 Fed. Reg. 10643, FR Doc 2026-04233) sets a new
 *   rate; its figure could not be read from the sources reachable here.
 * The default stays $27.80: the last published non-zero rate, so a backtest overstates rather than
 * omits the fee; the bundled 2020–2023 data traded under $5.10–$22.90 (e.g. $5.10 from
 * 2021-02-25: SEC fee rate advisory of 2021-01-15).
 * FINRA TAF for covered equity sales: $0.000166 per share, at most $8.30 per trade (FINRA By-Laws
 * Schedule A, Section 1; as stated by brokerage-review.com/account-fee/taf-fee.aspx).
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
