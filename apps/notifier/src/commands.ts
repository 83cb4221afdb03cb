import type { Control, ControlChange, TradingStateName } from '@algotrader/bus';
import { assertNever, type Clock, telegramControlKey } from '@algotrader/core';
import { buildDailySummary } from './daily';
import { h } from './html';
import { drawdown, type Ledger, periodPnl, sumPositions } from './ledger';
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
}

const STRATEGY_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const STATE_ICON: Readonly<Record<TradingStateName, string>> = { ACTIVE: '🟢', HALTED: '🛑', REDUCING: '🟡' };

/**
 * The bot's commands, independent of Telegram: a command name, its argument text and who sent it in,
 * a reply (Telegram HTML) out. The allowlist is checked before anything reaches this class.
 */
export class Commands {
  readonly #d: CommandDeps;

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

/** Deterministic: a redelivered Telegram update publishes nothing new within the duplicate window. */
export function controlMsgId(from: CommandOrigin): string {
  return telegramControlKey(from.updateId);
}

export function help(): string {
  return ['Commands:', ...COMMANDS.map((c) => `/${c.command} — ${h(c.description)}`)].join('\n');
}
