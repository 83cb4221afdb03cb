import { isAlgoError } from '@algotrader/core';
import { describe, expect, test } from 'vitest';
import { createMetricsSink, InfluxSink, NullSink } from './index';

describe('createMetricsSink', () => {
  test('without a url it is a NullSink that accepts points and keeps nothing', async () => {
    const sink = createMetricsSink({});
    expect(sink).toBeInstanceOf(NullSink);
    expect(sink.point('m', { a: 'b' }, { v: 1 })).toBeUndefined();
    await sink.flush();
    await sink.close();
    expect(sink.stats()).toMatchObject({ buffered: 0, written: 0, dropped: 0 });
  });

  test('with a url it is an InfluxSink', async () => {
    const sink = createMetricsSink({ url: 'http://127.0.0.1:9', org: 'o', bucket: 'b' });
    expect(sink).toBeInstanceOf(InfluxSink);
    await sink.close();
  });

  test('a url without org or bucket is a config error', () => {
    let caught: unknown;
    try {
      createMetricsSink({ url: 'http://127.0.0.1:9', bucket: 'b' });
    } catch (e) {
      caught = e;
    }
    expect(isAlgoError(caught, 'E_CONFIG')).toBe(true);
  });
});
