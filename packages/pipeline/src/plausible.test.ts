import { parseInstrument } from '@algotrader/core';
import { codecs } from '@algotrader/proto';
import { describe, expect, test } from 'vitest';
import { parsePipelineConfig } from './domain/config';
import { futureBarReason, instrumentCheck, isOurs, messageBounds, outsideWindowReason } from './plausible';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 1);
const Y2030 = Date.UTC(2030, 0, 1);
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 6, 1);
const ref = { venue: 'OKX', symbol: 'BTC/USDT' };

describe('message bounds a stage checks before any state (issue 10)', () => {
  test('every message that carries a bar close time is bounded by the clock, markers of every stage included', () => {
    for (const codec of [
      codecs.Bar,
      codecs.BarSetClosed,
      codecs.FeatureVector,
      codecs.Signal,
      codecs.SignalSetClosed,
    ]) {
      expect(futureBarReason(codec.typeName, { closeTimeMs: Y2030 }, NOW, 300_000)).toMatch(
        /implausible time: .* closes at 2030-01-01T00:00:00.000Z/,
      );
      expect(futureBarReason(codec.typeName, { closeTimeMs: NOW }, NOW, 300_000)).toBeUndefined();
    }
    expect(futureBarReason(codecs.SignalSetClosed.typeName, { closeTimeMs: Y2030 }, NOW, 0)).toMatch(
      /signal set closes/,
    );
  });

  test('the replay window: close times of bars opening in [from, to)', () => {
    const w = { fromMs: FROM, toMs: TO, tfMs: HOUR };
    const bar = codecs.Bar.typeName;
    const set = codecs.SignalSetClosed.typeName;
    expect(outsideWindowReason(bar, { closeTimeMs: FROM + HOUR }, w)).toBeUndefined();
    expect(outsideWindowReason(set, { closeTimeMs: TO }, w)).toBeUndefined();
    expect(outsideWindowReason(bar, { closeTimeMs: FROM }, w)).toMatch(
      /outside the replay window: bar closes at 2024-01-01T00:00:00.000Z, not after its start/,
    );
    expect(outsideWindowReason(set, { closeTimeMs: TO + HOUR }, w)).toMatch(
      /outside the replay window: signal set closes at 2024-07-01T01:00:00.000Z, after its end/,
    );
    // Open ends.
    expect(outsideWindowReason(bar, { closeTimeMs: 0 }, { toMs: TO, tfMs: HOUR })).toBeUndefined();
    expect(outsideWindowReason(bar, { closeTimeMs: Y2030 }, { fromMs: FROM, tfMs: HOUR })).toBeUndefined();
    // A type without a bar time.
    expect(outsideWindowReason(codecs.ForceExit.typeName, { timeMs: 0 }, w)).toBeUndefined();
  });

  test('unknown instruments: no valid instrument, or another instrument or timeframe on the subject', () => {
    const bar = codecs.Bar.typeName;
    const ok = instrumentCheck(bar, { instrument: ref, timeframe: '1h' }, 'md.bar.okx.BTC-USDT.1h');
    expect(ok.reason).toBeUndefined();
    expect(ok.instrument).toEqual(parseInstrument('OKX:BTC/USDT'));
    expect(
      instrumentCheck(
        bar,
        { instrument: { venue: 'OKX', symbol: 'ETH/USDT' }, timeframe: '1h' },
        'md.bar.okx.BTC-USDT.1h',
      ).reason,
    ).toMatch(
      /unknown instrument: bar of OKX:ETH\/USDT 1h on md.bar.okx.BTC-USDT.1h \(its subject is md.bar.okx.ETH-USDT.1h\)/,
    );
    expect(
      instrumentCheck(bar, { instrument: ref, timeframe: '4h' }, 'md.bar.okx.BTC-USDT.1h').reason,
    ).toMatch(/its subject is md.bar.okx.BTC-USDT.4h/);
    expect(
      instrumentCheck(
        bar,
        { instrument: { venue: 'OKX', symbol: 'BTC USDT!' }, timeframe: '1h' },
        'md.bar.okx.BTC-USDT.1h',
      ).reason,
    ).toMatch(/unknown instrument: .*no VENUE:BASE\/QUOTE instrument/);
    expect(instrumentCheck(bar, { timeframe: '1h' }, 'md.bar.okx.BTC-USDT.1h').reason).toMatch(
      /unknown instrument/,
    );
    expect(
      instrumentCheck(
        codecs.FeatureVector.typeName,
        { instrument: ref, timeframe: '1h' },
        'feat.okx.ETH-USDT.1h',
      ).reason,
    ).toMatch(/feature vector of OKX:BTC\/USDT 1h on feat.okx.ETH-USDT.1h/);
    // Types without an instrument subject are not judged here.
    expect(instrumentCheck(codecs.BarSetClosed.typeName, {}, 'md.barset.okx.1h')).toEqual({});
  });

  test("a pipeline's bounds: its instruments, and its replay window in replay mode only", () => {
    const base = {
      instruments: ['OKX:BTC/USDT'],
      strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
    };
    const replay = parsePipelineConfig({
      ...base,
      mode: 'replay',
      replayWindow: { from: '2024-01-01', to: '2024-07-01T00:00:00Z' },
    });
    const b = messageBounds(replay);
    expect(b.window).toEqual({ fromMs: FROM, toMs: TO, tfMs: HOUR });
    expect(isOurs(b, parseInstrument('OKX:BTC/USDT'), { timeframe: '1h' })).toBe(true);
    expect(isOurs(b, parseInstrument('OKX:ZZZ/USDT'), { timeframe: '1h' })).toBe(false);
    expect(isOurs(b, parseInstrument('OKX:BTC/USDT'), { timeframe: '4h' })).toBe(false);
    expect(isOurs(b, parseInstrument('IBKR:BTC/USDT'), { timeframe: '1h' })).toBe(false);
    expect(messageBounds(parsePipelineConfig({ ...base, mode: 'replay' })).window).toBeUndefined();
    expect(() =>
      parsePipelineConfig({ ...base, mode: 'live', replayWindow: { from: '2024-01-01' } }),
    ).toThrow(/replayWindow is for mode "replay"/);
    expect(() =>
      parsePipelineConfig({
        ...base,
        mode: 'replay',
        replayWindow: { from: '2024-07-01', to: '2024-01-01' },
      }),
    ).toThrow(/is not before/);
    expect(() => parsePipelineConfig({ ...base, mode: 'replay', replayWindow: { from: 'soon' } })).toThrow(
      /replayWindow.from must be a date/,
    );
  });
});
