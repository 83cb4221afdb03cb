import type { Control } from '@algotrader/bus';
import { h } from './html';
import { type AccountState, drawdown, periodPnl, sumPositions } from './ledger';
import { formatTime, type Message, percent, signed } from './templates';

const DAY_MS = 24 * 60 * 60 * 1000;

function timeOfDayMs(hhmm: string): number {
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  return (hh * 60 + mm) * 60_000;
}

/** The first moment strictly after `afterMs` whose UTC time of day is `hhmm`. */
export function nextDailyDueMs(afterMs: number, hhmm: string): number {
  const dayStart = Math.floor(afterMs / DAY_MS) * DAY_MS;
  const candidate = dayStart + timeOfDayMs(hhmm);
  return candidate > afterMs ? candidate : candidate + DAY_MS;
}

/** The last moment at or before `atMs` whose UTC time of day is `hhmm`. */
export function previousDailyDueMs(atMs: number, hhmm: string): number {
  return nextDailyDueMs(atMs, hhmm) - DAY_MS;
}

export interface DailySummaryInput {
  /** Start of the period the summary covers (the previous summary). */
  readonly periodStartMs: number;
  /** End of the period: the scheduled time, or now for /daily. */
  readonly periodEndMs: number;
  readonly accounts: readonly AccountState[];
  /** Control state per account, when known. */
  readonly controls?: readonly Control[];
  /** Positions listed per account before the rest is summarised as "… and N more". */
  readonly maxPositions?: number;
}

function money(n: number): string {
  return n.toFixed(2);
}

function accountBlock(a: AccountState, control: Control | undefined, maxPositions: number): string[] {
  const lines: string[] = [];
  const state = control
    ? ` · ${control.state}${control.pausedStrategies.length ? ` · ${control.pausedStrategies.length} paused` : ''}`
    : '';
  lines.push(`<b>${h(a.account, 64)}</b>${h(state)}`);
  const snap = a.snapshot;
  const ccy = snap?.quoteCurrency ? ` ${h(snap.quoteCurrency, 12)}` : '';
  const pnl = periodPnl(a);
  if (snap && pnl !== undefined) {
    const base = a.periodStartEquity ?? 0;
    const rel = base > 0 ? ` (${signed((pnl / base) * 100)}%)` : '';
    lines.push(
      `P&amp;L: <b>${signed(pnl)}${ccy}</b>${rel} · equity ${h(snap.equity)} · cash ${h(snap.cash || '?')}`,
    );
    lines.push(
      `unrealized ${signed(sumPositions(a, 'unrealizedPnl'))} · realized (open positions) ${signed(sumPositions(a, 'realizedPnl'))}`,
    );
    lines.push(
      `Drawdown: ${percent(drawdown(a))} from peak ${money(a.peakEquity ?? 0)} · max in period ${percent(a.periodMaxDrawdown)}`,
    );
  } else {
    lines.push('P&amp;L: no position snapshot seen yet');
  }
  const t = a.trades;
  if (t.count === 0) {
    lines.push('Trades: none');
  } else {
    const fees = Object.entries(t.fees)
      .map(([c, v]) => `${v.toFixed(6).replace(/\.?0+$/, '')} ${h(c, 12)}`)
      .join(', ');
    lines.push(
      `Trades: <b>${t.count}</b> (${t.buys} buy / ${t.sells} sell) · traded ${money(t.notional)}${ccy} · fees ${fees}`,
    );
    const symbols = Object.entries(t.bySymbol)
      .sort(([, x], [, y]) => y - x)
      .slice(0, 8)
      .map(([s, n]) => `${h(s, 40)} ×${n}`)
      .join(', ');
    lines.push(`by instrument: ${symbols}`);
  }
  if (a.expired?.length) {
    lines.push(
      `⌛ Expired unanswered: <b>${a.expired.length}</b> · ${a.expired
        .slice(0, 10)
        .map((x) => `<code>${h(x, 80)}</code>`)
        .join(', ')}`,
    );
  }
  const open = (snap?.positions ?? []).filter((p) => Number(p.quantity) !== 0);
  if (open.length === 0) {
    lines.push('Positions: flat');
  } else {
    lines.push(`Positions (${open.length}):`);
    for (const p of open.slice(0, maxPositions)) {
      lines.push(
        `<code>${h(p.instrument, 40)} ${h(p.quantity, 24)} @ ${h(p.averagePrice || '?', 24)} → ${h(p.markPrice || '?', 24)} uPnL ${h(p.unrealizedPnl || '0', 24)}</code>`,
      );
    }
    if (open.length > maxPositions) lines.push(`… and ${open.length - maxPositions} more`);
  }
  return lines;
}

/**
 * The daily summary: per account P&L over the period (equity change), trades, open positions and
 * drawdown, from what the notifier has seen. Pure; the scheduler in the notifier and /daily call it.
 */
export function buildDailySummary(input: DailySummaryInput): Message {
  const controls = new Map((input.controls ?? []).map((c) => [c.account, c]));
  const lines = [
    `📊 <b>Daily summary</b>`,
    `<i>${formatTime(input.periodStartMs)} → ${formatTime(input.periodEndMs)}</i>`,
  ];
  if (input.accounts.length === 0) {
    lines.push('No fills or position snapshots seen in this period.');
  }
  for (const a of input.accounts) {
    lines.push('');
    lines.push(...accountBlock(a, controls.get(a.account), input.maxPositions ?? 15));
  }
  return { title: 'daily summary', html: lines.join('\n') };
}
