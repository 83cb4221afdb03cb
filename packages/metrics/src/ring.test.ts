import { describe, expect, test } from 'vitest';
import { Ring } from './ring';

describe('Ring', () => {
  test('keeps FIFO order across wrap-around', () => {
    const r = new Ring<number>(3);
    r.push(1);
    r.push(2);
    expect(r.shift(1)).toEqual([1]);
    r.push(3);
    r.push(4);
    expect(r.size).toBe(3);
    expect(r.shift(10)).toEqual([2, 3, 4]);
    expect(r.size).toBe(0);
  });

  test('a push into a full ring drops the oldest item and says so', () => {
    const r = new Ring<number>(3);
    const dropped = [1, 2, 3, 4, 5].map((x) => r.push(x));
    expect(dropped).toEqual([0, 0, 0, 1, 1]);
    expect(r.shift(3)).toEqual([3, 4, 5]);
  });

  test('items put back go to the front; when they do not all fit, the oldest of them are dropped', () => {
    const r = new Ring<number>(4);
    for (const x of [1, 2, 3]) r.push(x);
    const batch = r.shift(3);
    r.push(4);
    r.push(5);
    // Room for 2 of the 3 taken items: 1 (the oldest) goes.
    expect(r.unshiftAll(batch)).toBe(1);
    expect(r.shift(10)).toEqual([2, 3, 4, 5]);
  });

  test('clear empties it and reports how many items it held', () => {
    const r = new Ring<string>(2);
    r.push('a');
    expect(r.clear()).toBe(1);
    expect(r.size).toBe(0);
    expect(r.shift(1)).toEqual([]);
  });

  test('rejects a capacity that is not a positive integer', () => {
    expect(() => new Ring(0)).toThrow(RangeError);
    expect(() => new Ring(1.5)).toThrow(RangeError);
  });
});
