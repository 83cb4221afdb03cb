import type { Control, ControlChange } from '@algotrader/bus';
import { parseInstrument, SimulatedClock } from '@algotrader/core';
import type { AccountFill, HoldingsSnapshot } from '@algotrader/pipeline/domain';
import { describe, expect, test } from 'vitest';
import {
  Commands,
  type ControlAction,
  type ControlPort,
  type ForceExitRequest,
  type HistoryPort,
} from './commands';
import { htmlToPlain } from './html';
import { Ledger } from './ledger';

class FakeControl implements ControlPort {
  state: Control = {
    account: 'main',
    state: 'ACTIVE',
    pausedStrategies: [],
    reason: '',
    updatedMs: 0,
    updatedBy: '',
    revision: 0,
  };
  readonly applied: {
    action: ControlAction;
    change: ControlChange;
    by: string;
    reason: string;
    msgId: string;
  }[] = [];
  async read() {
    return this.state;
  }
  async apply(action: ControlAction, change: ControlChange, by: string, reason: string, msgId: string) {
    this.applied.push({ action, change, by, reason, msgId });
    const paused = new Set(this.state.pausedStrategies);
    if (change.kind === 'pause') paused.add(change.strategy);
    if (change.kind === 'resume') paused.delete(change.strategy);
    this.state = {
      ...this.state,
      state: change.kind === 'state' ? change.state : this.state.state,
      pausedStrategies: [...paused],
      revision: this.state.revision + 1,
    };
    return this.state;
  }
}

const BTC = parseInstrument('OKX:BTC/USDT');
const ETH = parseInstrument('OKX:ETH/USDT');
const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');

function fill(
  n: number,
  instrument: typeof BTC,
  side: 'buy' | 'sell',
  qty: number,
  price: number,
  fee: number,
  timeMs: number,
): AccountFill {
  return {
    tradeId: `t${n}`,
    clientOrderId: `at${n}`,
    account: 'main',
    instrument,
    side,
    qty,
    price,
    fee,
    feeCurrency: 'USDT',
    timeMs,
    maker: false,
  };
}

function snapshot(
  timeMs: number,
  equity: number,
  dayStart: number,
  holdings: HoldingsSnapshot['holdings'] = [],
) {
  return {
    account: 'main',
    timeMs,
    holdings,
    cash: equity,
    equity,
    quote: 'USDT',
    peakEquity: equity,
    dayStartEquity: dayStart,
    drawdown: 0,
    dailyPnl: equity - dayStart,
  } satisfies HoldingsSnapshot;
}

class FakeHistory implements HistoryPort {
  fillList: AccountFill[] = [];
  snapshotList: HoldingsSnapshot[] = [];
  skipped = 0;
  readonly since: (number | undefined)[] = [];
  async fills() {
    return { items: this.fillList, skipped: this.skipped };
  }
  async snapshots(sinceMs: number | undefined) {
    this.since.push(sinceMs);
    return {
      items: this.snapshotList.filter((s) => sinceMs === undefined || s.timeMs >= sinceMs),
      skipped: 0,
    };
  }
}

function setup(strategies: string[] = [], now = 1_000) {
  const control = new FakeControl();
  const ledger = new Ledger(0);
  const history = new FakeHistory();
  const exits: ForceExitRequest[] = [];
  const commands = new Commands({
    account: 'main',
    control,
    ledger,
    clock: new SimulatedClock(now),
    strategies,
    stats: () => ({ messages: 3 }),
    exits: { request: async (r) => void exits.push(r) },
    history,
  });
  return {
    commands,
    control,
    ledger,
    history,
    exits,
    run: async (name: Parameters<Commands['run']>[0], args = '') =>
      htmlToPlain(await commands.run(name, args, { chatId: 7, updateId: 42 })),
  };
}

