import {
  COLLECTOR_MEASUREMENTS,
  CollectorMetrics,
  newCollectorCounters,
  parseCollectorSettings,
} from '@algotrader/collector';
import { parseInstrument, SimulatedClock } from '@algotrader/core';
import { type MetricFields, type MetricsSink, NullSink, type SinkStats } from '@algotrader/metrics';
import { afterEach, describe, expect, test, vi } from 'vitest';

const BTC = parseInstrument('OKX:BTC/USDT');
const M15 = 15 * 60_000;

interface Pt {
  measurement: string;
  tags: Record<string, string>;
  fields: MetricFields;
  timeMs: number | undefined;
}

class MemorySink implements MetricsSink {
  readonly points: Pt[] = [];
  point(measurement: string, tags: Record<string, string>, fields: MetricFields, timeMs?: number): void {
    this.points.push({ measurement, tags: { ...tags }, fields: { ...fields }, timeMs });
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
  stats(): SinkStats {
    return new NullSink().stats();
  }
  of(measurement: string): Pt[] {
    return this.points.filter((p) => p.measurement === measurement);
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('collector metrics without a server', () => {
  test('age and lag come from the newest bar held, also one found in the store at start', () => {
    const t0 = Date.UTC(2025, 0, 1);
    const clock = new SimulatedClock(t0);
    const sink = new MemorySink();
    const m = new CollectorMetrics({ sink, clock, counters: newCollectorCounters() });
    m.track(BTC, '15m');
    m.report();
    // Nothing held yet: counters only, no age or lag to speak of.
    expect(sink.of('collector_health')[0]?.fields).toEqual({
      bars: 0,
      rejects: 0,
      gaps: 0,
      missing_bars: 0,
      fetch_failures: 0,
    });
    // Restarted with t0 - 4 bars stored; the clock is 7.5 minutes into the bar opened at t0 + 1h.
    m.seed(BTC, '15m', t0 - 4 * M15);
    clock.set(t0 + 4 * M15 + 7.5 * 60_000);
    m.report();
    const h = sink.of('collector_health').at(-1)!;
    expect(h.tags).toEqual({ instrument: 'OKX:BTC/USDT', timeframe: '15m' });
    expect(h.timeMs).toBe(clock.now());
    // Newest close is t0 - 3 bars: age 7 bars + 7.5 min; closed since then: t0-3 … t0+3 = 7 bars.
    expect(h.fields['last_bar_age_s']).toBe((7 * M15 + 7.5 * 60_000) / 1000);
    expect(h.fields['lag_bars']).toBe(7);
    expect(h.fields['bars_per_min']).toBe(0);
    expect(sink.of(COLLECTOR_MEASUREMENTS.bar)).toEqual([]); // a seeded bar has no values to show
  });

  test('start(interval) reports on a timer until stopped; 0 turns it off', () => {
    vi.useFakeTimers();
    const sink = new MemorySink();
    const m = new CollectorMetrics({
      sink,
      clock: new SimulatedClock(0),
      counters: newCollectorCounters(),
      gauges: () => ({ alerts_dropped: 3 }),
    });
    const stop = m.start(60_000);
    vi.advanceTimersByTime(180_000);
    expect(sink.of('collector_process')).toHaveLength(3);
    expect(sink.of('collector_process')[0]?.fields['alerts_dropped']).toBe(3);
    stop();
    vi.advanceTimersByTime(180_000);
    expect(sink.of('collector_process')).toHaveLength(3);
    m.start(0)();
    vi.advanceTimersByTime(180_000);
    expect(sink.of('collector_process')).toHaveLength(3);
  });

  test('COLLECTOR_METRICS_INTERVAL_MS: default a minute, 0 is off, below a second is refused', () => {
    expect(parseCollectorSettings({}).metricsIntervalMs).toBe(60_000);
    expect(parseCollectorSettings({ COLLECTOR_METRICS_INTERVAL_MS: '0' }).metricsIntervalMs).toBe(0);
    expect(parseCollectorSettings({ COLLECTOR_METRICS_INTERVAL_MS: '15000' }).metricsIntervalMs).toBe(15_000);
    expect(() => parseCollectorSettings({ COLLECTOR_METRICS_INTERVAL_MS: '500' })).toThrow(/at least 1000/);
  });
});
