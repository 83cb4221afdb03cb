import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  alertKey,
  barKey,
  barSetKey,
  cancelKey,
  clientOrderId,
  controlKey,
  deadLetterKey,
  exitOrderId,
  featureKey,
  featureSetKey,
  fillKey,
  forceExitKey,
  forceExitOrderId,
  fundingKey,
  heartbeatKey,
  isForceExitOrderId,
  orderEventKey,
  orderKey,
  paperFillKey,
  positionKey,
  rejectionKey,
  signalKey,
  signalSetKey,
  stableHash36,
  sweepJobKey,
  sweepResultKey,
  telegramControlKey,
} from './ids';
import { parseInstrument } from './instrument';

// The expected strings are the documented formats (ids.ts, the comments in proto/algotrader/v1/*.proto):
// a producer in another language builds the same ids from those documents.
const btc = parseInstrument('OKX:BTC/USDT');
const T = 1_700_000_000_000;

describe('message ids', () => {
  test('market data: bar, bar set', () => {
    expect(barKey(btc, '1h', T)).toBe('bar:okx:BTC-USDT:1h:1700000000000');
    expect(barSetKey('OKX', '15m', T)).toBe('barset:okx:15m:1700000000000');
  });

  test('features: vector and set, keyed by close time', () => {
    expect(featureKey(btc, '1h', T)).toBe('feat:okx:BTC-USDT:1h:1700000000000');
    expect(featureSetKey('OKX', '1h', T)).toBe('featset:okx:1h:1700000000000');
  });

  test('signals: leg 0 has no suffix, later legs append their number', () => {
    expect(signalKey('sma_cross', btc, 5)).toBe('sig:sma_cross:okx:BTC-USDT:5');
    expect(signalKey('sma_cross', btc, 5, 0)).toBe(signalKey('sma_cross', btc, 5));
    expect(signalKey('sma_cross', btc, 5, 2)).toBe('sig:sma_cross:okx:BTC-USDT:5:2');
    expect(signalSetKey('OKX', '1h', T)).toBe('sigset:okx:1h:1700000000000');
  });

  test('orders: approval, cancel, rejection, state change', () => {
    expect(orderKey('at123')).toBe('ord:at123');
    expect(cancelKey('at123')).toBe('ord:at123:cancel');
    expect(rejectionKey('at123')).toBe('rej:at123');
    expect(orderEventKey('at123', 3)).toBe('ord:at123:3');
  });

  test('executions and positions', () => {
    expect(fillKey('OKX', '884012')).toBe('fill:okx:884012');
    expect(paperFillKey('at123', 2)).toBe('fill:paper:at123:2');
    expect(positionKey('main', T)).toBe('pos:main:1700000000000');
  });

  test('operations: alert, heartbeat, dead letter, control', () => {
    expect(alertKey('collector', 'bar_gap', 'bar:okx:BTC-USDT:1h:5')).toBe(
      'alert:collector:bar_gap:bar:okx:BTC-USDT:1h:5',
    );
    expect(alertKey('scheduler', 'daily_summary_due', T)).toBe(
      'alert:scheduler:daily_summary_due:1700000000000',
    );
    expect(heartbeatKey('risk-gate', 'rg-1', T)).toBe('hb:risk-gate:rg-1:1700000000000');
    expect(deadLetterKey('MD', 'archiver', 42)).toBe('dlq:MD:archiver:42');
    expect(controlKey('main', 'halt', undefined, T)).toBe('ctl:main:halt::1700000000000');
    expect(controlKey('main', 'pause', 'sma_cross', T)).toBe('ctl:main:pause:sma_cross:1700000000000');
    expect(telegramControlKey(77)).toBe('ctl:telegram:77');
    expect(forceExitKey('main', 'telegram-77')).toBe('fx:main:telegram-77');
    expect(() => forceExitKey('main', 'a:b')).toThrow(/request id/);
  });

  test('force-exit order ids: deterministic, valid clOrdIds, one per (account, instrument, request)', () => {
    const eth = parseInstrument('OKX:ETH/USDT');
    const a = forceExitOrderId('main', btc, 'telegram-77');
    expect(a).toBe(forceExitOrderId('main', btc, 'telegram-77'));
    expect(a).toMatch(/^fx[0-9a-z]{28}$/);
    const others = [
      forceExitOrderId('main', eth, 'telegram-77'),
      forceExitOrderId('main', btc, 'telegram-78'),
      forceExitOrderId('paper', btc, 'telegram-77'),
    ];
    expect(new Set([a, ...others]).size).toBe(4);
    expect(() => forceExitOrderId('main', btc, '')).toThrow(/request id/);
    expect(isForceExitOrderId(a)).toBe(true);
    expect(
      isForceExitOrderId(
        clientOrderId({ account: 'main', strategy: 's', instrument: btc, decisionCloseMs: 1 }),
      ),
    ).toBe(false);
  });

  test('order ids hashed from a kept prefix equal the documented text hash, bit for bit', () => {
    // Pinned: what the ids were before the prefix was kept (a change here renames every order).
    const eth = parseInstrument('OKX:ETH/USDT:USDT');
    expect(
      clientOrderId({ account: 'main', strategy: 'sma_cross', instrument: btc, decisionCloseMs: T }),
    ).toBe('at0ocbmjk1sidi520kgeh4w08xhdtl');
    expect(
      clientOrderId({ account: 'main', strategy: 'sma_cross', instrument: btc, decisionCloseMs: T, leg: 2 }),
    ).toBe('at0zgob6g1xj2wxn1l2kyno17s53u9');
    expect(exitOrderId({ account: 'paper', strategy: 'x', instrument: eth, decisionCloseMs: 0 })).toBe(
      'at1buz3tj0qi4b111wlkqly1qb7m07',
    );
    // Not a plain integer time: the text path.
    expect(clientOrderId({ account: 'a', strategy: 'b', instrument: eth, decisionCloseMs: 1.5 })).toBe(
      'at179p1lv1yt32p81voqay20lffogr',
    );
    // Against the text the ids are documented as, over many names, times and legs (seeded).
    let seed = 12345;
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const insts = [btc, eth, parseInstrument('BINANCE:DOGE/USDT'), parseInstrument('OKX:SOL/USDC')];
    const times = [0, 9, 10, 2 ** 31, 2 ** 32 + 35, T, Number.MAX_SAFE_INTEGER, -3_600_000, 1e21, Number.NaN];
    for (let n = 0; n < 2000; n++) {
      const account = ['main', 'paper', 'backtest', `acct${Math.floor(rnd() * 30)}`][n % 4]!;
      const strategy = ['sma_cross', 'xs_momentum', `s${Math.floor(rnd() * 50)}`][n % 3]!;
      const instrument = insts[Math.floor(rnd() * insts.length)]!;
      const decisionCloseMs = n < times.length ? times[n]! : Math.floor(rnd() * 2 ** 42) * 1000;
      const leg = n % 5 === 0 ? undefined : Math.floor(rnd() * 12);
      const sym = `${instrument.base}-${instrument.quote}${instrument.settle === undefined ? '' : '-SWAP'}`;
      const head = [account, strategy, instrument.venue, sym, decisionCloseMs];
      const parts = { account, strategy, instrument, decisionCloseMs };
      expect(clientOrderId(leg === undefined ? parts : { ...parts, leg })).toBe(
        `at${stableHash36([...head, leg ?? 0].join('|'))}`,
      );
      expect(exitOrderId({ account, strategy, instrument, decisionCloseMs })).toBe(
        `at${stableHash36([...head, 'exit'].join('|'))}`,
      );
    }
  });

  test('research: sweep job and its result', () => {
    expect(sweepJobKey('sw1', 'j7')).toBe('job:sw1:j7');
    expect(sweepResultKey('sw1', 'j7')).toBe('res:sw1:j7');
  });

  test('ids of different messages of one order never collide', () => {
    const ids = [
      orderKey('a'),
      cancelKey('a'),
      rejectionKey('a'),
      orderEventKey('a', 1),
      paperFillKey('a', 1),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('proto/README.md', () => {
  const readme = readFileSync(resolve(import.meta.dirname, '../../../proto/README.md'), 'utf8');
  const T1 = 1_700_003_600_000;
  // Each documented example is what its builder returns: the table a non-TypeScript producer
  // reads cannot drift from the code.
  const examples: [string, string][] = [
    ['barKey', barKey(btc, '1h', T)],
    ['barSetKey', barSetKey('OKX', '1h', T1)],
    ['fundingKey', fundingKey(parseInstrument('OKX:BTC/USDT:USDT'), T1)],
    ['featureKey', featureKey(btc, '1h', T1)],
    ['featureSetKey', featureSetKey('OKX', '1h', T1)],
    ['signalKey', signalKey('sma_cross', btc, T1)],
    ['signalSetKey', signalSetKey('OKX', '1h', T1)],
    ['orderKey', orderKey('at0k2j9x')],
    ['cancelKey', cancelKey('at0k2j9x')],
    ['rejectionKey', rejectionKey('at0k2j9x')],
    ['orderEventKey', orderEventKey('at0k2j9x', 2)],
    ['fillKey', fillKey('OKX', '884012')],
    ['paperFillKey', paperFillKey('at0k2j9x', 1)],
    ['positionKey', positionKey('main', T1)],
    ['alertKey', alertKey('scheduler', 'daily_summary_due', T1)],
    ['heartbeatKey', heartbeatKey('risk-gate', 'rg-1', T1)],
    ['deadLetterKey', deadLetterKey('MD', 'archiver', 42)],
    ['controlKey', controlKey('main', 'halt', undefined, T1)],
    ['telegramControlKey', telegramControlKey(77)],
    ['forceExitKey', forceExitKey('main', 'telegram-77')],
    ['sweepJobKey', sweepJobKey('sw1', 7)],
    ['sweepResultKey', sweepResultKey('sw1', 7)],
  ];
  test.each(examples)('documents %s with an example it really returns', (builder, id) => {
    const row = readme.split('\n').find((l) => l.includes(`\`${builder}\``));
    expect(row, `no row for ${builder}`).toBeDefined();
    expect(row).toContain(`\`${id}\``);
  });
  test('documents every builder', () => {
    const rows = readme.split('\n').filter((l) => /\| `[a-zA-Z]+Key` *\|$/.test(l));
    expect(rows).toHaveLength(examples.length);
  });
});
