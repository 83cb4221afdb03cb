import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { AccountStore, POSITIONS_BUCKET } from '@algotrader/pipeline';
import { newAccount } from '@algotrader/pipeline/domain';
import { NatsServer, scaled } from '@algotrader/testkit';
import type { KV } from '@nats-io/kv';
import { expect, test, vi } from 'vitest';

vi.setConfig({ testTimeout: scaled(60_000) });

/**
 * The order-router's account save after a failover: a compare-and-set that was stored but whose
 * answer never came (the node died after storing it) is ours. When the router then saves a newer
 * state from the revision it knew, the stored value is that unanswered write: the store takes it
 * as its own and writes over it, instead of halting as if a second router were running. A value
 * nobody of ours wrote is still a conflict.
 */
test('a save stored without an answer is recognised when the next, newer save finds it', async () => {
  const server = await NatsServer.start();
  const bus = await Bus.connect({ servers: server.url, service: 'test' });
  try {
    await bus.ensure(SYSTEM_TOPOLOGY);
    const real = await bus.kv(POSITIONS_BUCKET);
    let loseNextAnswer = false;
    // The bucket as the router sees it: one update is stored, then its answer is lost.
    const kv = new Proxy(real, {
      get: (target, prop) => {
        if (prop === 'update')
          return async (k: string, v: Uint8Array, rev: number) => {
            const r = await target.update(k, v, rev);
            if (loseNextAnswer) {
              loseNextAnswer = false;
              throw new Error('TimeoutError: timeout');
            }
            return r;
          };
        const f = Reflect.get(target, prop, target);
        return typeof f === 'function' ? f.bind(target) : f;
      },
    }) as KV;
    const store = new AccountStore(kv, 'paper');
    await store.load();
    const s0 = newAccount('paper', 1_000, 'USDT');
    await store.save(s0);
    const s1 = { ...s0, fills: 1 };
    loseNextAnswer = true;
    await expect(store.save(s1)).rejects.toThrow(/timeout/);
    // The state moved on before it was saved again: the stored value is s1, ours.
    const s2 = { ...s1, fills: 2 };
    await store.save(s2);
    const again = new AccountStore(real, 'paper');
    expect((await again.load())?.fills).toBe(2);

    // Somebody else's write is still a conflict.
    await real.put('account.paper', new Uint8Array([1, 2, 3]));
    await expect(store.save({ ...s2, fills: 3 })).rejects.toThrow(/another writer/);
  } finally {
    await bus.close();
    await server.stop();
  }
});
