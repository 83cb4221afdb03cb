import type { Control, ControlChange, TradingStateName } from '@algotrader/bus';
import {
  assertNever,
  type Clock,
  forceExitOrderId,
  type Instrument,
  parseInstrument,
  telegramControlKey,
} from '@algotrader/core';
import type { AccountFill, HoldingsSnapshot } from '@algotrader/pipeline/domain';
import { buildDailySummary } from './daily';
import { h } from './html';
import { drawdown, type Ledger, type PositionLine, periodPnl, sumPositions } from './ledger';
import { parseProfitDays, performanceOf, profitOf, profitSince } from './performance';
import { formatTime, pausedList, percent, signed } from './templates';

export const COMMANDS = [
  { command: 'status', description: 'Trading state, paused strategies, equity, notifier counters' },
  { command: 'positions', description: 'Open positions from the latest snapshot' },
  { command: 'pnl', description: 'P&L since the last daily summary' },
  { command: 'daily', description: 'The daily summary, now' },
  { command: 'balance', description: 'Cash and equity' },
  { command: 'strategies', description: 'Known strategies and which are paused' },
  { command: 'pause', description: 'Pause a strategy: /pause <strategy>' },
  { command: 'resume', description: 'Resume a strategy: /resume <strategy>' },
  { command: 'performance', description: 'Realised P&L, trades and win rate per instrument' },
  { command: 'profit', description: 'P&L and return, daily: /profit [days] (default: all)' },
  { command: 'forceexit', description: 'Close at market: /forceexit <instrument|all>' },
  { command: 'halt', description: 'Halt trading: no new orders, cancels still go through' },
  { command: 'reduce_only', description: 'Only orders that shrink a position' },
  { command: 'resume_trading', description: 'Back to ACTIVE after /halt or /reduce_only' },
  { command: 'help', description: 'This list' },
] as const;

export type CommandName = (typeof COMMANDS)[number]['command'];

export function isCommandName(s: string): s is CommandName {
  return COMMANDS.some((c) => c.command === s);
}

/** The action token of `ops.control.<action>` and of the ControlCommand's `action`. */
export type ControlAction = 'pause' | 'resume' | 'halt' | 'reduce_only' | 'activate';

/** Changes the control state and announces it; the notifier wires it to the KV and the bus. */
export interface ControlPort {
  read(): Promise<Control>;
  apply(
    action: ControlAction,
    change: ControlChange,
    issuedBy: string,
    reason: string,
    msgId: string,
  ): Promise<Control>;
}

/** A force-exit command as the notifier publishes it (proto ForceExit on sig._forceexit.<account>). */
export interface ForceExitRequest {
  readonly requestId: string;
  /** Undefined with `all`. */
  readonly instrument: Instrument | undefined;
  readonly all: boolean;
  readonly issuedBy: string;
  readonly reason: string;
  readonly timeMs: number;
}

/** Publishes force-exit commands for the risk gate. */
export interface ForceExitPort {
  request(r: ForceExitRequest): Promise<void>;
}

/** What a history read returned, and how many stored messages its codec refused (left out). */
export interface Read<T> {
  readonly items: T[];
  readonly skipped: number;
}

/** The account's history on EXEC: every fill, and the position snapshots since a time. */
export interface HistoryPort {
  fills(): Promise<Read<AccountFill>>;
  snapshots(sinceMs: number | undefined): Promise<Read<HoldingsSnapshot>>;
}

export interface CommandOrigin {
  readonly chatId: number;
  /** Telegram update id: the deterministic key of the ControlCommand published for it. */
  readonly updateId: number;
}

export interface CommandDeps {
  readonly account: string;
  readonly control: ControlPort;
  readonly ledger: Ledger;
  readonly clock: Clock;
  /** Strategies /pause accepts; empty accepts any well-formed name. */
  readonly strategies: readonly string[];
  /** Counters shown by /status. */
  readonly stats: () => Readonly<Record<string, number>>;
  readonly exits: ForceExitPort;
  readonly history: HistoryPort;
}

const STRATEGY_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const STATE_ICON: Readonly<Record<TradingStateName, string>> = { ACTIVE: '🟢', HALTED: '🛑', REDUCING: '🟡' };

