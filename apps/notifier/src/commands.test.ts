import type { Control, ControlChange } from '@algotrader/bus';
import { SimulatedClock } from '@algotrader/core';
import { describe, expect, test } from 'vitest';
import { Commands, type ControlAction, type ControlPort } from './commands';
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

function setup(strategies: string[] = []) {
  const control = new FakeControl();
  const commands = new Commands({
    account: 'main',
    control,
    ledger: new Ledger(0),
    clock: new SimulatedClock(1_000),
    strategies,
    stats: () => ({ messages: 3 }),
  });
  return {
    control,
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
});
