import type { Control } from '@algotrader/bus';
import type { OrderStatus } from '@algotrader/core';
import { type AccountFill, type OrderChange, refOf } from '@algotrader/pipeline/domain';
import { type Alert, pb, type RiskRejection, type Signal } from '@algotrader/proto';
import { h } from './html';

/**
 * Message templates: pure functions from an event to Telegram HTML. No transport, no clock, no I/O —
 * the A-share mode reuses them for its "signal + suggested action" messages.
 */
export interface Message {
  /** One plain line naming the event, used when several are coalesced into "N× title". */
  readonly title: string;
  readonly html: string;
}

type InstrumentLike = { venue?: string | null; symbol?: string | null } | null | undefined;

export function instrumentLabel(i: InstrumentLike): string {
  if (!i?.symbol) return '?';
  return i.venue ? `${i.venue}:${i.symbol}` : i.symbol;
}

function enumName(values: object, v: number | null | undefined, prefix: string): string {
  const name = (values as Record<number, string | undefined>)[v ?? 0];
  return name ? name.slice(prefix.length) : `UNKNOWN_${v}`;
}

export const sideName = (v: number | null | undefined) => enumName(pb.Side, v, 'SIDE_');
export const orderStateName = (v: number | null | undefined) => enumName(pb.OrderState, v, 'ORDER_STATE_');
export const rejectReasonName = (v: number | null | undefined) =>
  enumName(pb.RejectReason, v, 'REJECT_REASON_');
export const severityName = (v: number | null | undefined) => enumName(pb.Severity, v, 'SEVERITY_');