/**
 * The bot's commands, independent of Telegram: a command name, its argument text and who sent it in,
 * a reply (Telegram HTML) out. The allowlist is checked before anything reaches this class.
 */
export class Commands {
  readonly #d: CommandDeps;
  /** Commands answered with a usage line or a refusal (bad argument, nothing to act on): a metric. */
  refused = 0;

  constructor(deps: CommandDeps) {
    this.#d = deps;
  }

  async run(name: CommandName, args: string, from: CommandOrigin): Promise<string> {
    const arg = args.trim();
    switch (name) {
      case 'status':
        return this.#status();
      case 'positions':
        return this.#positions();
      case 'pnl':
        return this.#pnl();
      case 'daily':
        return this.#daily();
      case 'balance':
        return this.#balance();
      case 'strategies':
        return this.#strategies();
      case 'pause':
      case 'resume':
        return this.#pauseResume(name, arg, from);
      case 'performance':
        return this.#performance();
      case 'profit':
        return this.#profit(arg);
      case 'forceexit': {
        const sent = { published: false };
        const reply = await this.#forceExit(arg, from, sent);
        if (!sent.published) this.refused += 1;
        return reply;
      }
      case 'halt':
        return this.#setState('halt', 'HALTED', arg, from);
      case 'reduce_only':
        return this.#setState('reduce_only', 'REDUCING', arg, from);
      case 'resume_trading':
        return this.#setState('activate', 'ACTIVE', arg, from);
      case 'help':
        return help();
      default:
        return assertNever(name, 'command');
    }
  }

