import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { codecByTypeName, codecs, type MessageName } from './index';

const protoRoot = resolve(import.meta.dirname, '../../../proto');
const protoFiles = readdirSync(resolve(protoRoot, 'algotrader/v1'))
  .filter((f) => f.endsWith('.proto'))
  .map((f) => `algotrader/v1/${f}`);

/** Decodes bytes with Debian's protoc, a non-TypeScript protobuf implementation. */
function protocDecode(typeName: string, bytes: Uint8Array): string {
  return execFileSync('protoc', ['-I', protoRoot, `--decode=${typeName}`, ...protoFiles], {
    input: bytes,
    cwd: protoRoot,
  }).toString();
}

const instrument = { venue: 'OKX', symbol: 'BTC/USDT' };
const order = {
  clientOrderId: 'at3k9x0abc',
  account: 'main',
  strategy: 'sma_cross',
  instrument,
  side: 1,
  type: 2,
  quantity: '0.00125',
  limitPrice: '27123.5',
  decisionTimeMs: 1_700_003_600_000,
};

// One sample per message, with the text protoc must print for it.
const samples: Record<MessageName, { message: object; expect: string[] }> = {
  Bar: {
    message: {
      instrument,
      timeframe: '1h',
      openTimeMs: 1_700_000_000_000,
      closeTimeMs: 1_700_003_600_000,
      open: 35000.5,
      high: 35100,
      low: 34900.25,
      close: 35050,
      volume: 12.5,
      source: 'replay',
    },
    expect: [
      'open_time_ms: 1700000000000',
      'close_time_ms: 1700003600000',
      'low: 34900.25',
      'symbol: "BTC/USDT"',
    ],
  },
  BarSetClosed: {
    message: {
      venue: 'OKX',
      timeframe: '1h',
      closeTimeMs: 1_700_003_600_000,
      arrived: ['BTC/USDT'],
      missing: ['ETH/USDT'],
      timedOut: true,
    },
    expect: ['arrived: "BTC/USDT"', 'missing: "ETH/USDT"', 'timed_out: true'],
  },
  FeatureVector: {
    message: { instrument, timeframe: '1h', closeTimeMs: 1, values: { 'sma:close:20': 101.25 }, warm: true },
    expect: ['key: "sma:close:20"', 'value: 101.25', 'warm: true'],
  },
  Signal: {
    message: {
      strategy: 'sma_cross',
      instrument,
      closeTimeMs: 2,
      target: { equityFraction: '0.5' },
      account: 'main',
    },
    expect: ['equity_fraction: "0.5"', 'strategy: "sma_cross"'],
  },
  OrderRequest: {
    message: order,
    expect: [
      'client_order_id: "at3k9x0abc"',
      'side: SIDE_BUY',
      'type: ORDER_TYPE_LIMIT',
      'limit_price: "27123.5"',
    ],
  },
  RiskRejection: {
    message: { order, reason: 3, detail: 'notional 12000 > max 10000', timeMs: 5 },
    expect: ['reason: REJECT_REASON_MAX_ORDER_NOTIONAL', 'detail: "notional 12000 > max 10000"'],
  },
  OrderEvent: {
    message: {
      clientOrderId: 'x1',
      account: 'main',
      instrument,
      state: 4,
      previousState: 3,
      filledQuantity: '0.5',
      seq: 2,
    },
    expect: ['state: ORDER_STATE_PARTIALLY_FILLED', 'previous_state: ORDER_STATE_ACCEPTED', 'seq: 2'],
  },
  Fill: {
    message: {
      tradeId: 't1',
      clientOrderId: 'x1',
      instrument,
      side: 2,
      quantity: '0.5',
      price: '100.1',
      fee: '0.05',
      feeCurrency: 'USDT',
      timeMs: 9,
    },
    expect: ['trade_id: "t1"', 'side: SIDE_SELL', 'fee_currency: "USDT"'],
  },
  PositionSnapshot: {
    message: {
      account: 'main',
      timeMs: 3,
      positions: [{ instrument, quantity: '1.5', averagePrice: '100' }],
      cash: '50',
      equity: '200',
    },
    expect: ['quantity: "1.5"', 'cash: "50"', 'equity: "200"'],
  },
  Alert: {
    message: {
      severity: 3,
      source: 'risk-gate',
      code: 'halted',
      message: 'max daily loss',
      labels: { account: 'main' },
      timeMs: 4,
    },
    expect: ['severity: SEVERITY_CRITICAL', 'code: "halted"', 'key: "account"'],
  },
  Heartbeat: {
    message: {
      service: 'collector',
      instance: 'c1',
      timeMs: 7,
      startedMs: 6,
      version: '0.1.0',
      gauges: { handled: 42 },
    },
    expect: ['service: "collector"', 'value: 42'],
  },
  ControlCommand: {
    message: { action: 4, account: 'main', issuedBy: 'cli', reason: 'test', timeMs: 8 },
    expect: ['action: CONTROL_ACTION_REDUCE_ONLY', 'issued_by: "cli"'],
  },
  SignalSetClosed: {
    message: {
      venue: 'OKX',
      timeframe: '1h',
      closeTimeMs: 7,
      strategies: ['sma_cross'],
      marks: { 'BTC/USDT': 35000.5 },
      instruments: ['BTC/USDT'],
    },
    expect: ['strategies: "sma_cross"', 'key: "BTC/USDT"', 'value: 35000.5'],
  },
  SweepJob: {
    message: {
      sweepId: 's1',
      jobId: 3,
      strategy: 'sma_cross',
      paramsJson: '{"fast":10}',
      symbols: ['BTC/USDT'],
      timeframe: '1h',
      initialCash: 10000,
    },
    expect: ['sweep_id: "s1"', 'job_id: 3', 'params_json: "{\\"fast\\":10}"', 'initial_cash: 10000'],
  },
  SweepResult: {
    message: { sweepId: 's1', jobId: 3, metrics: { sharpe: 1.25 }, worker: 'w1', seconds: 0.5 },
    expect: ['key: "sharpe"', 'value: 1.25', 'worker: "w1"'],
  },
  StoreCompactRequest: {
    message: { job: 'parquet-compaction', scheduledMs: 5, requestedBy: 'scheduler-1' },
    expect: ['job: "parquet-compaction"', 'requested_by: "scheduler-1"'],
  },
  StoreCompactReply: {
    message: { ok: true, partitions: 3, filesBefore: 40, filesAfter: 3, rows: 1000, durationMs: 12 },
    expect: ['ok: true', 'files_before: 40', 'rows: 1000'],
  },
  ControlState: {
    message: {
      account: 'main',
      state: 2,
      pausedStrategies: ['sma_cross'],
      reason: 'max daily loss',
      updatedMs: 10,
      updatedBy: 'risk-gate',
    },
    expect: ['state: TRADING_STATE_HALTED', 'paused_strategies: "sma_cross"', 'updated_by: "risk-gate"'],
  },
  FundingRate: {
    message: {
      venue: 'OKX',
      symbol: 'BTC/USDT:USDT',
      rate: -0.00012,
      fundingTimeMs: 1_700_006_400_000,
      nextFundingTimeMs: 1_700_035_200_000,
      fetchedAtMs: 1_700_003_600_000,
      source: 'okx',
    },
    expect: ['symbol: "BTC/USDT:USDT"', 'rate: -0.00012', 'funding_time_ms: 1700006400000'],
  },
  ForceExit: {
    message: {
      requestId: 'telegram-77',
      account: 'main',
      instrument,
      issuedBy: 'telegram:1001',
      reason: '/forceexit BTC/USDT',
      timeMs: 9,
    },
    expect: ['request_id: "telegram-77"', 'symbol: "BTC/USDT"', 'issued_by: "telegram:1001"'],
  },
  DeadLetter: {
    message: {
      subject: 'md.bar.okx.BTC-USDT.1h',
      stream: 'MD',
      streamSeq: 17,
      deliveries: 5,
      reason: 'undecodable',
      payload: new Uint8Array([1, 2]),
    },
    expect: ['stream_seq: 17', 'reason: "undecodable"', 'payload: "\\001\\002"'],
  },
};

