import { subjects } from '@algotrader/bus';
import { fundingKey, parseInstrument, SimulatedClock } from '@algotrader/core';
import { Alerter, newAccount } from '@algotrader/pipeline';
import { Account } from '@algotrader/portfolio';
import { type Alert, codecs, encodeFundingRate, pb, type RiskRejection } from '@algotrader/proto';
import { FundingFollower, type GateContext } from '@algotrader/risk-gate';
import { scaled, waitFor } from '@algotrader/testkit';
import { expect, test } from 'vitest';
import { readStream } from './helpers/jetstream';
import { startStageUsersServer } from './helpers/stage-users';
import { btcSwapGatePipeline, gateControl, gateSignalAndSet, inputMetas } from './helpers/stages-setup';

/**
 * EXTREME_FUNDING on the latest published rate (live mode, risk.maxFundingRate 0.003): a long
 * into +0.5% is refused with its reason, a reducing sell passes; a stale rate refuses as
 * STALE_DATA. And the gate's follower takes rates off a real nats-server with the
 * users of infra/nats/auth.conf, alerting a bad one.
 */
const T = Date.UTC(2024, 0, 1, 8);
const KEY = 'OKX:BTC/USDT:USDT';
const SWAP = parseInstrument(KEY);
const ETH = parseInstrument('OKX:ETH/USDT:USDT');
const p = btcSwapGatePipeline('live', { maxFundingRate: 0.003 });

const meta = inputMetas();

/** Holding `held` BTC (0.2 long), a signal to `target` at close T, decided with `rate` fetched at `fetchedAt`. */
function decide(target: number, rate: number, fetchedAt = T): RiskRejection[] {
  const a = Account.open({ initialCash: 10_000, specs: p.specs, swapSettings: p.swapSettings });
  a.setMark(0, 50_000);
  a.applyFill(0, 'buy', 0.2, 50_000, 0);
  a.revalue(T - 3_600_000);
  const account = {
    ...newAccount('perp', 10_000, 'USDT'),
    book: a.snapshot(),
    visibleThrough: T,
    steppedThrough: T,
  };
  const context: GateContext = {
    account,
    control: gateControl('perp', 'ACTIVE'),
    now: T + 1_000,
    funding: { [KEY]: { rate, fetchedAt } },
  };
  const { effects } = gateSignalAndSet(
    p,
    { symbol: 'BTC/USDT:USDT', t: T, target, mark: 50_000, context },
    meta,
  );
  return effects.flatMap((e) =>
    e.kind === 'publish' && e.message.subject === 'ord.rejected.perp'
      ? [e.message.message as RiskRejection]
      : [],
  );
}

test('an extreme rate refuses an order growing the paying side with EXTREME_FUNDING; a reducing one passes; a stale rate is STALE_DATA', () => {
  const grow = decide(0.4, 0.005);
  expect(grow.map((r) => r.reason)).toEqual([pb.RejectReason.REJECT_REASON_EXTREME_FUNDING]);
  expect(grow[0]!.detail).toContain('funding rate 0.005 is beyond ±0.003 and the long side pays it');
  expect(decide(0.1, 0.005)).toEqual([]); // sells 0.1 of the 0.2 long
  expect(decide(0.4, 0.001)).toEqual([]); // a normal rate: the same order passes
  expect(decide(0.4, -0.005)).toEqual([]); // longs are paid at a negative rate
  const stale = decide(0.4, 0.001, T - 17 * 3_600_000);
  expect(stale.map((r) => r.reason)).toEqual([pb.RejectReason.REJECT_REASON_STALE_DATA]);
  expect(stale[0]!.detail).toContain('funding rate fetched at');
});

test('the follower (as NATS user risk-gate) keeps the latest rate the collector user publishes and alerts a non-finite one', async () => {
  const nats = await startStageUsersServer();
  let f: FundingFollower | undefined;
  try {
    const [collector, gate] = [await nats.connect('collector'), await nats.connect('risk-gate')];
    f = new FundingFollower(gate, new Alerter(gate, 'risk-gate', new SimulatedClock(T)));
    f.start();
    await gate.nc.flush();
    const publish = (rate: number, at: number) =>
      collector.publish(
        codecs.FundingRate,
        subjects.funding(SWAP),
        encodeFundingRate({ instrument: SWAP, rate, fundingTime: T, fetchedAt: at }, 0, 'okx'),
        { msgId: fundingKey(SWAP, at) },
      );
    await publish(0.0042, T);
    await publish(Number.NaN, T + 1);
    await waitFor(() => f!.received + f!.invalid >= 2, scaled(5_000));
    expect(f.rates).toEqual({ [KEY]: { rate: 0.0042, fetchedAt: T } });
    expect(f.invalid).toBe(1);
    const alerts = () => readStream(nats.admin, 'OPS', 'ops.alert.>', codecs.Alert);
    await waitFor(async () => (await alerts()).length > 0, scaled(5_000));
    const got: Alert[] = await alerts();
    expect(got.map((x) => x.code)).toEqual(['funding_invalid']);
    expect(got[0]!.message).toContain('rate NaN is not a finite number');
  } finally {
    f?.stop();
    await nats.stop();
  }
});

test('a gate started after the last rate was published reads it from stream MD at once (as NATS user risk-gate): an opening order is judged, not refused as stale', async () => {
  const nats = await startStageUsersServer();
  const followers: FundingFollower[] = [];
  try {
    const [collector, gate] = [await nats.connect('collector'), await nats.connect('risk-gate')];
    const alerter = new Alerter(gate, 'risk-gate', new SimulatedClock(T));
    const follower = async () => {
      const f = new FundingFollower(gate, alerter);
      followers.push(f);
      await f.start([SWAP, ETH]);
      return f;
    };
    // Before any rate: nothing to read back, and no alert (an empty subject is not a failure).
    const none = await follower();
    expect(none.rates).toEqual({});
    expect(none.restored).toBe(0);
    const publish = (rate: number, at: number) =>
      collector.publish(
        codecs.FundingRate,
        subjects.funding(SWAP),
        encodeFundingRate({ instrument: SWAP, rate, fundingTime: T, fetchedAt: at }, 0, 'okx'),
        { msgId: fundingKey(SWAP, at) },
      );
    await publish(0.0001, T - 120_000);
    await publish(0.0042, T - 60_000);
    none.stop();
    // A restart: the newest stored rate is there before any message arrives.
    const f = await follower();
    expect(f.rates).toEqual({ [KEY]: { rate: 0.0042, fetchedAt: T - 60_000 } });
    expect(f.restored).toBe(1);
    expect(f.received).toBe(0);
    // Judged on it: EXTREME_FUNDING (0.0042 > 0.003), not STALE_DATA "no funding rate received yet".
    const rate = f.rates[KEY]!;
    expect(decide(0.4, rate.rate, rate.fetchedAt).map((r) => r.reason)).toEqual([
      pb.RejectReason.REJECT_REASON_EXTREME_FUNDING,
    ]);
    const alerts = await readStream(nats.admin, 'OPS', 'ops.alert.>', codecs.Alert);
    expect(alerts.map((a) => a.code)).toEqual([]);
  } finally {
    for (const f of followers) f.stop();
    await nats.stop();
  }
});
