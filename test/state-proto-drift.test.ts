import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountState, ArmedExits, DecisionProgress, OrderState } from '@algotrader/pipeline';
import type { AccountBook, AccountPosition, Protection, SwapPositionBook } from '@algotrader/portfolio';
import { repoRoot } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';

/**
 * The TypeScript state shapes and proto/algotrader/v1/state.proto must not drift apart: every
 * field of a TypeScript interface maps to exactly one proto field and every proto field is mapped.
 * The maps are typed `Record<keyof T, …>`, so a field added to an interface and not here fails the
 * typecheck; a field added to the .proto and not here fails the test below. (Another language's
 * stage reads only the .proto: a TypeScript field missing there would be state it never sees.)
 */

type Fields<T> = Record<keyof Required<T>, string>;

const ACCOUNT_STATE: Fields<AccountState> = {
  v: 'version',
  account: 'account',
  quote: 'quote',
  book: 'book',
  orders: 'orders',
  pending: 'pending',
  done: 'done',
  mdSeq: 'md_seq',
  orderSeq: 'order_seq',
  steppedThrough: 'stepped_through_ms',
  visibleThrough: 'visible_through_ms',
  lastBarSet: 'last_bar_set_ms',
  fills: 'fills',
  updatedMs: 'updated_ms',
  protections: 'protections',
  swapBooked: 'swap_booked',
};

const ACCOUNT_BOOK: Fields<AccountBook> = {
  initialCash: 'initial_cash',
  cash: 'cash',
  positions: 'positions',
  marks: 'marks',
  equity: 'equity',
  peakEquity: 'peak_equity',
  day: 'day',
  dayStartEquity: 'day_start_equity',
  valuedAt: 'valued_at_ms',
  swaps: 'swaps',
};

const BOOK_POSITION: Fields<AccountPosition> = {
  qty: 'qty',
  avg: 'avg',
  realized: 'realized',
  fees: 'fees',
  locked: 'locked',
};

const LOCKED: Fields<NonNullable<AccountPosition['locked']>> = { qty: 'qty', day: 'day' };

const SWAP_POSITION: Fields<SwapPositionBook> = {
  qty: 'qty',
  avg: 'avg',
  margin: 'margin',
  mode: 'mode',
  leverage: 'leverage',
  realized: 'realized',
  fees: 'fees',
  funding: 'funding',
  liquidationLoss: 'liquidation_loss',
  liquidationFees: 'liquidation_fees',
  liquidations: 'liquidations',
};

const ORDER_RECORD: Fields<OrderState> = {
  id: 'id',
  strategy: 'strategy',
  instrument: 'instrument',
  side: 'side',
  type: 'type',
  qty: 'qty',
  limitPrice: 'limit_price',
  decisionTime: 'decision_time_ms',
  eligibleOpen: 'eligible_open_ms',
  status: 'status',
  events: 'events',
  filledQty: 'filled_qty',
  avgFillPrice: 'avg_fill_price',
  reason: 'reason',
  exchangeId: 'exchange_id',
  trades: 'trades',
  exits: 'exits',
  exitReason: 'exit_reason',
  reduceOnly: 'reduce_only',
};

/** ArmedExits nests its Protection; the proto flattens both into one message. */
const ARMED_EXITS: Record<keyof ArmedExits | keyof Protection, string> = {
  strategy: 'strategy',
  protection: '',
  dir: 'dir',
  stop: 'stop',
  takeProfit: 'take_profit',
  trail: 'trail',
  best: 'best',
};

const PROGRESS: Fields<DecisionProgress> = {
  decidedThrough: 'decided_through_ms',
  approvedSeq: 'approved_seq',
};

/** Field names of `message <name> { … }` in state.proto (top-level messages, no nesting there). */
function protoFields(name: string): string[] {
  const text = readFileSync(join(repoRoot, 'proto/algotrader/v1/state.proto'), 'utf8');
  const body = new RegExp(`\\nmessage ${name} \\{([^}]*)\\}`).exec(text)?.[1];
  if (body === undefined) throw new Error(`state.proto has no message ${name}`);
  return [...body.matchAll(/^\s*(?:repeated |optional )?(?:map<[^>]+>|[\w.]+)\s+(\w+)\s*=\s*\d+;/gm)].map(
    (m) => m[1]!,
  );
}

describe('state.proto and the TypeScript state interfaces carry the same fields', () => {
  const cases: [string, Record<string, string>][] = [
    ['AccountState', ACCOUNT_STATE],
    ['AccountBook', ACCOUNT_BOOK],
    ['BookPosition', BOOK_POSITION],
    ['LockedQty', LOCKED],
    ['SwapPositionBook', SWAP_POSITION],
    ['OrderRecord', ORDER_RECORD],
    ['ArmedExits', ARMED_EXITS],
    ['DecisionProgress', PROGRESS],
  ];
  test.each(cases)('%s', (message, map) => {
    const mapped = Object.values(map)
      .filter((f) => f !== '')
      .sort();
    expect(
      protoFields(message).sort(),
      `every ${message} field in state.proto is mapped, and only those`,
    ).toEqual(mapped);
  });

  test('the field parser reads what it should (a message it cannot find is an error)', () => {
    expect(protoFields('DecisionProgress')).toEqual(['decided_through_ms', 'approved_seq']);
    expect(() => protoFields('NoSuchMessage')).toThrow(/no message NoSuchMessage/);
  });
});
