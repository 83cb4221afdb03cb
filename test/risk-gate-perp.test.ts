import {
  type AccountState,
  type Effect,
  newAccount,
  type Pipeline,
  parsePipelineConfig,
} from '@algotrader/pipeline/domain';
import { Account } from '@algotrader/portfolio';
import { type OrderRequestMsg, pb, type RiskRejection } from '@algotrader/proto';
import type { GateContext, GateState } from '@algotrader/risk-gate';
import { describe, expect, test } from 'vitest';
import { btcSwapGatePipeline, gateControl, gateSignalAndSet, inputMetas } from './helpers/stages-setup';

/**
 * The risk gate's decider on a perpetual swap (OKX:BTC/USDT:USDT, cross, 5×): the perp rules of
 * apps/risk-gate/src/perp-rules.ts decide with their own reason codes, an order that shrinks the
 * position passes, and a margin ratio under the halt level halts the account.
 */

const HOUR = 3_600_000;
const T = Date.UTC(2024, 0, 1, 8);
const KEY = 'OKX:BTC/USDT:USDT';
const SYMBOL = 'BTC/USDT:USDT';

/** The notional caps and loss halts off: the perp rules alone decide here. */
const perpPipeline = (risk: Record<string, unknown> = {}): Pipeline => btcSwapGatePipeline('replay', risk);

/** An account of 10 000 USDT holding `qty` BTC swap (signed) bought at 50 000, fee-free. */
function holding(p: Pipeline, qty: number): AccountState {
  const a = Account.open({ initialCash: 10_000, specs: p.specs, swapSettings: p.swapSettings });
  a.setMark(0, 50_000);
  if (qty !== 0) a.applyFill(0, qty > 0 ? 'buy' : 'sell', Math.abs(qty), 50_000, 0);
  a.revalue(T - 2 * HOUR);
  const s = newAccount('perp', 10_000, 'USDT');
  return { ...s, book: a.snapshot(), visibleThrough: T, steppedThrough: T };
}

const meta = inputMetas();

interface Decided {
  effects: readonly Effect[];
  approved: OrderRequestMsg[];
  rejected: RiskRejection[];
  state: GateState;
}

/** One signal (target in BTC units) and its close-time marker at `mark`, decided on `account`. */
function decide(
  p: Pipeline,
  account: AccountState,
  target: number,
  mark: number,
  control: { state: 'ACTIVE' | 'HALTED' | 'REDUCING'; reason?: string } = { state: 'ACTIVE' },
): Decided {
  const context: GateContext = {
    account,
    control: gateControl('perp', control.state, control.reason),
    now: T + 1_000,
  };
  const { effects, state } = gateSignalAndSet(p, { symbol: SYMBOL, t: T, target, mark, context }, meta);
  const published = effects.flatMap((e) => (e.kind === 'publish' ? [e.message] : []));
  return {
    effects,
    state,
    approved: published
      .filter((m) => m.subject === 'ord.approved.perp')
      .map((m) => m.message as OrderRequestMsg),
    rejected: published
      .filter((m) => m.subject === 'ord.rejected.perp')
      .map((m) => m.message as RiskRejection),
  };
}

const R = pb.RejectReason;

