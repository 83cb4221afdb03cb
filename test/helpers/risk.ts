import { type Bus, subjects } from '@algotrader/bus';
import { parseInstrument } from '@algotrader/core';
import { type AccountState, accountOf, newAccount, readAll, signalOf } from '@algotrader/pipeline';
import { instrumentSpec } from '@algotrader/portfolio';
import { codecs } from '@algotrader/proto';

/**
 * For the risk gate's tests (account `paper`, strategy `sma_cross`): account states as the
 * order-router leaves them, and the strategy-runner's signals of one close time.
 */

export const BTC = parseInstrument('OKX:BTC/USDT');
export const ETH = parseInstrument('OKX:ETH/USDT');
export const T = Date.UTC(2025, 0, 6, 12);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const SPECS = [BTC, ETH].map((i) => instrumentSpec(i, { minNotional: 10 }));

/**
 * An account state built through a real Account: `run` books fills and valuations; then the bar
 * before the decision at `at` is valued at BTC 5 000 / ETH 3 000.
 */
export function booked(
  initialCash: number,
  run: (a: ReturnType<typeof accountOf>) => void,
  at = T,
): AccountState {
  const s = newAccount('paper', initialCash, 'USDT');
  const a = accountOf(s, SPECS);
  run(a);
  a.setMark(0, 5_000);
  a.setMark(1, 3_000);
  a.revalue(at - HOUR);
  s.book = a.snapshot();
  s.visibleThrough = at;
  return s;
}

/** `cash` left after buying `positions` at 4 000. */
export function account(cash: number, positions: Record<string, number> = {}): AccountState {
  const held = Object.entries(positions);
  return booked(cash + held.reduce((v, [, q]) => v + q * 4_000, 0), (a) => {
    for (const [k, q] of held) a.applyFill(a.require(k), 'buy', q, 4_000, 0);
  });
}

/** Yesterday closed at 12 000 (1 BTC at 5 000 + 7 000 cash); today the BTC was sold at 3 000: 10 000. */
export function afterALosingDay(at = T): AccountState {
  return booked(
    11_000,
    (a) => {
      a.applyFill(0, 'buy', 1, 4_000, 0);
      a.setMark(0, 5_000);
      a.revalue(at - DAY);
      a.applyFill(0, 'sell', 1, 3_000, 0);
    },
    at,
  );
}

/**
 * `sma_cross`'s decisions at `t` for `account`, then the SignalSetClosed of `t` with BTC marked at
 * `px`; returns the marker's stream sequence.
 */
export async function publishSignals(
  bus: Bus,
  t: number,
  decisions: readonly Parameters<typeof signalOf>[3][],
  { account = 'paper', px = 5_000 } = {},
): Promise<number> {
  for (const d of decisions) {
    await bus.publish(
      codecs.Signal,
      subjects.signal('sma_cross', d.instrument),
      signalOf(account, 'sma_cross', t, d),
      { msgId: `sig:test:${t}:${Math.random()}` },
    );
  }
  const set = await bus.publish(
    codecs.SignalSetClosed,
    subjects.signalSet('OKX', '1h'),
    {
      venue: 'OKX',
      timeframe: '1h',
      closeTimeMs: t,
      strategies: ['sma_cross'],
      marks: { 'BTC/USDT': px },
      instruments: ['BTC/USDT'],
    },
    { msgId: `sigset:test:${t}` },
  );
  return set.seq;
}

/** Whether a critical alert with `code` is on `ops.alert.critical`. */
export async function raisedCritical(bus: Bus, code: string): Promise<boolean> {
  const all = await readAll(bus, 'OPS', subjects.alert('critical'), codecs.Alert);
  return all.some((a) => a.message.code === code);
}
