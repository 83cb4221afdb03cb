import { describe, expect, test } from 'vitest';
import { canTransition, isTerminal, transition } from './order-state';

describe('order state machine', () => {
  test('the normal path and the odd-but-real ones are allowed', () => {
    expect(transition('a', 'pending_submit', 'submitted')).toBe('submitted');
    expect(transition('a', 'submitted', 'filled')).toBe('filled');
    expect(transition('a', 'pending_cancel', 'filled')).toBe('filled'); // cancel lost the race
    expect(transition('a', 'unknown', 'accepted')).toBe('accepted'); // resolved by lookup
    expect(transition('a', 'partially_filled', 'partially_filled')).toBe('partially_filled');
  });
  test('terminal states never change, and unlisted transitions are refused by name', () => {
    for (const t of ['filled', 'canceled', 'rejected', 'expired'] as const) {
      expect(isTerminal(t)).toBe(true);
      expect(canTransition(t, 'accepted')).toBe(false);
    }
    expect(() => transition('x1', 'filled', 'canceled')).toThrow(
      /order x1: illegal transition filled → canceled/,
    );
    expect(() => transition('x1', 'accepted', 'submitted')).toThrow(/illegal/);
  });
});