describe('risk-gate decider on a perpetual swap', () => {
  const p = perpPipeline();

  test('the pipeline books the swap by its contract: lot one contract step (0.0001 BTC), 5× cross', () => {
    expect(p.specs[0]!.contract?.ctVal).toBe(0.01);
    expect(p.specs[0]!.lotSize).toBe(0.0001);
    expect(p.swapSettings).toEqual({ [KEY]: { mode: 'cross', leverage: 5 } });
  });

  test('a short within the limits is approved: negative targets are allowed on a swap', () => {
    const r = decide(p, holding(p, 0), -0.5, 50_000);
    expect(r.rejected).toEqual([]);
    expect(r.approved).toHaveLength(1);
    expect(r.approved[0]!.side).toBe(pb.Side.SIDE_SELL);
    expect(r.approved[0]!.quantity).toBe('0.5');
  });

  test('too much leverage is refused with its own reason, naming the figures', () => {
    // 0.7 BTC at 50 000 = 35 000 = 3.5× the 10 000 equity; the account limit is 3× (default).
    const acct = decide(p, holding(p, 0), -0.7, 50_000);
    expect(acct.approved).toEqual([]);
    expect(acct.rejected).toHaveLength(1);
    expect(acct.rejected[0]!.reason).toBe(R.REJECT_REASON_MAX_ACCOUNT_LEVERAGE);
    expect(acct.rejected[0]!.detail).toContain('limit 3×');
    // 1.2 BTC needs 12 000 / 5 + fee of initial margin: more than the wallet (OKX's 51008).
    const margin = decide(p, holding(p, 0), 1.2, 50_000);
    expect(margin.rejected.map((x) => x.reason)).toEqual([R.REJECT_REASON_INSUFFICIENT_MARGIN]);
    // A per-instrument limit of 2× refuses 0.5 BTC (2.5×), which the account limit allows.
    const p2 = perpPipeline({ maxInstrumentLeverage: { [KEY]: 2 } });
    const inst = decide(p2, holding(p2, 0), 0.5, 50_000);
    expect(inst.rejected.map((x) => x.reason)).toEqual([R.REJECT_REASON_MAX_INSTRUMENT_LEVERAGE]);
    // The liquidation price within 40% of the mark: 2.5× cross leaves it ~39% away.
    const p3 = perpPipeline({ minLiquidationDistance: 0.4 });
    const liq = decide(p3, holding(p3, 0), -0.5, 50_000);
    expect(liq.rejected.map((x) => x.reason)).toEqual([R.REJECT_REASON_MIN_LIQUIDATION_DISTANCE]);
  });

  test('once the mark ran against a short, adding is refused but reducing is approved', () => {
    // Short 0.75 from 50 000, mark 58 000: equity 4 000 against 43 500 of notional (10.9×).
    const acct = holding(p, -0.75);
    const add = decide(p, acct, -0.95, 58_000);
    expect(add.approved).toEqual([]);
    expect(add.rejected.map((x) => x.reason)).toEqual([R.REJECT_REASON_INSUFFICIENT_MARGIN]);
    const reduce = decide(p, acct, -0.25, 58_000);
    expect(reduce.rejected).toEqual([]);
    expect(reduce.approved.map((o) => [o.side, o.quantity])).toEqual([[pb.Side.SIDE_BUY, '0.5']]);
    // Flipping to long is not a reduction: it opens 0.5 long on top of closing the short.
    const flip = decide(p, acct, 0.5, 58_000);
    expect(flip.approved).toEqual([]);
    expect(flip.rejected).toHaveLength(1);
  });

  test('a margin ratio under the alert level raises a warning and still decides', () => {
    // Short 0.7 from 50 000 at 63 800: collateral 340, maintenance 0.004 × 0.7 × 63 800 = 178.6 (ratio 1.9).
    const r = decide(p, holding(p, -0.7), -0.6, 63_800);
    const alerts = r.effects.flatMap((e) => (e.kind === 'alert' ? [e.alert] : []));
    expect(alerts.map((a) => [a.severity, a.code])).toEqual([['warning', 'margin_ratio_low']]);
    expect(alerts[0]!.message).toContain('margin ratio 1.90');
    expect(r.effects.some((e) => e.kind === 'act' && (e.action as { type: string }).type === 'halt')).toBe(
      false,
    );
    expect(r.approved).toHaveLength(1);
  });

  test('a margin ratio under the halt level HALTS with a critical alert; only reducing orders pass', () => {
    // At 63 950: collateral 235, maintenance 179.06: ratio 1.31 < 1.5.
    const acct = holding(p, -0.7);
    const add = decide(p, acct, -0.8, 63_950);
    const halts = add.effects.flatMap((e) =>
      e.kind === 'act' && (e.action as { type: string }).type === 'halt'
        ? [
            e.action as unknown as {
              detail: string;
              alert: { severity: string; code: string; message: string };
            },
          ]
        : [],
    );
    expect(halts).toHaveLength(1);
    expect(halts[0]!.alert.severity).toBe('critical');
    expect(halts[0]!.alert.code).toBe('halted_margin_ratio');
    expect(halts[0]!.alert.message).toContain('HALTED');
    expect(halts[0]!.detail).toContain('margin ratio 1.31');
    expect(add.approved).toEqual([]);
    expect(add.rejected.map((x) => x.reason)).toEqual([R.REJECT_REASON_MARGIN_RATIO]);
    const close = decide(p, acct, 0, 63_950);
    expect(close.rejected).toEqual([]);
    expect(close.approved.map((o) => [o.side, o.quantity])).toEqual([[pb.Side.SIDE_BUY, '0.7']]);
  });
});

