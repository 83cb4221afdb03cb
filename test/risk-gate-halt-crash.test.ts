import { Bus, loadCheckpoint, readControl, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import {
  AccountStore,
  CHECKPOINTS_BUCKET,
  CONTROL_BUCKET,
  checkpointKeys,
  POSITIONS_BUCKET,
  parsePipelineConfig,
  RiskLimitsSchema,
  readAll,
} from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { type GateCheckpoint, RiskGate } from '@algotrader/risk-gate';
import { targetUnits } from '@algotrader/strategy';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { NO_LIMITS } from './helpers/fixtures';
import { overriding, withBucket } from './helpers/overrides';
import { afterALosingDay, BTC, publishSignals, raisedCritical, T } from './helpers/risk';

/**
 * The risk gate saves the decisions of a close time before it publishes them. A daily loss beyond
 * the limit decides refusals AND a halt; a gate that dies after that save and before the halt is
 * written must write it on restart — or the account trades on after the loss limit fired.
 */

const pipeline = parsePipelineConfig({
  account: 'paper',
  instruments: ['OKX:BTC/USDT', 'OKX:ETH/USDT'],
  strategies: [{ name: 'sma_cross', params: { fast: 2, slow: 3 }, instruments: ['OKX:BTC/USDT'] }],
  risk: { ...RiskLimitsSchema.parse(NO_LIMITS), maxDailyLoss: 0.1, accountWaitMs: 5_000 },
  mode: 'replay',
});
const clock = { now: () => Date.now() };

/** A bus whose control KV refuses every write: the process is gone once its decisions are saved. */
function dyingAtTheHalt(bus: Bus): Bus {
  const killed = () => Promise.reject(new Error('killed before the halt was written'));
  return withBucket(bus, CONTROL_BUCKET, (kv) =>
    overriding(kv, { create: killed, update: killed, put: killed }),
  );
}

describe('risk gate: a halt saved with its decisions survives a crash', () => {
  test('killed after saving the refusals, before writing HALTED: the restarted gate writes it, alerts, and publishes the refusal once', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    const gateBus = await Bus.connect({ servers: server.url, service: 'risk-gate' });
    let first: RiskGate | undefined;
    let second: RiskGate | undefined;
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      const store = new AccountStore(await bus.kv(POSITIONS_BUCKET), 'paper');
      await store.load();
      await store.save(afterALosingDay(T));
      const checkpoints = await bus.kv(CHECKPOINTS_BUCKET);
      const control = await bus.kv(CONTROL_BUCKET);
      const saved = () => loadCheckpoint<GateCheckpoint>(checkpoints, checkpointKeys.riskGate('paper'));

      first = await RiskGate.start({ bus: dyingAtTheHalt(gateBus), pipeline, clock });
      await publishSignals(bus, T, [targetUnits(BTC, 1)]);
      // The crash point: the decisions of T are saved (owed, with the halt), nothing is out.
      await waitFor(async () => (await saved())?.lastT === T, 10_000, 'the decisions of T saved');
      const atCrash = (await saved())!;
      expect(atCrash.outbox.map((o) => o.type)).toEqual(['RiskRejection']);
      expect(atCrash.halt?.alert.code).toBe('halted_daily_loss');
      expect((await readControl(control, 'paper')).state).toBe('ACTIVE');
      expect(await readAll(bus, 'ORDERS', 'ord.rejected.paper', codecs.RiskRejection)).toEqual([]);
      await first.stop();
      first = undefined;

      second = await RiskGate.start({ bus: gateBus, pipeline, clock });
      expect((await readControl(control, 'paper')).state).toBe('HALTED');
      await waitFor(() => raisedCritical(bus, 'halted_daily_loss'), 5_000, 'the critical alert');
      const rejected = await readAll(bus, 'ORDERS', 'ord.rejected.paper', codecs.RiskRejection);
      expect(rejected.map((r) => r.message.reason)).toEqual([pb.RejectReason.REJECT_REASON_MAX_DAILY_LOSS]);
      // Written once: the next checkpoint owes neither the halt nor the refusal.
      await second.stop();
      second = undefined;
      const after = (await saved())!;
      expect(after.halt).toBeUndefined();
      expect(after.outbox).toEqual([]);
    } finally {
      await first?.stop();
      await second?.stop();
      await gateBus.close();
      await bus.close();
      await server.stop();
    }
  });
});
