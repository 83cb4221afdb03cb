import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientOrderId, orderEventKey, paperFillKey, parseInstrument, positionKey } from '@algotrader/core';
import { dec, num } from '@algotrader/pipeline';
import { repoRoot } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';

/** proto/conformance/vectors.json: the data any implementation of the protocol checks itself against. */
const vectors = JSON.parse(readFileSync(join(repoRoot, 'proto/conformance/vectors.json'), 'utf8')) as {
  clientOrderId: {
    account: string;
    strategy: string;
    instrument: string;
    decisionCloseMs: number;
    leg: number;
    id: string;
  }[];
  decimal: { bits: string; text: string }[];
  msgId: {
    kind: string;
    clientOrderId?: string;
    n?: number;
    seq?: number;
    account?: string;
    timeMs?: number;
    id: string;
  }[];
};

const fromBits = (hex: string) => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('the TypeScript side meets proto/conformance/vectors.json', () => {
  test('client order ids', () => {
    expect(vectors.clientOrderId.length).toBeGreaterThan(3);
    for (const v of vectors.clientOrderId) {
      expect(clientOrderId({ ...v, instrument: parseInstrument(v.instrument) })).toBe(v.id);
    }
  });

  test('decimal strings both ways, bit for bit', () => {
    expect(vectors.decimal.length).toBeGreaterThan(10);
    for (const v of vectors.decimal) {
      const x = fromBits(v.bits);
      expect(dec(x)).toBe(v.text);
      const back = Buffer.alloc(8);
      back.writeDoubleBE(num(v.text, 'vector'));
      expect(back.toString('hex')).toBe(v.bits);
    }
  });

  test('msg-ids', () => {
    for (const v of vectors.msgId) {
      const got =
        v.kind === 'paperFill'
          ? paperFillKey(v.clientOrderId!, v.n!)
          : v.kind === 'orderEvent'
            ? orderEventKey(v.clientOrderId!, v.seq!)
            : positionKey(v.account!, v.timeMs!);
      expect(got).toBe(v.id);
    }
  });
});
