import { formatInstrument } from '@algotrader/core';
import {
  type AccountFill,
  dec,
  type HoldingsSnapshot,
  type OrderChange,
  refOf,
} from '@algotrader/pipeline/domain';
import { instrumentLabel } from './templates';

/**
 * What the notifier has seen of each account since the current summary period began: fills and the
 * latest PositionSnapshot. Pure state (no clock, no I/O), serialisable for the checkpoint KV, fed by
 * the consumers and read by the daily summary and the /pnl, /positions, /balance commands.
 */

export interface PositionLine {
  readonly instrument: string;
  readonly quantity: string;
  readonly averagePrice: string;
  readonly markPrice: string;
  readonly unrealizedPnl: string;
  readonly realizedPnl: string;
}

export interface AccountSnapshot {
  readonly timeMs: number;
  readonly cash: string;
  readonly equity: string;
  readonly quoteCurrency: string;
  /** The account's own figures (its Account computed them); '' when the snapshot had none. */
  readonly peakEquity: string;
  /** equity / peak − 1 (≤ 0), as the account reports it. */
  readonly drawdown: string;
  readonly positions: readonly PositionLine[];
}

export interface TradeStats {
  count: number;
  buys: number;
  sells: number;
  /** Sum of quantity × price, quote currency (for display; the exact figures live in the fills). */
  notional: number;
  fees: Record<string, number>;
  bySymbol: Record<string, number>;
}

export interface AccountState {
  account: string;
  snapshot: AccountSnapshot | undefined;
  /** Equity when the period began (or at the first snapshot seen in it). */
  periodStartEquity: number | undefined;
  /** The account's peak equity, as its latest snapshot reports it. */
  peakEquity: number | undefined;
  /** Largest drawdown from the peak seen during the period, as a fraction. */
  periodMaxDrawdown: number;
  trades: TradeStats;
  /** Orders that expired in the period (e.g. notify-venue suggestions nobody answered): `<instrument> <id>`. */
  expired?: string[];
}

export interface LedgerState {
  periodStartMs: number;
  accounts: Record<string, AccountState>;
  /** Trade ids counted in this period: a redelivered fill is not counted twice. */
  tradeIds: string[];
  /** Strategy names seen on rejected orders (fills do not carry one). */
  strategies: string[];
}

const MAX_TRADE_IDS = 20_000;

const emptyTrades = (): TradeStats => ({ count: 0, buys: 0, sells: 0, notional: 0, fees: {}, bySymbol: {} });

const text = (x: number | undefined): string => (x === undefined ? '' : dec(x));

function num(s: string | null | undefined): number {
  const n = Number(s ?? '');
  return Number.isFinite(n) ? n : 0;
}

export class Ledger {
  #periodStartMs: number;
  readonly #accounts = new Map<string, AccountState>();
  readonly #tradeIds = new Set<string>();
  readonly #strategies = new Set<string>();

  constructor(periodStartMs: number) {
    this.#periodStartMs = periodStartMs;
  }

  static fromState(s: LedgerState): Ledger {
    const l = new Ledger(s.periodStartMs);
    for (const [k, v] of Object.entries(s.accounts)) l.#accounts.set(k, structuredClone(v));
    for (const id of s.tradeIds) l.#tradeIds.add(id);
    for (const st of s.strategies) l.#strategies.add(st);
    return l;
  }

  get periodStartMs(): number {
    return this.#periodStartMs;
  }

