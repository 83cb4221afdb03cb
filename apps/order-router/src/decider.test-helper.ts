import type { Instrument } from '@algotrader/core';
import type { Pipeline } from '@algotrader/pipeline';
import { type Effect, type OutMessage, refOf, sideToPb, step } from '@algotrader/pipeline/domain';
import { type OrderRequestMsg, pb } from '@algotrader/proto';
import type { RouterAction, RouterInput, RouterState, routerDecider } from './decider';
import type { VenueResult } from './venue';

/**
 * Shared by the tests that play the order-router's shell around its decider (decider*.test.ts,
 * test/okx-swap-venue.test.ts): the test folds inputs in with `step`, answers each `venue` action
 * itself and feeds the answer back as the next input, as DeciderRunner does, in order.
 */

type D = ReturnType<typeof routerDecider>;
export type VenueAction = Extract<RouterAction, { type: 'venue' }>;

export const published = (fx: readonly Effect[]): OutMessage[] =>
  fx.flatMap((e) => (e.kind === 'publish' ? [e.message] : []));
export const actions = (fx: readonly Effect[]): RouterAction[] =>
  fx.flatMap((e) => (e.kind === 'act' ? [e.action as RouterAction] : []));
export const alertCodes = (fx: readonly Effect[]): string[] =>
  fx.flatMap((e) => (e.kind === 'alert' ? [e.alert.code] : []));

/** An approved market order of the pipeline's account, strategy `s`. */
export function marketOrder(
  p: Pipeline,
  instrument: Instrument,
  id: string,
  side: 'buy' | 'sell',
  qty: number,
  decisionTime: number,
): OrderRequestMsg {
  return {
    clientOrderId: id,
    account: p.account,
    strategy: 's',
    instrument: refOf(instrument),
    side: sideToPb(side),
    type: pb.OrderType.ORDER_TYPE_MARKET,
    quantity: String(qty),
    limitPrice: '',
    quoteAmount: '',
    decisionTimeMs: decisionTime,
    reduceOnly: false,
    cancel: false,
  };
}

/**
 * One input, then every venue action handed out for an answer that is fed back, depth first (the
 * runner's order); returns the effects in the order the shell would execute them.
 */
function* drain(
  d: D,
  s: RouterState,
  input: RouterInput,
  now: () => number,
): Generator<VenueAction, Effect[], VenueResult> {
  const done: Effect[] = [];
  const queue: Effect[] = [...step(d, s, input).effects];
  while (queue.length > 0) {
    const e = queue.shift()!;
    done.push(e);
    if (e.kind === 'act' && (e.action as RouterAction).type === 'venue') {
      const a = e.action as VenueAction;
      const result = yield a;
      queue.unshift(...step(d, s, { kind: 'result', call: a.call, result, now: now() }).effects);
    }
  }
  return done;
}

/** {@link drain} with an answer that may wait (a real venue, over HTTP). Results are fed back at `now()` (default 1). */
export async function run(
  d: D,
  s: RouterState,
  input: RouterInput,
  answer: (a: VenueAction, s: RouterState) => VenueResult | Promise<VenueResult>,
  now: () => number = () => 1,
): Promise<Effect[]> {
  const it = drain(d, s, input, now);
  let next = it.next();
  while (!next.done) next = it.next(await answer(next.value, s));
  return next.value;
}

/** {@link drain} with an answer at hand. */
export function runSync(
  d: D,
  s: RouterState,
  input: RouterInput,
  answer: (a: VenueAction, s: RouterState) => VenueResult,
): Effect[] {
  const it = drain(d, s, input, () => 1);
  let next = it.next();
  while (!next.done) next = it.next(answer(next.value, s));
  return next.value;
}
