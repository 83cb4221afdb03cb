import type { Control } from '@algotrader/bus';
import type { Instrument } from '@algotrader/core';
import { parseInstrument } from '@algotrader/core';
import { accountOf, newAccount, RiskLimitsSchema } from '@algotrader/pipeline';
import { type InstrumentSpec, instrumentSpec } from '@algotrader/portfolio';
import { evaluate, type GateInput, type SignalIn } from '@algotrader/risk-gate';
import { limitOrder, targetUnits } from '@algotrader/strategy';
import { describe, expect, test } from 'vitest';
import { NO_LIMITS } from './helpers/fixtures';

/**
 * The risk gate's A-share rules (pure `evaluate`), each with its own reason code: T+1 (shares
 * bought on a day cannot be sold that day), the board's lots, and a limit price outside the day's
 * band. Prices: Kweichow Moutai's real daily bars (data/cn): 2021-09-29 close 1,820, 09-30 open
 * 1,818.18.
 */

const MOUTAI = parseInstrument('SSE:600519/CNY');
const KINGSOFT = parseInstrument('SSE:688111/CNY');
const KEYS = ['SSE:600519/CNY', 'SSE:688111/CNY'];
const at = (iso: string) => Date.parse(iso);
const SHANGHAI = -8 * 3_600_000;
const ACTIVE: Control = {
  account: 'cn',
  state: 'ACTIVE',
  pausedStrategies: [],
  reason: '',
  updatedMs: 0,
  updatedBy: '',
  revision: 0,
};
const LIMITS = RiskLimitsSchema.parse({ ...NO_LIMITS, dayOffsetMs: SHANGHAI });
/** The pipeline's specs: the A-share lot rules, or none at all (the gate must still hold the lots). */
const LOTS: InstrumentSpec[] = [
  instrumentSpec(MOUTAI, { lotSize: 100, minQty: 100, tickSize: 0.01 }),
  instrumentSpec(KINGSOFT, { lotSize: 1, minQty: 200, tickSize: 0.01 }),
];
const NO_SPEC = [instrumentSpec(MOUTAI), instrumentSpec(KINGSOFT)];

/** 300 Moutai bought at the open of 2021-09-30 (09:30 Shanghai), booked in a T+1 account. */
function boughtThisMorning(specs: InstrumentSpec[]) {
  const s = newAccount('cn', 1_000_000, 'CNY');
  const a = accountOf(s, specs, undefined, SHANGHAI);
  expect(a.tPlusOne).toBe(true);
  a.applyFill(0, 'buy', 300, 1818.18, 136.37, at('2021-09-30T01:30:00Z'));
  a.setMark(0, 1820);
  a.revalue(at('2021-09-29T00:00:00Z'));
  s.book = a.snapshot();
  s.visibleThrough = at('2021-09-30T00:00:00Z');
  return s;
}

function gate(signals: SignalIn[], time: number, now: number, specs = LOTS): ReturnType<typeof evaluate> {
  const input: GateInput = {
    account: 'cn',
    time,
    signals,
    standing: {},
    state: boughtThisMorning(specs),
    marks: { 'SSE:600519/CNY': 1820, 'SSE:688111/CNY': 283.32 },
    keys: KEYS,
    instruments: [MOUTAI, KINGSOFT],
    spec: (i: Instrument) => specs[KEYS.indexOf(`${i.venue}:${i.base}/${i.quote}`)]!,
    control: ACTIVE,
    limits: LIMITS,
    mode: 'live',
    now,
    tfMs: 86_400_000,
    orderTimes: [],
  };
  return evaluate(input);
}

const say = (d: SignalIn['decision'], instrument = MOUTAI): SignalIn => ({
  strategy: 's',
  instrument,
  decision: d,
});
const verdict = (out: ReturnType<typeof evaluate>) => {
  expect(out.verdicts).toHaveLength(1);
  const v = out.verdicts[0]!;
  return { reason: v.reason ?? 'APPROVED', detail: v.detail ?? '', qty: v.order.qty };
};

describe('risk gate: A-share rules', () => {
  test('T_PLUS_ONE: selling this morning’s buy the same afternoon is refused; after the close it is for the next day', () => {
    const afternoon = at('2021-09-30T05:00:00Z'); // 13:00 Shanghai
    const v = verdict(gate([say(targetUnits(MOUTAI, 0))], afternoon, afternoon + 60_000));
    expect(v.reason).toBe('T_PLUS_ONE');
    expect(v.detail).toBe(
      'sell of 300 600519 but 0 of the 300 held may be sold on 2021-09-30: the rest was bought that day (T+1)',
    );
    // Decided after 15:00: the order is for the next trading day, when the shares are sellable.
    const evening = at('2021-09-30T07:30:00Z');
    expect(verdict(gate([say(targetUnits(MOUTAI, 0))], evening, evening)).reason).toBe('APPROVED');
    // The next morning (00:00 UTC = 08:00 Shanghai on 10-01).
    const next = at('2021-10-01T00:00:00Z');
    expect(verdict(gate([say(targetUnits(MOUTAI, 0))], next, next + 60_000)).reason).toBe('APPROVED');
  });

  test('T+1 does not touch buys, nor a partial sell of what was held before today', () => {
    const afternoon = at('2021-09-30T05:00:00Z');
    expect(verdict(gate([say(targetUnits(MOUTAI, 500))], afternoon, afternoon)).reason).toBe('APPROVED');
  });

  test('LOT: off-grid quantities are refused even when the pipeline spec leaves lots out', () => {
    const t = at('2021-10-01T00:00:00Z');
    const main = verdict(gate([say(targetUnits(MOUTAI, 450))], t, t, NO_SPEC));
    expect(main).toMatchObject({ reason: 'LOT', qty: 150 });
    expect(main.detail).toBe('SSE:600519: 150 shares is not a multiple of 100 shares (one lot)');
    const star = verdict(gate([say(targetUnits(KINGSOFT, 150), KINGSOFT)], t, t, NO_SPEC));
    expect(star).toMatchObject({
      reason: 'LOT',
      detail: 'SSE:688111: 150 shares is not at least 200 shares',
    });
    expect(verdict(gate([say(targetUnits(KINGSOFT, 201), KINGSOFT)], t, t, NO_SPEC)).reason).toBe('APPROVED');
  });

  test('PRICE_LIMIT: a limit outside the ±10 % band from the last close (1,820: 1,638.00–2,002.00)', () => {
    const t = at('2021-10-01T00:00:00Z');
    const hi = verdict(gate([say(limitOrder(MOUTAI, 'buy', 100, 2010))], t, t));
    expect(hi.reason).toBe('PRICE_LIMIT');
    expect(hi.detail).toContain('limit 2010 outside the band 1638–2002');
    expect(verdict(gate([say(limitOrder(MOUTAI, 'buy', 100, 2002))], t, t)).reason).toBe('APPROVED');
    // STAR: ±20 % of 283.32 = 226.66–339.98.
    const star = verdict(gate([say(limitOrder(KINGSOFT, 'buy', 200, 340), KINGSOFT)], t, t));
    expect(star).toMatchObject({ reason: 'PRICE_LIMIT' });
    expect(star.detail).toContain('226.66–339.98');
  });
});
