import { describe, expect, it } from 'vitest';
import { judgeModelProposal, type ModelProposal } from '../../../../functions/src/domain/modelProposal.js';

const usd = (amount: number) => ({ amount, currency: 'usd' });
const planned = [
  { id: 'p-cancel', action: { type: 'orders.cancel', params: { orderId: 'ORD-1002', reason: 'customer_request' }, amount: null } },
  { id: 'p-refund', action: { type: 'billing.refund', params: { chargeId: 'ch_1' }, amount: usd(4000) } },
  { id: 'p-refund-2', action: { type: 'billing.refund', params: { chargeId: 'ch_2' }, amount: usd(1000) } },
];
const known = new Set(['F1', 'F2', 'F3']);
const p = (over: Partial<ModelProposal>): ModelProposal => ({ type: 'billing.refund', params: { chargeId: 'ch_1' }, amount: usd(4000), citations: ['F1'], ...over });

describe('judgeModelProposal', () => {
  it.each([
    ['the same refund', p({}), { kind: 'matches', proposalId: 'p-refund' }],
    ['a smaller refund of the same charge', p({ amount: usd(2500) }), { kind: 'matches', proposalId: 'p-refund' }],
    ['a refund without an amount (the plan sets it)', p({ amount: null }), { kind: 'matches', proposalId: 'p-refund' }],
    ['the second refund (its own charge)', p({ params: { chargeId: 'ch_2' }, amount: usd(1000) }), { kind: 'matches', proposalId: 'p-refund-2' }],
    ['extra params the playbook did not set', p({ params: { chargeId: 'ch_1', note: 'sorry' } }), { kind: 'matches', proposalId: 'p-refund' }],
    ['the cancel, params in another key order', p({ type: 'orders.cancel', params: { reason: 'customer_request', orderId: 'ORD-1002' }, amount: null }), { kind: 'matches', proposalId: 'p-cancel' }],
    ['$5,000 against the plan’s $40', p({ amount: usd(500_000) }), { kind: 'rejected', reason: 'amount_above_plan' }],
    ['money on an action that moves none', p({ type: 'orders.cancel', params: { orderId: 'ORD-1002', reason: 'customer_request' }, amount: usd(100) }), { kind: 'rejected', reason: 'amount_above_plan' }],
    ['another charge', p({ params: { chargeId: 'ch_9' } }), { kind: 'rejected', reason: 'params_differ' }],
    ['a missing param', p({ type: 'orders.cancel', params: { orderId: 'ORD-1002' }, amount: null }), { kind: 'rejected', reason: 'params_differ' }],
    ['another currency', p({ amount: { amount: 100, currency: 'eur' } }), { kind: 'rejected', reason: 'params_differ' }],
    ['an action the playbook lacks', p({ type: 'entitlements.unlock', params: { accountId: 'a' }, amount: null }), { kind: 'rejected', reason: 'not_in_playbook' }],
    ['no citation', p({ citations: [] }), { kind: 'rejected', reason: 'uncited' }],
    ['an unknown fact id', p({ citations: ['F1', 'F99'] }), { kind: 'rejected', reason: 'uncited' }],
  ] as const)('%s', (_name, proposal, verdict) => {
    expect(judgeModelProposal(proposal, planned, known)).toMatchObject(verdict);
  });

  it('explains a rejection', () => {
    expect(judgeModelProposal(p({ amount: usd(500_000) }), planned, known)).toEqual({ kind: 'rejected', reason: 'amount_above_plan', detail: '500000 usd is above the playbook\'s 4000 usd' });
  });

  it('a plan with no proposals matches nothing', () => {
    expect(judgeModelProposal(p({}), [], known)).toMatchObject({ kind: 'rejected', reason: 'not_in_playbook' });
  });
});
