// The pure parts of the model's review: the guardrail decision on a recommended action, the facts
// the review is shown, the engine-written line on a plan without actions.
import { describe, expect, it } from 'vitest';
import type { Fact, FactValue } from '../../../functions/src/domain/evidence.js';
import type { ProposedAction } from '../../../functions/src/domain/proposal.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../functions/src/domain/settings.js';
import { factMap } from '../../../functions/src/engine/notes.js';
import { guardModelAction } from '../../../functions/src/engine/plan.js';
import { EXTRA_FACTS, factsToReview, planLine } from '../../../functions/src/engine/reviewCase.js';
import { loadCatalog } from '../../../functions/src/playbooks/catalog.js';

const catalog = loadCatalog();
const late = catalog.playbooks.find((p) => p.id === 'late_delivery_refund')!;
const cancel = catalog.playbooks.find((p) => p.id === 'cancel_unshipped_order')!;
const policy = catalog.policies[0]!;
const cite = { system: 'oms' as const, recordType: 'order', recordId: 'ORD-1001', fields: [], fetchedAt: '2026-11-20T12:00:00Z' };
const fact = (key: string, value: FactValue): Fact => ({ key, value, citations: [cite] });
const usd = (amount: number) => ({ amount, currency: 'usd' });
const refund = (amount: number): ProposedAction => ({ type: 'billing.refund', params: { chargeId: 'ch_1', orderId: 'ORD-1001' }, amount: usd(amount) });
const autopilot: Settings = { ...DEFAULT_SETTINGS, autonomy: { late_delivery_refund: { low: 'autopilot', medium: 'autopilot' } } };

describe('guardModelAction: the same guardrails on what the model recommended', () => {
  const owns = factMap([fact('requester.ownsOrder', true)]);
  const stranger = factMap([fact('requester.ownsOrder', false)]);
  it.each([
    ['a policy-sized refund on autopilot settings', refund(1680), late, owns, autopilot, [], { case: 0, today: 0 }, 'auto', []],
    ['the same refund in approve mode', refund(1680), late, owns, DEFAULT_SETTINGS, [], { case: 0, today: 0 }, 'needs_approval', ['approve_mode']],
    ['$5,000: over the per-case limit', refund(500_000), late, owns, autopilot, [], { case: 0, today: 0 }, 'forbidden', ['per_case_limit']],
    ['over the cap without approval', refund(3_000), late, owns, autopilot, [], { case: 0, today: 0 }, 'needs_approval', ['over_auto_cap']],
    ['after what the case already moved', refund(2_000), late, owns, autopilot, [], { case: 49_000, today: 0 }, 'forbidden', ['per_case_limit']],
    ['a protected customer', refund(1680), late, owns, autopilot, ['vip'], { case: 0, today: 0 }, 'needs_approval', ['no_autonomy_for_customer']],
    ['an action type the playbook has no step for needs identity', { type: 'orders.cancel', params: { orderId: 'ORD-1001' }, amount: null }, late, stranger, autopilot, [], { case: 0, today: 0 }, 'forbidden', ['identity_not_verified']],
    ["the playbook's own identity check", { type: 'orders.cancel', params: { orderId: 'ORD-1001' }, amount: null }, cancel, stranger, DEFAULT_SETTINGS, [], { case: 0, today: 0 }, 'forbidden', ['identity_not_verified']],
  ] as const)('%s', (_name, action, playbook, facts, settings, customerTags, spend, kind, codes) => {
    const d = guardModelAction({ action: action as ProposedAction, playbook, policy, facts, settings, customerTags: [...customerTags], spend });
    expect(d.kind).toBe(kind);
    expect(d.reasons.map((r) => r.code)).toEqual(expect.arrayContaining([...codes]));
    expect(d.policy).toEqual({ id: policy.id, version: policy.version });
  });
});

describe('factsToReview', () => {
  const facts = [
    fact('ticket.subject', 'Late'), fact('agent.order.ORD-1001', '{}'), fact('order.total', usd(8400)), fact('delivery.daysLate', 5), fact('shipment.carrier', 'UPS'),
    fact('shipment.latestEvent', 'Delivered, left at the front door of the building next to the garage'), fact('shipment.tracking', null),
  ];
  it("shows the playbook's key facts and the model's own look-ups first, then other short facts, never long prose", () => {
    expect(factsToReview(facts, [{ playbook: late }]).map((f) => f.key)).toEqual(['agent.order.ORD-1001', 'order.total', 'delivery.daysLate', 'ticket.subject', 'shipment.carrier']);
  });
  it(`adds at most ${EXTRA_FACTS} short facts besides the key ones`, () => {
    const many = [fact('order.total', usd(8400)), ...Array.from({ length: 20 }, (_, i) => fact(`other.${i}`, i))];
    expect(factsToReview(many, [{ playbook: late }]).map((f) => f.key)).toEqual(['order.total', ...Array.from({ length: EXTRA_FACTS }, (_, i) => `other.${i}`)]);
  });
  it('shows everything when the playbooks name no fact', () => {
    expect(factsToReview(facts, [{ playbook: { ...late, requiredFacts: [], checks: [], actions: [], inform: undefined } }])).toHaveLength(facts.length);
  });
});

describe('planLine', () => {
  it.each([
    ['actions only', [{ plan: { kind: 'propose', proposals: [] } }], undefined],
    ['a refusal', [{ plan: { kind: 'refuse', checkId: 'c', reason: 'return_window_passed', template: 't' } }], 'refused: return_window_passed'],
    ['an answer and a hand-over', [{ plan: { kind: 'inform', template: 'wismo.in_transit', state: 'closed' } }, { plan: { kind: 'escalate', reason: 'held', detail: 'd' } }], 'answered, nothing changed: wismo.in_transit; handed to a person: held'],
    ['a question', [{ plan: { kind: 'ask', missing: ['order.id'], template: 't' } }], 'asking the customer for: order.id'],
  ] as const)('%s', (_name, parts, line) => expect(planLine(parts as never)).toBe(line));
});
