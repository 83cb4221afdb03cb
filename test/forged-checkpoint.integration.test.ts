import { loadCheckpoint, saveCheckpoint, updateControl } from '@algotrader/bus';
import { orderKey, parseInstrument } from '@algotrader/core';
import {
  CHECKPOINTS_BUCKET,
  CONTROL_BUCKET,
  checkpointKeys,
  readAccount,
  readAll,
} from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import type { GateSnapshot } from '@algotrader/risk-gate';
import { readCsvBars } from '@algotrader/store';
import { bundledData, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { head } from './helpers/fixtures';
import { startStages } from './helpers/pipeline';
import { credsOf as creds, paperBtcReplay, startStageUsersServer } from './helpers/stage-users';

const BTC = parseInstrument('OKX:BTC/USDT');

/**
 * Issue 10's forged checkpoint: with the account HALTED, a 20-unit buy is added to the risk gate's
 * saved outbox and the gate restarts. No stage user may write that key (nats-permissions test);
 * here the one identity that can (admin) forges it, and the gate still does not republish it:
 * owed decisions are re-checked against the control state of now. Nothing reaches ORDERS or EXEC.
 */
describe('a forged order in the risk gate checkpoint while HALTED', { timeout: scaled(120_000) }, () => {
  test('is not republished on restart (critical alert), never reaches ORDERS, never fills', async () => {
    const bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), 300);
    const nats = await startStageUsersServer();
    const { server, connect, admin } = nats;
    try {
      const pipeline = paperBtcReplay({ fast: 10, slow: 30 });
      const collector = await connect('collector');
      let stages = await startStages(server.url, pipeline, creds);
      try {
        const r = await replayPipeline(collector, {
          venue: 'OKX',
          tf: '1h',
          series: [{ instrument: BTC, bars }],
        });
        await waitFor(
          async () => ((await readAccount(admin, 'paper'))?.steppedThrough ?? 0) >= r.lastClose!,
          scaled(60_000),
          'the router to apply the last bar set',
        );
      } finally {
        await stages.stop();
      }
      const ordersBefore = (await admin.jsm.streams.info('ORDERS')).state.messages;

      // The operator (or a drawdown) halted the account; then the forgery.
      await updateControl(
        await admin.kv(CONTROL_BUCKET),
        'paper',
        { kind: 'state', state: 'HALTED' },
        'test',
        'drawdown',
        Date.now(),
      );
      const ckv = await admin.kv(CHECKPOINTS_BUCKET);
      const key = checkpointKeys.riskGate('paper');
      const ck = (await loadCheckpoint<GateSnapshot & { seq: number }>(ckv, key))!;
      expect(ck.lastT).toBeGreaterThan(0);
      const forgedId = 'forged20btc';
      const forged = codecs.OrderRequest.encode({
        clientOrderId: forgedId,
        account: 'paper',
        strategy: 'sma_cross',
        instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
        side: pb.Side.SIDE_BUY,
        type: pb.OrderType.ORDER_TYPE_MARKET,
        quantity: '20',
        decisionTimeMs: ck.lastT,
      });
      ck.outbox = [
        ...ck.outbox,
        {
          type: 'OrderRequest',
          subject: 'ord.approved.paper',
          msgId: orderKey(forgedId),
          bytes: forged,
          approved: true,
        },
      ];
      await saveCheckpoint(ckv, key, ck);

      stages = await startStages(server.url, pipeline, creds);
      try {
        await waitFor(
          async () =>
            (await readAll(admin, 'OPS', 'ops.alert.>', codecs.Alert)).some(
              (a) => a.message.code === 'restored_order_refused' && a.message.message?.includes(forgedId),
            ),
          scaled(30_000),
          'the gate to refuse the forged order with a critical alert',
        );
      } finally {
        await stages.stop();
      }
      const alert = (await readAll(admin, 'OPS', 'ops.alert.>', codecs.Alert))
        .map((a) => a.message)
        .find((a) => a.code === 'restored_order_refused')!;
      expect(alert.severity).toBe(pb.Severity.SEVERITY_CRITICAL);
      expect(alert.message).toMatch(/HALTED \(drawdown\)/);
      const orders = await readAll(admin, 'ORDERS', 'ord.>', codecs.OrderRequest);
      expect(orders.length).toBe(ordersBefore);
      expect(orders.some((o) => o.message.clientOrderId === forgedId)).toBe(false);
      const fills = await readAll(admin, 'EXEC', 'exec.fill.paper', codecs.Fill);
      expect(fills.some((f) => f.message.clientOrderId === forgedId)).toBe(false);
      // The saved outbox no longer owes it.
      const after = (await loadCheckpoint<GateSnapshot>(ckv, key))!;
      expect(after.outbox.some((s) => s.msgId === orderKey(forgedId))).toBe(false);
    } finally {
      await nats.stop();
    }
  });
});