describe('commands', () => {
  test('/halt, /reduce_only and /resume_trading set the state with a key derived from the update id', async () => {
    const { control, run } = setup();
    expect(await run('halt', 'exchange outage')).toContain(
      'Trading is now HALTED on account main (was ACTIVE)',
    );
    expect(control.applied[0]).toEqual({
      action: 'halt',
      change: { kind: 'state', state: 'HALTED' },
      by: 'telegram:7',
      reason: 'exchange outage',
      msgId: 'ctl:telegram:42',
    });
    expect(await run('reduce_only')).toContain('now REDUCING');
    expect(await run('resume_trading')).toContain('now ACTIVE');
    expect(control.applied.map((a) => a.action)).toEqual(['halt', 'reduce_only', 'activate']);
  });

  test('/pause and /resume take a well-formed strategy name and change nothing otherwise', async () => {
    const { control, run } = setup();
    expect(await run('pause', '')).toContain('Usage: /pause <strategy>');
    expect(await run('pause', 'a.b')).toContain('Usage');
    expect(control.applied).toHaveLength(0);
    expect(await run('pause', 'sma_cross')).toContain('paused now: sma_cross');
    expect(await run('resume', 'sma_cross')).toContain('paused now: none');
  });

  test('with a configured strategy list, an unknown name is refused', async () => {
    const { control, run } = setup(['sma_cross']);
    expect(await run('pause', 'sma_crosss')).toContain('Unknown strategy sma_crosss. Known: sma_cross');
    expect(control.applied).toHaveLength(0);
    expect(await run('strategies')).toContain('▶️ running sma_cross');
  });

  test('read-only commands answer without touching the control state', async () => {
    const { control, run } = setup();
    expect(await run('status')).toContain('ACTIVE · account main');
    expect(await run('positions')).toContain('No position snapshot seen yet');
    expect(await run('balance')).toContain('No balance seen yet');
    expect(await run('pnl')).toContain('Nothing seen yet');
    expect(await run('daily')).toContain('Daily summary');
    expect(await run('help')).toContain('/reduce_only');
    expect(control.applied).toHaveLength(0);
  });

  test('/profit refuses anything but a whole number of days from 1 to 3650, and asks the history for nothing then', async () => {
    const { run, history, commands } = setup();
    for (const bad of ['abc', '0', '-1', '1.5', '7 8', '99999', '3651', '1e3', '<b>']) {
      const reply = await run('profit', bad);
      expect(reply, bad).toContain('Usage: /profit [days]');
    }
    expect(history.since).toHaveLength(0);
    expect(commands.refused).toBe(9);
    expect(await run('profit', '')).toContain('all time');
    expect(await run('profit', ' 7 ')).toContain('last 7 days');
    expect(history.since).toEqual([undefined, Date.parse('1969-12-26T00:00:00Z')]);
  });

  test('/performance: realised P&L after fees, closed round trips and win rate per instrument', async () => {
    const { run, history } = setup();
    history.fillList = [
      // BTC: +100 gross −2 fees = +98 (a win); then −50 −1 = −51 (a loss); then open again.
      fill(1, BTC, 'buy', 1, 1000, 1, T0),
      fill(2, BTC, 'sell', 1, 1100, 1, T0 + 1),
      fill(3, BTC, 'buy', 0.5, 1000, 0.5, T0 + 2),
      fill(4, BTC, 'sell', 0.5, 900, 0.5, T0 + 3),
      fill(5, BTC, 'buy', 0.25, 1000, 0, T0 + 4),
      // ETH: two buys at different prices, one sell of all: avg 150, +50 × 2 = +100, fees 3.
      fill(6, ETH, 'buy', 1, 100, 1, T0 + 5),
      fill(7, ETH, 'buy', 1, 200, 1, T0 + 6),
      fill(8, ETH, 'sell', 2, 200, 1, T0 + 7),
    ];
    const reply = await run('performance');
    const lines = reply.split('\n');
    expect(lines[2]).toBe('1. OKX:ETH/USDT +97.00 · 1 trade · 100% won · fees 3.00');
    expect(lines[3]).toBe('2. OKX:BTC/USDT +47.00 · 2 trades · 50% won · fees 3.00 · open 0.25');
    expect(reply).toContain('Total +144.00 · 3 trades · 67% won');
    expect(reply).toContain('8 fills');
  });

  test('/performance says which fills it could not place instead of failing', async () => {
    const { run, history } = setup();
    expect(await run('performance')).toContain('No fills of account main yet');
    history.fillList = [fill(1, BTC, 'sell', 1, 1000, 0, T0)];
    expect(await run('performance')).toContain('1 fill(s) left out');
    history.skipped = 2;
    expect(await run('performance')).toContain('2 stored fills could not be read and are left out');
  });

  test("/profit: equity change, realised and unrealised, and the account's daily P&L per UTC day", async () => {
    const now = T0 + 2 * DAY + 3_600_000;
    const { run, history } = setup([], now);
    history.fillList = [
      fill(1, BTC, 'buy', 1, 1000, 1, T0 - DAY), // before the window: its cost still counts
      fill(2, BTC, 'sell', 1, 1100, 1, T0 + DAY + 60_000),
    ];
    history.snapshotList = [
      snapshot(T0 - DAY + 3_600_000, 10_000, 10_001),
      snapshot(T0 + 3_600_000, 10_050, 10_000),
      snapshot(T0 + DAY, 10_080, 10_000), // 00:00 closes the day before
      snapshot(T0 + DAY + 3_600_000, 10_098, 10_080),
      snapshot(T0 + 2 * DAY + 3_600_000, 10_098, 10_098),
    ];
    const reply = await run('profit', '3');
    expect(reply).toContain('last 3 days (since 2026-12-01 00:00:00 UTC)');
    expect(reply).toContain('Total: +98.00 USDT (+0.98%) · equity 10000.00 → 10098.00');
    expect(reply).toContain(
      'Realised: +99.00 USDT after fees of 1.00 · 1 fill · 1 closed trade, 1 won (100%)',
    );
    expect(reply).toContain('Unrealised: +0.00 USDT in 0 open positions');
    const days = reply.split('\n').filter((l) => /^2026-/.test(l));
    expect(days).toEqual([
      '2026-12-03      +0.00 (+0.00%) equity 10098.00 · 0 fills',
      '2026-12-02     +18.00 (+0.18%) equity 10098.00 · 1 fill',
      '2026-12-01     +80.00 (+0.80%) equity 10080.00 · 0 fills',
    ]);
  });

  test('/forceexit checks the argument and the position before it publishes anything', async () => {
    const { run, exits, ledger, control, commands } = setup();
    expect(await run('forceexit', '')).toContain('Usage: /forceexit <instrument|all>');
    expect(await run('forceexit', 'BTC/USDT')).toContain('No position snapshot of account main');
    ledger.onSnapshot({
      ...snapshot(T0, 10_000, 10_000, [
        { instrument: BTC, qty: 0.5, avgPrice: 1000, mark: 1100, unrealizedPnl: 50, realizedPnl: 0 },
        { instrument: ETH, qty: 0, avgPrice: undefined, mark: 200, unrealizedPnl: 0, realizedPnl: 10 },
      ]),
    });
    expect(await run('forceexit', 'BTC USDT')).toContain('Usage');
    expect(await run('forceexit', 'not;an;instrument')).toContain('is not an instrument');
    expect(await run('forceexit', 'SOL/USDT')).toContain(
      'Unknown instrument SOL/USDT: account main has no position in it. Open positions: OKX:BTC/USDT.',
    );
    expect(await run('forceexit', 'eth-usdt')).toContain('No open position in OKX:ETH/USDT');
    expect(exits).toHaveLength(0);
    expect(commands.refused).toBe(6);

    control.state = { ...control.state, state: 'HALTED' };
    const reply = await run('forceexit', 'btc/usdt');
    expect(reply).toContain('Force-exit sent (request telegram-42)');
    expect(reply).toContain('OKX:BTC/USDT 0.5 (mark 1100) → order fx');
    expect(reply).toContain('Trading is HALTED: an exit still goes through.');
    expect(exits).toEqual([
      {
        requestId: 'telegram-42',
        instrument: BTC,
        all: false,
        issuedBy: 'telegram:7',
        reason: '/forceexit btc/usdt',
        timeMs: 1_000,
      },
    ]);
    expect(await run('forceexit', 'ALL')).toContain('Force-exit sent');
    expect(exits[1]).toMatchObject({ all: true, instrument: undefined });
  });
});
