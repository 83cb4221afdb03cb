import type { Codec } from '@algotrader/proto';

/**
 * What a person reports about an order they were asked to place by hand (the `notify` venue):
 * `filled` (this execution completes the order), `partial` (an execution, more may follow) or
 * `skipped` (not placed, cancelled or refused by the broker). The notifier publishes one per
 * Telegram command on `ops.manual.<account>`; the venue checks it against the order and answers.
 */
export type ManualAction = 'filled' | 'partial' | 'skipped';

export interface ManualReport {
  readonly account: string;
  readonly action: ManualAction;
  /** The order as typed: its client order id, or a unique start of it (at least 6 characters). */
  readonly order: string;
  /** Shares executed (filled / partial). */
  readonly qty?: number;
  /** Execution price (filled / partial). */
  readonly price?: number;
  /** What the broker charged, when the person gives it; else the venue computes it. */
  readonly fee?: number;
  readonly reason?: string;
  /** Who sent it: `telegram:<chat id>`. */
  readonly from: string;
  /** Unique per report (Telegram update id): the fill's trade id and the message id derive from it. */
  readonly ref: string;
  readonly timeMs: number;
}

export const manualReportSubject = (account: string): string => `ops.manual.${account}`;

/** The message id of a report: a redelivered Telegram update is stored once. */
export const manualReportKey = (ref: string): string => `manual:${ref}`;

const ACTIONS: readonly ManualAction[] = ['filled', 'partial', 'skipped'];

/** JSON on the wire (Content-Type application/json): a small message read by one venue. */
export const manualReportCodec: Codec<ManualReport> = {
  typeName: 'algotrader.manual.ManualReport',
  encode: (m) => new TextEncoder().encode(JSON.stringify(m)),
  decode: (bytes) => {
    const m = JSON.parse(new TextDecoder().decode(bytes)) as ManualReport;
    if (
      typeof m !== 'object' ||
      m === null ||
      !ACTIONS.includes(m.action) ||
      typeof m.order !== 'string' ||
      typeof m.account !== 'string' ||
      typeof m.ref !== 'string' ||
      typeof m.timeMs !== 'number'
    ) {
      throw new Error('not a ManualReport');
    }
    return m;
  },
  toJSON: (m) => ({ ...m }),
};

const NUMBER = /^\d+(?:\.\d+)?$/;

/**
 * Parses the arguments of `/filled <order> <qty> <price> [fee]`, `/partial …` (same) and
 * `/skipped <order> [reason]`: the syntax only (the venue checks them against the order). An error
 * is a sentence saying what to type.
 */
export function parseManualArgs(
  action: ManualAction,
  args: string,
): { order: string; qty?: number; price?: number; fee?: number; reason?: string } | { error: string } {
  const parts = args.trim().split(/\s+/).filter(Boolean);
  const order = parts[0];
  if (action === 'skipped') {
    if (!order) return { error: 'Usage: /skipped <order> [reason]' };
    const reason = parts.slice(1).join(' ');
    return reason ? { order, reason } : { order };
  }
  const usage = `Usage: /${action} <order> <shares> <price> [fee], e.g. /${action} at1b2c3 300 1818.18`;
  if (!order || parts.length < 3 || parts.length > 4) return { error: usage };
  const [q, p, f] = parts.slice(1);
  if (!/^\d+$/.test(q!) || Number(q) <= 0)
    return { error: `shares must be a whole number above 0, got "${q}". ${usage}` };
  if (!NUMBER.test(p!) || Number(p) <= 0)
    return { error: `price must be a number above 0, got "${p}". ${usage}` };
  if (f !== undefined && !NUMBER.test(f)) return { error: `fee must be a number >= 0, got "${f}". ${usage}` };
  return { order, qty: Number(q), price: Number(p), ...(f !== undefined ? { fee: Number(f) } : {}) };
}
