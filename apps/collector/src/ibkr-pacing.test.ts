import { describe, expect, test } from 'vitest';
import { HistoricalPacer, IBKR_HISTORICAL_PACING, PacedQueue, type PacingClock } from './ibkr-pacing';

/** A simulated clock: sleeping moves time, nothing waits for real. */
function simClock(): PacingClock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

describe('IBKR historical-data pacing', () => {
  test('under load (180 requests at once, 12 contracts, 30 repeats): ≤ 60 per 10 min, identical ≥ 15 s apart, ≤ 6 per contract per 2 s', async () => {
    const clock = simClock();
    const q = new PacedQueue(clock);
    const sent: { t: number; key: string; contract: string }[] = [];
    const reqs = Array.from({ length: 180 }, (_, i) => {
      const contract = `STK:SYM${i % 12}:SMART:TRADES`;
      // Every sixth request repeats the one before it (a retry, a second caller): identical parameters.
      const n = i % 6 === 5 ? i - 1 : i;
      return { key: `${contract}|end=${n}|1 D|1 hour|RTH`, contractKey: contract };
    });
    await Promise.all(
      reqs.map((r) =>
        q.run(r, async () => {
          sent.push({ t: clock.now(), key: r.key, contract: r.contractKey });
          return r.key;
        }),
      ),
    );
    expect(sent).toHaveLength(180);
    const L = IBKR_HISTORICAL_PACING;
    for (let i = 0; i < sent.length; i++) {
      const t = sent[i]!.t;
      expect(sent.filter((s) => s.t >= t && s.t < t + L.windowMs).length).toBeLessThanOrEqual(60);
      const c = sent.filter(
        (s) => s.contract === sent[i]!.contract && s.t >= t && s.t < t + L.sameContractWindowMs,
      );
      expect(c.length).toBeLessThanOrEqual(6);
    }
    const lastByKey = new Map<string, number>();
    for (const s of sent) {
      const prev = lastByKey.get(s.key);
      if (prev !== undefined) expect(s.t - prev, s.key).toBeGreaterThanOrEqual(15_000);
      lastByKey.set(s.key, s.t);
    }
    // Not slower than the rules: the first 60 go at once (repeats aside), request 61 at 10:00, 121 at 20:00.
    const times = sent.map((s) => s.t);
    expect(times[59]! < 600_000 && times[60]! === 600_000 && times[120]! === 1_200_000).toBe(true);
    expect(times.at(-1)).toBe(1_200_000);
    expect(q.waitedMs).toBeGreaterThan(0);
  });

  test('an identical request waits 15 s; a different one goes at once', () => {
    const p = new HistoricalPacer();
    const a = { key: 'AAPL|1', contractKey: 'AAPL' };
    p.record(a, 1_000);
    expect(p.earliest(a, 2_000)).toBe(16_000);
    expect(p.earliest({ key: 'AAPL|2', contractKey: 'AAPL' }, 2_000)).toBe(2_000);
  });

  test('a failed send does not stop the queue', async () => {
    const clock = simClock();
    const q = new PacedQueue(clock);
    const bad = q.run({ key: 'x', contractKey: 'x' }, async () => {
      throw new Error('TWS error 162');
    });
    await expect(bad).rejects.toThrow(/162/);
    await expect(q.run({ key: 'y', contractKey: 'y' }, async () => 'ok')).resolves.toBe('ok');
  });
});
