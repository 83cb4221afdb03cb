import { Bus, haltKey, readControl, requestHalt, SYSTEM_TOPOLOGY, updateControl } from '@algotrader/bus';
import { CONTROL_BUCKET, ControlFollower } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test, vi } from 'vitest';

vi.setConfig({ testTimeout: scaled(60_000) });

/**
 * The risk gate follows the control state instead of reading it per decision: after every kind of
 * write (an operator command, a stage's halt, a forged non-halt on a halt key, a resume) the
 * followed value must come to equal what a fresh `readControl` returns — with no poll to help
 * (its interval is longer than the test), so the watch is what delivers it.
 */
describe('ControlFollower', () => {
  test('follows every control write to exactly what readControl reads', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    let follower: ControlFollower | undefined;
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      const kv = await bus.kv(CONTROL_BUCKET);
      follower = new ControlFollower(kv, 'paper', 3_600_000);
      await follower.start();
      const f = follower;
      expect(f.value).toEqual(await readControl(kv, 'paper'));
      expect(f.value.state).toBe('ACTIVE');

      const same = async (what: string) => {
        const fresh = await readControl(kv, 'paper');
        await waitFor(
          () => JSON.stringify(f.value) === JSON.stringify(fresh),
          20_000,
          `the follower after ${what}`,
        );
        return f.value;
      };
      await updateControl(kv, 'paper', { kind: 'pause', strategy: 'sma' }, 'telegram', 'test', 1);
      expect((await same('a pause')).pausedStrategies).toEqual(['sma']);
      await requestHalt(kv, 'paper', 'risk-gate', 'drawdown', 2);
      expect((await same("the gate's halt")).state).toBe('HALTED');
      await updateControl(kv, 'paper', { kind: 'state', state: 'ACTIVE' }, 'telegram', 'resume', 3);
      expect((await same('a resume')).state).toBe('ACTIVE');
      // A stage may only halt: anything else on its key is held as HALTED, and said.
      await kv.put(
        haltKey('paper', 'order-router'),
        codecs.ControlState.encode({
          account: 'paper',
          state: 0,
          pausedStrategies: [],
          reason: 'forged',
          updatedMs: 4,
          updatedBy: 'order-router',
        }),
      );
      const forged = await same('a forged ACTIVE on a halt key');
      expect(forged.state).toBe('HALTED');
      expect(forged.refused?.[0]).toMatch(/order-router wrote ACTIVE to its halt key/);
      await kv.delete(haltKey('paper', 'risk-gate'));
      await updateControl(kv, 'paper', { kind: 'state', state: 'REDUCING' }, 'telegram', 'reduce', 5);
      expect((await same('reduce-only after a delete')).state).toBe('REDUCING');
      // Another account's keys do not touch this one.
      await requestHalt(kv, 'other', 'risk-gate', 'theirs', 6);
      await updateControl(kv, 'paper', { kind: 'resume', strategy: 'sma' }, 'telegram', 'resume sma', 7);
      const last = await same('a strategy resumed');
      expect(last.state).toBe('REDUCING');
      expect(last.pausedStrategies).toEqual([]);
    } finally {
      follower?.stop();
      await bus.close();
      await server.stop();
    }
  });
});