/** `2026-11-26 09:00:05 UTC`; empty for an unset time. */
export function formatTime(ms: number | null | undefined): string {
  const t = Number(ms ?? 0);
  if (!Number.isFinite(t) || t <= 0) return '';
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A signed amount with two decimals: `+12.30`, `-4.00`. */
export function signed(n: number, digits = 2): string {
  return `${n >= 0 ? '+' : '-'}${Math.abs(n).toFixed(digits)}`;
}

export function percent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

const SEVERITY_ICON: Readonly<Record<string, string>> = {
  CRITICAL: '🔴',
  WARNING: '🟠',
  INFO: 'ℹ️',
  UNSPECIFIED: 'ℹ️',
};

export function alertMessage(a: Alert): Message {
  const sev = severityName(a.severity);
  const code = a.code || 'alert';
  const source = a.source || 'unknown';
  const labels = Object.entries(a.labels ?? {})
    .sort(([x], [y]) => x.localeCompare(y))
    .slice(0, 12)
    .map(([k, v]) => `${h(k, 40)}=${h(v, 80)}`)
    .join(' · ');
  const lines = [
    `${SEVERITY_ICON[sev] ?? 'ℹ️'} <b>${h(sev)}</b> <code>${h(code, 80)}</code> from ${h(source, 60)}`,
    h(a.message || '(no message)', 1500),
  ];
  if (labels) lines.push(labels);
  const at = formatTime(a.timeMs);
  if (at) lines.push(`<i>${at}</i>`);
  return { title: `${sev} ${code} from ${source}`, html: lines.join('\n') };
}

export function fillMessage(f: AccountFill): Message {
  const side = f.side.toUpperCase();
  const inst = instrumentLabel(refOf(f.instrument));
  const head = `${side} ${f.qty} ${inst} @ ${f.price}`;
  const fee = f.fee !== 0 ? `fee ${f.fee} ${h(f.feeCurrency)}` : 'no fee';
  return {
    title: `fill ${side} ${inst}`,
    html: [
      `✅ <b>Fill</b> ${h(head)}`,
      `${fee} · ${f.maker ? 'maker' : 'taker'} · account ${h(f.account)}`,
      `order <code>${h(f.clientOrderId)}</code> · trade <code>${h(f.tradeId)}</code>`,
      `<i>${formatTime(f.timeMs)}</i>`,
    ].join('\n'),
  };
}

/** The fill of a force-exit's order: the confirmation the /forceexit reply promised. */
export function forceExitFillMessage(f: AccountFill): Message {
  const inst = instrumentLabel(refOf(f.instrument));
  const fee = f.fee !== 0 ? `fee ${f.fee} ${h(f.feeCurrency)}` : 'no fee';
  return {
    title: `force-exit filled ${inst}`,
    html: [
      `⏏️ <b>Force-exit filled</b>: ${h(`${f.side.toUpperCase()} ${f.qty} ${inst} @ ${f.price}`)}`,
      `${fee} · account ${h(f.account)} · order <code>${h(f.clientOrderId)}</code> · trade <code>${h(f.tradeId)}</code>`,
      `<i>${formatTime(f.timeMs)}</i>`,
    ].join('\n'),
  };
}

/** A force-exit the risk gate refused (nothing held, an exit already open, below the minimum size). */
export function forceExitRefusedMessage(r: RiskRejection): Message {
  const inst = instrumentLabel(r.order?.instrument);
  return {
    title: `force-exit refused ${inst}`,
    html: [
      `⏏️ <b>Force-exit of ${h(inst)} refused</b> by the risk gate: <code>${h(rejectReasonName(r.reason))}</code>`,
      h(r.detail || '', 600),
      `order <code>${h(r.order?.clientOrderId || '?')}</code> · account ${h(r.order?.account || '?')} · <i>${formatTime(r.timeMs)}</i>`,
    ]
      .filter((l) => l !== '')
      .join('\n'),
  };
}

export function rejectionMessage(r: RiskRejection): Message {
  const reason = rejectReasonName(r.reason);
  const o = r.order;
  const what = o
    ? `${o.strategy || '?'}: ${sideName(o.side)} ${o.quantity || o.quoteAmount || '?'} ${instrumentLabel(o.instrument)}`
    : '(order missing)';
  return {
    title: `rejected ${reason} ${o?.strategy ?? ''}`.trim(),
    html: [
      `⛔ <b>Order rejected</b> by the risk gate: <code>${h(reason)}</code>`,
      h(what),
      h(r.detail || '', 600),
      `account ${h(o?.account || '?')} · <i>${formatTime(r.timeMs)}</i>`,
    ]
      .filter((l) => l !== '')
      .join('\n'),
  };
}

/** Order states worth telling a human about; the rest (submitted, filled …) are covered by fills. */
export const NOTABLE_ORDER_STATES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'rejected',
  'canceled',
  'expired',
  'unknown',
]);

/** `PARTIALLY_FILLED`: the status as the proto names it, as the messages always showed it. */
const stateLabel = (s: OrderStatus | undefined): string => (s === undefined ? '?' : s.toUpperCase());

export function orderEventMessage(e: OrderChange): Message {
  const state = stateLabel(e.status);
  const icon = state === 'CANCELED' ? '✖️' : '⚠️';
  const inst = instrumentLabel(refOf(e.instrument));
  return {
    title: `order ${state} ${inst}`,
    html: [
      `${icon} <b>Order ${h(state)}</b> ${h(inst)} (was ${h(stateLabel(e.previous))})`,
      `order <code>${h(e.clientOrderId)}</code> · filled ${e.filledQty} · account ${h(e.account)}`,
      e.reason ? h(e.reason, 600) : '',
      `<i>${formatTime(e.timeMs)}</i>`,
    ]
      .filter((l) => l !== '')
      .join('\n'),
  };
}

const STATE_ICON: Readonly<Record<Control['state'], string>> = { ACTIVE: '🟢', HALTED: '🛑', REDUCING: '🟡' };

export function pausedList(c: Pick<Control, 'pausedStrategies'>): string {
  return c.pausedStrategies.length
    ? c.pausedStrategies.map((s) => `<code>${h(s, 64)}</code>`).join(', ')
    : 'none';
}

