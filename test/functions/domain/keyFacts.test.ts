import { describe, expect, it } from 'vitest';
import { keyFactsOf } from '../../../functions/src/domain/playbook.js';
import { factsReferenced } from '../../../functions/src/domain/rules.js';
import { loadCatalog } from '../../../functions/src/playbooks/catalog.js';

describe('factsReferenced', () => {
  it.each([
    [{ fact: 'a' }, ['a']],
    [{ literal: { fact: 'not-a-reference' } as never }, []],
    [{ min: [{ fact: 'a' }, { policy: 'p' }, { percentOf: [{ fact: 'b' }, { literal: 5 }] }] }, ['a', 'b']],
    [{ all: [{ fact: 'x', op: 'exists' }, { not: { fact: 'y', op: 'gt', value: { fact: 'z' } } }] }, ['x', 'y', 'z']],
  ] as const)('%j → %j', (node, keys) => expect(factsReferenced(node as never)).toEqual(keys));
});

describe('keyFactsOf', () => {
  it('lists what the late-delivery playbook decides on, in first-use order', () => {
    const pb = loadCatalog().playbooks.find((p) => p.id === 'late_delivery_refund')!;
    expect(keyFactsOf(pb)).toEqual([
      'order.id', 'requester.ownsOrder', 'delivery.deliveredAt', 'delivery.daysLate', 'delivery.daysSinceDelivered',
      'payment.status', 'payment.amountRefunded', 'payment.refundable', 'payment.chargeId', 'order.total',
    ]);
  });
});