  async #status(): Promise<string> {
    const c = await this.#d.control.read();
    const lines = [
      `${STATE_ICON[c.state]} <b>${c.state}</b> · account ${h(c.account)}`,
      `paused: ${pausedList(c)}`,
    ];
    if (c.updatedBy) {
      lines.push(
        `last change by ${h(c.updatedBy)} at ${formatTime(c.updatedMs)}${c.reason ? `: ${h(c.reason)}` : ''}`,
      );
    }
    for (const a of this.#d.ledger.accounts()) {
      if (!a.snapshot) continue;
      lines.push(
        `<b>${h(a.account)}</b> equity ${h(a.snapshot.equity || '?')} ${h(a.snapshot.quoteCurrency)} · drawdown ${percent(drawdown(a))} · as of ${formatTime(a.snapshot.timeMs)}`,
      );
    }
    const s = this.#d.stats();
    lines.push(
      `notifier: ${Object.entries(s)
        .map(([k, v]) => `${h(k)} ${v}`)
        .join(' · ')}`,
    );
    return lines.join('\n');
  }

  #positions(): string {
    const accounts = this.#d.ledger.accounts().filter((a) => a.snapshot);
    if (accounts.length === 0) return 'No position snapshot seen yet.';
    const lines: string[] = [];
    for (const a of accounts) {
      const snap = a.snapshot!;
      const open = snap.positions.filter((p) => Number(p.quantity) !== 0);
      lines.push(`<b>${h(a.account)}</b> · ${open.length} open · as of ${formatTime(snap.timeMs)}`);
      for (const p of open.slice(0, 40)) {
        lines.push(
          `<code>${h(p.instrument, 40)} ${h(p.quantity, 24)} @ ${h(p.averagePrice || '?', 24)} mark ${h(p.markPrice || '?', 24)} uPnL ${h(p.unrealizedPnl || '0', 24)}</code>`,
        );
      }
      if (open.length > 40) lines.push(`… and ${open.length - 40} more`);
    }
    return lines.join('\n');
  }

  #pnl(): string {
    const lines = [`P&amp;L since ${formatTime(this.#d.ledger.periodStartMs)}`];
    const accounts = this.#d.ledger.accounts();
    if (accounts.length === 0) lines.push('Nothing seen yet.');
    for (const a of accounts) {
      const pnl = periodPnl(a);
      const ccy = a.snapshot?.quoteCurrency ? ` ${h(a.snapshot.quoteCurrency)}` : '';
      lines.push(
        `<b>${h(a.account)}</b> ${pnl === undefined ? 'no snapshot yet' : `<b>${signed(pnl)}${ccy}</b>`} · unrealized ${signed(sumPositions(a, 'unrealizedPnl'))} · realized ${signed(sumPositions(a, 'realizedPnl'))} · ${a.trades.count} trades`,
      );
    }
    return lines.join('\n');
  }

  async #daily(): Promise<string> {
    const control = await this.#d.control.read();
    return buildDailySummary({
      periodStartMs: this.#d.ledger.periodStartMs,
      periodEndMs: this.#d.clock.now(),
      accounts: this.#d.ledger.accounts(),
      controls: [control],
    }).html;
  }

  #balance(): string {
    const accounts = this.#d.ledger.accounts().filter((a) => a.snapshot);
    if (accounts.length === 0) return 'No balance seen yet (no position snapshot).';
    return accounts
      .map((a) => {
        const s = a.snapshot!;
        return `<b>${h(a.account)}</b> cash ${h(s.cash || '?')} · equity ${h(s.equity || '?')} ${h(s.quoteCurrency)} · as of ${formatTime(s.timeMs)}`;
      })
      .join('\n');
  }

  async #performance(): Promise<string> {
    const account = this.#d.account;
    const read = await this.#d.history.fills();
    const r = performanceOf(read.items);
    if (r.fills === 0 && r.unmatched.length === 0 && read.skipped === 0) {
      return `No fills of account ${h(account)} yet.`;
    }
    const quote = this.#quote();
    const lines = [
      `📈 <b>Performance</b> · account ${h(account)} · ${r.fills} fills ${formatTime(r.firstMs)} → ${formatTime(r.lastMs)}`,
      '<i>realised P&amp;L after fees · closed trades (flat to flat) · won</i>',
    ];
    let total = 0;
    let trades = 0;
    let wins = 0;
    r.rows.slice(0, 30).forEach((x, n) => {
      const rate = x.trades > 0 ? ` · ${Math.round((100 * x.wins) / x.trades)}% won` : '';
      const open = x.openQty > 0 ? ` · open ${x.openQty}` : '';
      lines.push(
        `${n + 1}. <code>${h(x.instrument, 40)}</code> <b>${signed(x.realized)}</b>${quote} · ${x.trades} trade${x.trades === 1 ? '' : 's'}${rate} · fees ${x.fees.toFixed(2)}${open}`,
      );
    });
    for (const x of r.rows) {
      total += x.realized;
      trades += x.trades;
      wins += x.wins;
    }
    if (r.rows.length > 30) lines.push(`… and ${r.rows.length - 30} more`);
    lines.push(
      `Total <b>${signed(total)}</b>${quote} · ${trades} trade${trades === 1 ? '' : 's'}${trades > 0 ? ` · ${Math.round((100 * wins) / trades)}% won` : ''}`,
    );
    if (r.unmatched.length > 0) {
      lines.push(
        `⚠️ ${r.unmatched.length} fill(s) left out: they sell more than the fills before them bought (a holding adopted from the exchange?)`,
      );
    }
    if (r.otherFees > 0) lines.push(`⚠️ ${r.otherFees} fee(s) in a third currency counted as 0`);
    if (read.skipped > 0) lines.push(unreadable(read.skipped, 'fill'));
    return lines.join('\n');
  }

  async #profit(arg: string): Promise<string> {
    const parsed = parseProfitDays(arg);
    if (!parsed) {
      this.refused += 1;
      return `Usage: /profit [days] — days is a whole number from 1 to 3650 (e.g. /profit 7); without it, everything. Got <code>${h(arg, 40)}</code>.`;
    }
    const since = parsed.days === undefined ? undefined : profitSince(this.#d.clock.now(), parsed.days);
    const [fills, snapshots] = await Promise.all([this.#d.history.fills(), this.#d.history.snapshots(since)]);
    const r = profitOf(fills.items, snapshots.items, since);
    const account = this.#d.account;
    const window =
      parsed.days === undefined
        ? 'all time'
        : `last ${parsed.days} day${parsed.days === 1 ? '' : 's'} (since ${formatTime(since)})`;
    const ccy = r.quote ? ` ${h(r.quote, 12)}` : '';
    const lines = [`💰 <b>Profit</b> · account ${h(account)} · ${window}`];
    if (r.total === undefined || r.startEquity === undefined || r.equity === undefined) {
      lines.push('No position snapshot in this window: equity is not known yet.');
    } else {
      const ret = r.ret === undefined ? '' : ` (${signed(r.ret * 100)}%)`;
      lines.push(
        `Total: <b>${signed(r.total)}${ccy}</b>${ret} · equity ${r.startEquity.toFixed(2)} → ${r.equity.toFixed(2)} as of ${formatTime(r.asOfMs)}`,
      );
    }
    const rate = r.trades > 0 ? `, ${r.wins} won (${Math.round((100 * r.wins) / r.trades)}%)` : '';
    lines.push(
      `Realised: ${signed(r.realized)}${ccy} after fees of ${r.fees.toFixed(2)} · ${r.fills} fill${r.fills === 1 ? '' : 's'} · ${r.trades} closed trade${r.trades === 1 ? '' : 's'}${rate}`,
    );
    if (r.unrealized !== undefined) {
      lines.push(
        `Unrealised: ${signed(r.unrealized)}${ccy} in ${r.openPositions} open position${r.openPositions === 1 ? '' : 's'}`,
      );
    }
    if (r.days.length > 0) {
      lines.push("Daily (UTC, the account's daily P&amp;L):");
      for (const d of r.days.slice(0, 31)) {
        const ret = d.ret === undefined ? '' : ` (${signed(d.ret * 100)}%)`;
        lines.push(
          `<code>${d.day} ${signed(d.pnl).padStart(10)}${ret}</code> equity ${d.equity.toFixed(2)} · ${d.fills} fill${d.fills === 1 ? '' : 's'}`,
        );
      }
      if (r.days.length > 31)
        lines.push(`… and ${r.days.length - 31} earlier days (ask for fewer: /profit 7)`);
    }
    if (r.unmatched > 0)
      lines.push(`⚠️ ${r.unmatched} fill(s) left out of the realised figures (see /performance)`);
    return lines.join('\n');
  }

  #quote(): string {
    const q = this.#d.ledger.account(this.#d.account)?.snapshot?.quoteCurrency;
    return q ? ` ${h(q, 12)}` : '';
  }

  async #forceExit(arg: string, from: CommandOrigin, sent: { published: boolean }): Promise<string> {
    const usage = 'Usage: /forceexit &lt;instrument|all&gt;, e.g. /forceexit BTC/USDT (see /positions)';
    if (arg === '' || /\s/.test(arg)) return usage;
    const account = this.#d.account;
    const snap = this.#d.ledger.account(account)?.snapshot;
    if (!snap) {
      return `No position snapshot of account ${h(account)} seen yet, so I cannot tell what is held. Try again after the next bar closes (/positions shows what I know).`;
    }
    const open = snap.positions.filter((p) => Number(p.quantity) > 0);
    const openList = open.length ? open.map((p) => `<code>${h(p.instrument, 40)}</code>`).join(', ') : 'none';
    const all = arg.toLowerCase() === 'all';
    let targets: PositionLine[];
    if (all) {
      if (open.length === 0)
        return `Account ${h(account)} holds nothing to close (as of ${formatTime(snap.timeMs)}).`;
      targets = open;
    } else {
      const want = arg.toUpperCase().replace(/-/g, '/');
      if (!/^([A-Z0-9_]+:)?[A-Z0-9]+\/[A-Z0-9]+$/.test(want)) {
        return `<code>${h(arg, 40)}</code> is not an instrument. ${usage}`;
      }
      const matches = snap.positions.filter((p) => {
        const label = p.instrument.toUpperCase();
        return label === want || label.slice(label.indexOf(':') + 1) === want;
      });
      if (matches.length === 0) {
        return `Unknown instrument <code>${h(want, 40)}</code>: account ${h(account)} has no position in it. Open positions: ${openList}.`;
      }
      if (matches.length > 1) {
        return `<code>${h(want, 40)}</code> is ambiguous: name the venue, e.g. <code>/forceexit ${h(matches[0]!.instrument, 40)}</code>.`;
      }
      const m = matches[0]!;
      if (!(Number(m.quantity) > 0)) {
        return `No open position in <code>${h(m.instrument, 40)}</code> (flat as of ${formatTime(snap.timeMs)}). Open positions: ${openList}.`;
      }
      targets = [m];
    }
    const requestId = `telegram-${from.updateId}`;
    const control = await this.#d.control.read();
    await this.#d.exits.request({
      requestId,
      instrument: all ? undefined : parseInstrument(targets[0]!.instrument),
      all,
      issuedBy: `telegram:${from.chatId}`,
      reason: `/forceexit ${arg}`,
      timeMs: this.#d.clock.now(),
    });
    sent.published = true;
    const lines = [
      `⏏️ <b>Force-exit sent</b> (request <code>${requestId}</code>): a market sell of the whole position, through the risk gate and the order-router.`,
    ];
    for (const t of targets) {
      const id = forceExitOrderId(account, parseInstrument(t.instrument), requestId);
      lines.push(
        `<code>${h(t.instrument, 40)} ${h(t.quantity, 24)}</code> (mark ${h(t.markPrice || '?', 24)}) → order <code>${id}</code>`,
      );
    }
    if (control.state !== 'ACTIVE') lines.push(`Trading is ${control.state}: an exit still goes through.`);
    lines.push('The fill, or the reason it was refused, follows here.');
    return lines.join('\n');
  }

  async #strategies(): Promise<string> {
    const c = await this.#d.control.read();
    const paused = new Set(c.pausedStrategies);
    const all = [
      ...new Set([...this.#d.strategies, ...this.#d.ledger.strategies, ...c.pausedStrategies]),
    ].sort();
    if (all.length === 0) return 'No strategies known yet (set NOTIFIER_STRATEGIES to list them).';
    return [
      `Strategies on account ${h(c.account)} (trading ${c.state}):`,
      ...all.map((s) => `${paused.has(s) ? '⏸ paused' : '▶️ running'} <code>${h(s, 64)}</code>`),
    ].join('\n');
  }

  async #pauseResume(action: 'pause' | 'resume', strategy: string, from: CommandOrigin): Promise<string> {
    if (!STRATEGY_NAME.test(strategy)) {
      this.refused += 1;
      return `Usage: /${action} &lt;strategy&gt; (letters, digits, _ and - only)`;
    }
    if (this.#d.strategies.length > 0 && !this.#d.strategies.includes(strategy)) {
      return `Unknown strategy <code>${h(strategy, 64)}</code>. Known: ${this.#d.strategies.map((s) => `<code>${h(s, 64)}</code>`).join(', ')}`;
    }
    const next = await this.#d.control.apply(
      action,
      { kind: action, strategy },
      `telegram:${from.chatId}`,
      `/${action} ${strategy}`,
      controlMsgId(from),
    );
    return [
      `${action === 'pause' ? '⏸' : '▶️'} Strategy <code>${h(strategy, 64)}</code> ${action === 'pause' ? 'paused' : 'resumed'} on account ${h(next.account)}.`,
      `paused now: ${pausedList(next)}`,
    ].join('\n');
  }

  async #setState(
    action: 'halt' | 'reduce_only' | 'activate',
    state: TradingStateName,
    reason: string,
    from: CommandOrigin,
  ): Promise<string> {
    const before = await this.#d.control.read();
    const next = await this.#d.control.apply(
      action,
      { kind: 'state', state },
      `telegram:${from.chatId}`,
      reason || `/${action === 'activate' ? 'resume_trading' : action} from Telegram`,
      controlMsgId(from),
    );
    return `${STATE_ICON[next.state]} Trading is now <b>${next.state}</b> on account ${h(next.account)} (was ${before.state}).`;
  }
}

const unreadable = (n: number, what: string) =>
  `⚠️ ${n} stored ${what}${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'is' : 'are'} left out (the notifier log names them)`;

/** Deterministic: a redelivered Telegram update publishes nothing new within the duplicate window. */
export function controlMsgId(from: CommandOrigin): string {
  return telegramControlKey(from.updateId);
}

export function help(): string {
  return ['Commands:', ...COMMANDS.map((c) => `/${c.command} — ${h(c.description)}`)].join('\n');
}