/** A change of the control KV seen by the watcher (the risk gate's automatic halts among them). */
export function controlChangeMessage(prev: Control | undefined, next: Control): Message {
  const lines: string[] = [];
  if (!prev || prev.state !== next.state) {
    lines.push(
      `${STATE_ICON[next.state]} Trading <b>${next.state}</b> on account ${h(next.account)}` +
        (prev ? ` (was ${prev.state})` : ''),
    );
  }
  const before = new Set(prev?.pausedStrategies ?? []);
  const after = new Set(next.pausedStrategies);
  const paused = [...after].filter((s) => !before.has(s));
  const resumed = [...before].filter((s) => !after.has(s));
  if (paused.length) lines.push(`⏸ paused: ${paused.map((s) => `<code>${h(s, 64)}</code>`).join(', ')}`);
  if (resumed.length) lines.push(`▶️ resumed: ${resumed.map((s) => `<code>${h(s, 64)}</code>`).join(', ')}`);
  if (lines.length === 0) lines.push(`Control of account ${h(next.account)} rewritten (no change)`);
  lines.push(`by ${h(next.updatedBy || '?')}${next.reason ? `: ${h(next.reason, 300)}` : ''}`);
  const at = formatTime(next.updatedMs);
  if (at) lines.push(`<i>${at}</i>`);
  return { title: `control ${next.account} ${next.state}`, html: lines.join('\n') };
}

/** What a burst of events with one key becomes: one message saying how many, with the latest in full. */
export function coalescedMessage(first: Message, last: Message, count: number, windowMs: number): Message {
  const secs = Math.max(1, Math.round(windowMs / 1000));
  return {
    title: `${count}× ${first.title}`,
    html: [
      `🔁 <b>${count}×</b> ${h(first.title, 200)} within ${secs} s (${count - 1} more since the first message)`,
      'latest:',
      last.html,
    ].join('\n'),
  };
}

export function droppedNotice(dropped: number): string {
  return `⚠️ <b>${dropped}</b> older notification${dropped === 1 ? '' : 's'} dropped (outbox full)`;
}

/** The order a human should place for a signal (A-share mode: the system suggests, a person trades). */
export interface SuggestedOrder {
  readonly side: 'BUY' | 'SELL';
  /** Decimal string, base units (for A-shares: shares, a multiple of the 100-share lot). */
  readonly quantity: string;
  /** Decimal string; absent for "at market / at the open". */
  readonly limitPrice?: string;
  /** Reference price the suggestion was sized at (last close), decimal string. */
  readonly referencePrice?: string;
  /** Until when the suggestion holds, ms UTC (e.g. the next session's close). */
  readonly validUntilMs?: number;
  readonly note?: string;
}

export function signalSuggestionMessage(signal: Signal, order: SuggestedOrder): Message {
  const inst = instrumentLabel(signal.instrument);
  const target = signal.target
    ? signal.target.units
      ? `target position ${signal.target.units} units`
      : `target ${percent(Number(signal.target.equityFraction ?? 0), 1)} of equity`
    : signal.intent
      ? `intent ${sideName(signal.intent.side)} ${signal.intent.quantity ?? ''}`
      : 'no decision';
  const price = order.limitPrice ? `limit ${order.limitPrice}` : 'at market';
  const lines = [
    `📣 <b>Signal</b> ${h(signal.strategy || '?', 64)} · ${h(inst)}`,
    `decided at the close of ${formatTime(signal.closeTimeMs) || '?'}: ${h(target)}`,
    `👉 <b>Suggested: ${order.side} ${h(order.quantity)}</b> ${h(inst)} ${h(price)}`,
  ];
  if (order.referencePrice) lines.push(`reference price ${h(order.referencePrice)}`);
  if (order.validUntilMs) lines.push(`valid until ${formatTime(order.validUntilMs)}`);
  if (order.note) lines.push(h(order.note, 500));
  lines.push('<i>Place the order yourself; nothing was sent to a broker.</i>');
  return { title: `signal ${signal.strategy ?? ''} ${inst}`, html: lines.join('\n') };
}
