import { z } from 'zod';

/**
 * What a trade costs on SSE/SZSE, all in CNY, each part rounded to the fen (0.01) as brokers do:
 * - commission: `commissionRate` × notional, at least `minCommission` per order (both sides);
 * - stamp duty (印花税): by trade date from `stampDuty` (the last entry whose `from` ≤ the date),
 *   on sells only or on both sides as the entry says. Default history: 0.1 % both sides from
 *   2008-04-24, sells only from 2008-09-19, 0.05 % sells only from 2023-08-28 (earlier dates use
 *   the first entry);
 * - transfer fee (过户费): `transferFeeRate` × notional, both sides (0.001 % since 2022 on both
 *   exchanges; one rate for all dates here).
 */
export const CnCostsSchema = z
  .object({
    commissionRate: z.number().min(0).max(0.01).default(0.00025),
    minCommission: z.number().min(0).max(1000).default(5),
    transferFeeRate: z.number().min(0).max(0.001).default(0.00001),
    stampDuty: z
      .array(
        z
          .object({
            from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'from must be YYYY-MM-DD'),
            rate: z.number().min(0).max(0.01),
            sides: z.enum(['sell', 'both']),
          })
          .strict(),
      )
      .min(1)
      .refine((a) => a.every((e, i) => i === 0 || e.from > a[i - 1]!.from), 'stampDuty dates must ascend')
      .default([
        { from: '2008-04-24', rate: 0.001, sides: 'both' },
        { from: '2008-09-19', rate: 0.001, sides: 'sell' },
        { from: '2023-08-28', rate: 0.0005, sides: 'sell' },
      ]),
  })
  .strict();

export type CnCosts = z.output<typeof CnCostsSchema>;
export type CnCostsInput = z.input<typeof CnCostsSchema>;

export interface CostBreakdown {
  readonly commission: number;
  readonly stampDuty: number;
  readonly transferFee: number;
  readonly total: number;
}

const fen = (x: number) => Math.round(x * 100 + 1e-7) / 100;

/** Stamp duty rate for a trade on `date` (`YYYY-MM-DD`) on `side`. */
export function stampDutyRate(c: CnCosts, side: 'buy' | 'sell', date: string): number {
  let e = c.stampDuty[0]!;
  for (const x of c.stampDuty) if (x.from <= date) e = x;
  return side === 'sell' || e.sides === 'both' ? e.rate : 0;
}

/** The costs of one execution of `qty` shares at `price` on `date`. */
export function tradeCosts(
  c: CnCosts,
  side: 'buy' | 'sell',
  qty: number,
  price: number,
  date: string,
): CostBreakdown {
  const notional = qty * price;
  const commission = fen(Math.max(c.minCommission, notional * c.commissionRate));
  const stampDuty = fen(notional * stampDutyRate(c, side, date));
  const transferFee = fen(notional * c.transferFeeRate);
  return { commission, stampDuty, transferFee, total: fen(commission + stampDuty + transferFee) };
}

/** Defaults: 0.025 % commission, minimum 5 CNY, 0.001 % transfer fee, the stamp-duty history above. */
export function cnCosts(input: CnCostsInput = {}): CnCosts {
  return CnCostsSchema.parse(input);
}