  #account(account: string): AccountState {
    let a = this.#accounts.get(account);
    if (!a) {
      a = {
        account,
        snapshot: undefined,
        periodStartEquity: undefined,
        peakEquity: undefined,
        periodMaxDrawdown: 0,
        trades: emptyTrades(),
      };
      this.#accounts.set(account, a);
    }
    return a;
  }

  /** Counts a fill of the period, once per trade id. A fill from before the period is not counted. */
  onFill(f: AccountFill): 'counted' | 'duplicate' | 'earlier' {
    const id = `${f.account}:${f.tradeId}`;
    if (f.timeMs < this.#periodStartMs) return 'earlier';
    if (this.#tradeIds.has(id)) return 'duplicate';
    this.#tradeIds.add(id);
    if (this.#tradeIds.size > MAX_TRADE_IDS) this.#tradeIds.delete(this.#tradeIds.values().next().value!);
    const t = this.#account(f.account).trades;
    t.count += 1;
    if (f.side === 'buy') t.buys += 1;
    else t.sells += 1;
    t.notional += f.qty * f.price;
    const cur = f.feeCurrency || '?';
    t.fees[cur] = (t.fees[cur] ?? 0) + f.fee;
    const sym = instrumentLabel(refOf(f.instrument));
    t.bySymbol[sym] = (t.bySymbol[sym] ?? 0) + 1;
    return 'counted';
  }

  /**
   * Keeps the newest snapshot per account; peak and drawdown are the account's own figures, read
   * from it (the notifier keeps only the period's largest drawdown).
   */
  onSnapshot(s: HoldingsSnapshot): void {
    const a = this.#account(s.account);
    if (a.snapshot && s.timeMs < a.snapshot.timeMs) return;
    // Kept as the decimal text the message carried: the checkpoint and the templates show it as is.
    a.snapshot = {
      timeMs: s.timeMs,
      cash: dec(s.cash),
      equity: dec(s.equity),
      quoteCurrency: s.quote,
      peakEquity: text(s.peakEquity),
      drawdown: text(s.drawdown),
      positions: s.holdings.map((p) => ({
        instrument: instrumentLabel(refOf(p.instrument)),
        quantity: dec(p.qty),
        averagePrice: text(p.avgPrice),
        markPrice: text(p.mark),
        unrealizedPnl: text(p.unrealizedPnl),
        realizedPnl: text(p.realizedPnl),
      })),
    };
    a.periodStartEquity ??= s.equity;
    a.peakEquity = s.peakEquity;
    a.periodMaxDrawdown = Math.max(a.periodMaxDrawdown, drawdown(a));
  }

  noteStrategy(name: string | null | undefined): void {
    if (name && this.#strategies.size < 1000) this.#strategies.add(name);
  }

  get strategies(): string[] {
    return [...this.#strategies].sort();
  }

  /** Notes an order that expired during the period (listed in the daily summary; at most 50 kept). */
  onOrder(e: OrderChange): boolean {
    if (e.status !== 'expired' || e.timeMs < this.#periodStartMs) return false;
    const a = this.#account(e.account);
    const line = `${formatInstrument(e.instrument)} ${e.clientOrderId}`;
    a.expired ??= [];
    if (a.expired.includes(line)) return false;
    if (a.expired.length < 50) a.expired.push(line);
    return true;
  }

  /** Begins a new period at `startMs`: trades reset, equity and drawdown measured from here. */
  startPeriod(startMs: number): void {
    this.#periodStartMs = startMs;
    this.#tradeIds.clear();
    for (const a of this.#accounts.values()) {
      a.trades = emptyTrades();
      delete a.expired;
      a.periodStartEquity = a.snapshot?.equity ? num(a.snapshot.equity) : undefined;
      a.periodMaxDrawdown = drawdown(a);
    }
  }

  account(account: string): AccountState | undefined {
    return this.#accounts.get(account);
  }

  accounts(): AccountState[] {
    return [...this.#accounts.values()].sort((x, y) => x.account.localeCompare(y.account));
  }

  toState(): LedgerState {
    return {
      periodStartMs: this.#periodStartMs,
      accounts: Object.fromEntries([...this.#accounts].map(([k, v]) => [k, structuredClone(v)])),
      tradeIds: [...this.#tradeIds],
      strategies: [...this.#strategies],
    };
  }
}

/** Current drawdown below the peak as the account reports it, a positive fraction (0 without one). */
export function drawdown(a: Pick<AccountState, 'snapshot'>): number {
  return a.snapshot?.drawdown ? 0 - num(a.snapshot.drawdown) : 0;
}

/** Equity change since the period began; undefined before any snapshot. */
export function periodPnl(a: Pick<AccountState, 'periodStartEquity' | 'snapshot'>): number | undefined {
  if (a.periodStartEquity == null || !a.snapshot?.equity) return undefined;
  return num(a.snapshot.equity) - a.periodStartEquity;
}

export function sumPositions(
  a: Pick<AccountState, 'snapshot'>,
  field: 'unrealizedPnl' | 'realizedPnl',
): number {
  return (a.snapshot?.positions ?? []).reduce((s, p) => s + num(p[field]), 0);
}
