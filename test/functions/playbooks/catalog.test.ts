import { describe, expect, it } from 'vitest';
import { BUILT_IN_SOURCE, loadCatalog, renderMessage } from '../../../functions/src/playbooks/catalog.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('loadCatalog', () => {
  it('loads the built-in playbooks, policy and messages', () => {
    const c = loadCatalog();
    expect(c.playbooks.map((p) => p.id).sort()).toEqual(expect.arrayContaining(['cancel_unshipped_order', 'late_delivery_refund', 'paid_but_locked']));
    expect(c.playbooks.map((p) => p.id)).toEqual(expect.arrayContaining(['return_delivered_order', 'address_change_before_shipment', 'where_is_my_order']));
    expect(c.policies[0]).toMatchObject({ id: 'standard-retail', version: 1 });
  });

  it.each([
    ['an unknown action type', (s: typeof BUILT_IN_SOURCE) => { (s.playbooks[0] as { actions: { type: string }[] }).actions[0]!.type = 'billing.wire_money'; }, /actions\.0\.type/],
    ['a malformed condition', (s: typeof BUILT_IN_SOURCE) => { (s.playbooks[0] as { checks: { when: unknown }[] }).checks[0]!.when = { fact: 'x', op: 'approximately', value: { literal: 1 } }; }, /checks\.0\.when/],
    ['a template missing in Spanish', (s: typeof BUILT_IN_SOURCE) => { delete (s.messages.es as Record<string, string>)['cancel.success']; }, /messages es lack: cancel\.success/],
    ['a step after an unknown step', (s: typeof BUILT_IN_SOURCE) => { (s.playbooks[1] as { actions: { after?: string[] }[] }).actions[1]!.after = ['nope']; }, /unknown step nope/],
    ['a policy value of the wrong type', (s: typeof BUILT_IN_SOURCE) => { (s.policies[0] as { values: Record<string, unknown> }).values['x'] = { nested: true }; }, /policy #0: values\.x/],
  ])('rejects %s with the path of the problem', (_n, mutate, message) => {
    const source = clone(BUILT_IN_SOURCE);
    mutate(source);
    expect(() => loadCatalog(source)).toThrow(message);
  });
});

describe('renderMessage', () => {
  const c = loadCatalog();
  it('fills variables in the requested locale', () => {
    expect(renderMessage(c, 'es', 'cancel.success', { name: 'Marcus', orderId: 'ORD-1', amount: 'US$129.00' })).toContain('Hola Marcus, tu pedido ORD-1 está cancelado');
  });
  it('keeps an unknown placeholder visible rather than inventing a value', () => {
    expect(renderMessage(c, 'en', 'cancel.success', { name: 'A' })).toContain('{orderId}');
  });
});
