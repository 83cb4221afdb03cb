import { parseInstrument } from '@algotrader/core';
import { instrumentSpec, Portfolio } from '@algotrader/portfolio';
import { expect, test } from 'vitest';
import { applyFill, decodeAccount, encodeAccount, equityOf, newAccount } from './account';

test('applyFill books cash and positions bit for bit as the backtest Portfolio does', () => {
  const specs = ['OKX:BTC/USDT', 'OKX:ETH/USDT'].map((s) =>
    instrumentSpec(parseInstrument(s), { lotSize: 1e-6 }),
  );
  const keys = specs.map((s) => `${s.instrument.venue}:${s.instrument.base}/${s.instrument.quote}`);
  const p = new Portfolio(10_000, specs);
  const a = newAccount('paper', 10_000, 'USDT');
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let n = 0; n < 2_000; n++) {
    const k = rnd() < 0.5 ? 0 : 1;
    const price = 100 + rnd() * 1_000;
    const held = p.qty(k);
    const sell = held > 0 && rnd() < 0.45;
    const qty = sell
      ? rnd() < 0.3
        ? held
        : Math.floor(held * rnd() * 1e6) / 1e6
      : Math.floor(((p.cash * 0.3) / price) * 1e6) / 1e6;
    if (!(qty > 0)) continue;
    const fee = qty * price * 0.001;
    if (!sell && qty * price + fee > p.cash) continue;
    p.applyFill(k, sell ? 'sell' : 'buy', qty, price, fee);
    applyFill(a, keys[k]!, specs[k]!, sell ? 'sell' : 'buy', qty, price, fee);
    p.setMark(k, price);
    a.marks[keys[k]!] = price;
    expect(a.cash).toBe(p.cash);
    expect(a.positions[keys[k]!]!.qty).toBe(p.qty(k));
    expect(Object.is(a.positions[keys[k]!]!.avg, p.avgPrice(k))).toBe(true);
    expect(a.positions[keys[k]!]!.realized).toBe(p.position(k).realizedPnl);
  }
  expect(equityOf(a, keys)).toBe(p.equity);
  // The KV encoding keeps every double (and NaN) exactly.
  const back = decodeAccount(encodeAccount(a));
  expect(back.cash).toBe(a.cash);
  expect(back.positions).toEqual(a.positions);
});
