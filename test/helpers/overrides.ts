import type { Bus } from '@algotrader/bus';
import type { KV } from '@nats-io/kv';

/**
 * `target` with the members in `replace` swapped in; every other member read through (methods
 * bound to the target). For injecting one fault into a real client without a mock of it.
 */
export function overriding<T extends object>(target: T, replace: Record<string, unknown>): T {
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === 'string' && Object.hasOwn(replace, key)) return replace[key];
      const v = Reflect.get(t, key, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

/** `bus` whose KV bucket `bucket` is `wrap(the real bucket)`; every other bucket as it is. */
export function withBucket(bus: Bus, bucket: string, wrap: (kv: KV) => KV): Bus {
  return overriding(bus, {
    kv: async (name: string) => {
      const kv = await bus.kv(name);
      return name === bucket ? wrap(kv) : kv;
    },
  });
}