describe('pipeline configuration of swaps', () => {
  const base = {
    account: 'perp',
    strategies: [{ name: 'sma_cross', instruments: ['OKX:SOL/USDT:USDT'] }],
    instruments: ['OKX:SOL/USDT:USDT'],
  };
  const error = (raw: unknown): string => {
    try {
      parsePipelineConfig(raw);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };

  test('a swap without known contract terms is refused, saying what to add; given terms are used and checked', () => {
    expect(error(base)).toContain(
      'no contract terms for the swap OKX:SOL/USDT:USDT: add swaps.OKX:SOL/USDT:USDT.contract',
    );
    const contract = {
      ctVal: 1,
      lotSz: 1,
      minSz: 1,
      tickSz: 0.01,
      maxLeverage: 50,
      tiers: [{ maxQty: 1e12, mmr: 0.01, maxLeverage: 50 }],
    };
    const p = parsePipelineConfig({ ...base, swaps: { 'OKX:SOL/USDT:USDT': { contract, leverage: 3 } } });
    expect(p.specs[0]!.lotSize).toBe(1);
    expect(p.swapSettings).toEqual({ 'OKX:SOL/USDT:USDT': { mode: 'cross', leverage: 3 } });
    expect(
      error({ ...base, swaps: { 'OKX:SOL/USDT:USDT': { contract: { ...contract, ctVal: 0 } } } }),
    ).toContain('ctVal');
    expect(error({ ...base, swaps: { 'OKX:SOL/USDT:USDT': { contract, leverage: 75 } } })).toContain(
      "above the contract's 50×",
    );
  });

  test('swap settings for a spot instrument, and spot specs for a swap, are configuration errors', () => {
    expect(
      error({
        account: 'perp',
        instruments: ['OKX:BTC/USDT'],
        strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
        swaps: { 'OKX:BTC/USDT': { leverage: 2 } },
      }),
    ).toContain('swaps names OKX:BTC/USDT, which is not a swap in instruments');
    expect(
      error({
        account: 'perp',
        instruments: [KEY],
        strategies: [{ name: 'sma_cross', instruments: [KEY] }],
        specs: { [KEY]: { lotSize: 0.001 } },
      }),
    ).toContain(`specs names the swap ${KEY}`);
  });

  const haltsOf = (r: Decided) =>
    r.effects.flatMap((e) =>
      e.kind === 'act' && (e.action as { type: string }).type === 'halt'
        ? [(e.action as unknown as { alert: { code: string } }).alert.code]
        : [],
    );

  test('a daily-loss halt refuses adding to a swap but approves reducing and closing it', () => {
    const p10 = perpPipeline({ maxDailyLoss: 0.1 });
    // Short 0.7 from 50 000 (day start 10 000), mark 53 000: equity 7 900, 21% down on the day.
    const acct = holding(p10, -0.7);
    const add = decide(p10, acct, -0.9, 53_000);
    expect(haltsOf(add)).toEqual(['halted_daily_loss']);
    expect(add.approved).toEqual([]);
    expect(add.rejected.map((x) => x.reason)).toEqual([R.REJECT_REASON_MAX_DAILY_LOSS]);
    const reduce = decide(p10, acct, -0.2, 53_000);
    expect(haltsOf(reduce)).toEqual(['halted_daily_loss']);
    expect(reduce.rejected).toEqual([]);
    expect(reduce.approved.map((o) => [o.side, o.quantity])).toEqual([[pb.Side.SIDE_BUY, '0.5']]);
    const close = decide(p10, acct, 0, 53_000);
    expect(close.rejected).toEqual([]);
    expect(close.approved.map((o) => [o.side, o.quantity])).toEqual([[pb.Side.SIDE_BUY, '0.7']]);
    // Through zero to a long is not a reduction.
    const flip = decide(p10, acct, 0.3, 53_000);
    expect(flip.approved).toEqual([]);
    expect(flip.rejected.map((x) => x.reason)).toEqual([R.REJECT_REASON_MAX_DAILY_LOSS]);
  });

  test('a drawdown halt lets a long swap be reduced, not added to', () => {
    const p10 = perpPipeline({ maxDrawdown: 0.1 });
    // Long 0.7 from 50 000, mark 47 000: equity 7 900, 21% below the peak of 10 000.
    const acct = holding(p10, 0.7);
    const add = decide(p10, acct, 0.8, 47_000);
    expect(haltsOf(add)).toEqual(['halted_drawdown']);
    expect(add.rejected.map((x) => x.reason)).toEqual([R.REJECT_REASON_MAX_DRAWDOWN]);
    const reduce = decide(p10, acct, 0.25, 47_000);
    expect(reduce.rejected).toEqual([]);
    expect(reduce.approved.map((o) => [o.side, o.quantity])).toEqual([[pb.Side.SIDE_SELL, '0.45']]);
  });

  test('an account already HALTED can still reduce and close a swap, never add', () => {
    const p0 = perpPipeline();
    const acct = holding(p0, -0.7);
    const halted = { state: 'HALTED' as const, reason: 'daily loss' };
    const add = decide(p0, acct, -0.8, 50_000, halted);
    expect(add.approved).toEqual([]);
    expect(add.rejected.map((x) => [x.reason, x.detail])).toEqual([
      [R.REJECT_REASON_HALTED, 'trading is halted: daily loss'],
    ]);
    const reduce = decide(p0, acct, -0.2, 50_000, halted);
    expect(reduce.rejected).toEqual([]);
    expect(reduce.approved.map((o) => [o.side, o.quantity])).toEqual([[pb.Side.SIDE_BUY, '0.5']]);
    const close = decide(p0, acct, 0, 50_000, halted);
    expect(close.approved.map((o) => [o.side, o.quantity])).toEqual([[pb.Side.SIDE_BUY, '0.7']]);
  });
});

describe('a swap exit is never refused by MAX_ORDER_NOTIONAL (issue 10)', () => {
  test('closing a 0.6 BTC short (30 000) passes a 10 000 cap; opening it does not', () => {
    const p = perpPipeline({ maxOrderNotional: 10_000 });
    const close = decide(p, holding(p, -0.6), 0, 50_000);
    expect(close.rejected).toEqual([]);
    expect(close.approved.map((o) => [o.side, o.quantity])).toEqual([[pb.Side.SIDE_BUY, '0.6']]);
    const open = decide(p, holding(p, 0), -0.6, 50_000);
    expect(open.approved).toEqual([]);
    expect(open.rejected.map((x) => x.reason)).toEqual([R.REJECT_REASON_MAX_ORDER_NOTIONAL]);
  });
});
