import { describe, expect, it } from 'vitest';
import { matchExpected } from '../../../sandbox/scenario/matchExpected.js';

const orders = [{ id: 'A', status: 'pending' }, { id: 'B', status: 'delivered', refunds: [1] }, { id: 'C', status: 'cancelled' }];

describe('matchExpected', () => {
  it.each([
    ['plain array, equal length', [1, 2], [1, 2], 0],
    ['plain array, different length', [1, 2], [1], 1],
    ['$some: each listed record matches some element', orders, { $some: [{ id: 'B', status: 'delivered' }, { id: 'A' }] }, 0],
    ['$some: a record matching nothing fails', orders, { $some: [{ id: 'B', status: 'cancelled' }] }, 1],
    ['$some: partial objects inside elements', orders, { $some: [{ id: 'B', refunds: [1] }] }, 0],
    ['$none: nothing matches', orders, { $none: [{ status: 'returned' }] }, 0],
    ['$none: an element matches', orders, { $none: [{ status: 'cancelled' }] }, 1],
    ['$some and $none together', orders, { $some: [{ id: 'C' }], $none: [{ id: 'A', status: 'cancelled' }] }, 0],
    ['$some against a non-array', { id: 'A' }, { $some: [{ id: 'A' }] }, 1],
    ['an object with other keys is matched as an object', { $some: 1 }, { $some: 1 }, 0],
  ])('%s', (_label, actual, expected, failures) => {
    expect(matchExpected(actual, expected)).toHaveLength(failures);
  });
});