describe('wire format is readable by protoc (a non-TypeScript implementation)', () => {
  for (const [name, sample] of Object.entries(samples) as [MessageName, (typeof samples)[MessageName]][]) {
    test(`${name} encoded in TypeScript decodes with protoc --decode`, () => {
      const codec = codecs[name] as unknown as {
        typeName: string;
        encode(m: object): Uint8Array;
        decode(b: Uint8Array): object;
      };
      const bytes = codec.encode(sample.message);
      const text = protocDecode(codec.typeName, bytes);
      for (const line of sample.expect) expect(text).toContain(line);
      // And back: TypeScript decodes its own bytes to the same fields.
      expect(codecByTypeName(codec.typeName)).toBe(codec);
    });
  }

  test('protoc-encoded bytes decode in TypeScript', () => {
    const bytes = execFileSync('protoc', ['-I', protoRoot, '--encode=algotrader.v1.Bar', ...protoFiles], {
      input:
        'timeframe: "15m"\nopen_time_ms: 1735689600000\nclose: 93000.5\ninstrument { venue: "OKX" symbol: "ETH/USDT" }\n',
      cwd: protoRoot,
    });
    const bar = codecs.Bar.decode(new Uint8Array(bytes));
    expect(bar.timeframe).toBe('15m');
    expect(bar.openTimeMs).toBe(1_735_689_600_000);
    expect(bar.close).toBe(93000.5);
    expect(bar.instrument?.symbol).toBe('ETH/USDT');
  });
});
