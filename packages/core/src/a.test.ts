import { expect, test } from 'vitest';
import { hello } from './index';

test('x', () => expect(hello()).toBe('x'));
