import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../../functions/src/domain/evidence.js';
import type { Proposal } from '../../../../functions/src/domain/proposal.js';
import { DATA_RULES } from '../../../../functions/src/engine/agent/data.js';
import { reviewWithModel, type ReviewReading } from '../../../../functions/src/engine/agent/review.js';
import { call, failure, scriptedModel, toolCalls } from '../../../support/fakeChatModel.js';

const at = '2026-11-20T12:00:00Z';
const cite = (system: 'oms' | 'stripe', recordId: string, fields: string[]) => ({ system, recordType: system === 'oms' ? 'order' : 'charge', recordId, fields, fetchedAt: at });
const facts: Fact[] = [
  { key: 'order.id', value: 'ORD-1001', citations: [cite('oms', 'ORD-1001', ['id'])] },
  { key: 'order.total', value: { amount: 4550, currency: 'usd' }, citations: [cite('oms', 'ORD-1001', ['total'])] },
  { key: 'delivery.daysLate', value: 5, citations: [cite('oms', 'ORD-1001', ['promised_delivery_at', 'delivered_at'])] },
  { key: 'payment.chargeId', value: 'ch_1', citations: [cite('stripe', 'ch_1', ['id'])] },
];
const refund: Proposal = {
  id: 'prop-refund-1',
  step: 'r1.refund',
  playbookId: 'late_delivery_refund',
  title: 'Refund 20% for the late delivery',
  action: { type: 'billing.refund', params: { chargeId: 'ch_1' }, amount: { amount: 4000, currency: 'usd' } },
  riskTier: 'low',
  decision: { kind: 'needs_approval', mode: 'approve', reasons: [{ code: 'approve_mode', detail: 'x' }], policy: { id: 'standard_retail', version: 1 } },
  contentHash: 'h',
  status: 'pending',
  after: [],
  approval: null,
  denial: null,
  execution: null,
};
const reading: ReviewReading = { requester: { name: 'Jane Doe', locale: 'en-US' }, customerText: 'My order ORD-1001 came 5 days late. Refund me!' };
const S = (text: string, ...citations: string[]) => ({ text, citations });

describe('reviewWithModel', () => {
  it('judges the model’s proposals against the plan and keeps only cited sentences', async () => {
    const model = scriptedModel([
      {
        expect: (r) => {
          const [system, user] = r.messages;
          expect(system!.content).toContain(DATA_RULES);
          expect(system!.content).toContain('locale en-US');
          expect(system!.content).not.toContain('ORD-1001');
          expect(user!.content).toContain('<data kind="facts">{"F1":["order.id","ORD-1001"],"F2":["order.total",{"amount":4550,"currency":"usd"}],"F3":["delivery.daysLate",5],"F4":["payment.chargeId","ch_1"]}</data>');
          expect(user!.content).toContain('<data kind="plan">{"actions":[{"id":"P1","type":"billing.refund","params":{"chargeId":"ch_1"},"amount":{"amount":4000,"currency":"usd"},"decision":"needs_approval","reasons":["approve_mode"]}]}</data>');
          expect(user!.content).not.toContain('prop-refund-1');
          expect(r.tools.map((t) => t.name)).toEqual(['propose_action', 'submit_review']);
        },
        ...toolCalls(
          call('propose_action', { type: 'billing.refund', params: { chargeId: 'ch_1' }, amount: { amount: 4000, currency: 'USD' }, citations: ['F2', 'F3', 'F4'] }),
          call('propose_action', { type: 'billing.refund', params: { chargeId: 'ch_1' }, amount: { amount: 500_000, currency: 'usd' }, citations: ['F4'] }),
          call('propose_action', { type: 'entitlements.unlock', params: { accountId: 'acct_1' }, amount: null, citations: ['F1'] }),
          call('propose_action', { type: 'billing.refund', params: { chargeId: 'ch_1' }, amount: null, citations: [] }),
          call('submit_review', {
            summary: [
              S('Order ORD-1001 arrived 5 days late.', 'F1', 'F3'),
              S('The customer paid $45.50.', 'F2'),
              S('A manager already approved a $5,000 refund.'),
            ],
            reply: [
              S('Hi Jane, sorry about the delay.'),
              S('We will refund $40 to your card.', 'F9'),
              S('Your order ORD-1001 was 6 days late.', 'F1', 'F3'),
            ],
          }),
        ),
      },
    ]);
    const r = await reviewWithModel({ model, facts, proposals: [refund], reading });
    expect(r.kind).toBe('reviewed');
    if (r.kind !== 'reviewed') return;
    expect(r.calls).toBe(1);
    expect(r.proposals.map((p) => [p.id, p.verdict.kind, p.verdict.kind === 'matches' ? p.verdict.proposalId : p.verdict.reason])).toEqual([
      ['M1', 'matches', 'prop-refund-1'],
      ['M2', 'rejected', 'amount_above_plan'],
      ['M3', 'rejected', 'not_in_playbook'],
      ['M4', 'rejected', 'uncited'],
    ]);
    expect(r.proposals[0]!.proposal.amount).toEqual({ amount: 4000, currency: 'usd' });
    expect(r.proposals[0]!.factKeys).toEqual(['order.total', 'delivery.daysLate', 'payment.chargeId']);
    expect(r.summary.sentences).toEqual([
      { text: 'Order ORD-1001 arrived 5 days late.', citations: ['F1', 'F3'], factKeys: ['order.id', 'delivery.daysLate'] },
      { text: 'The customer paid $45.50.', citations: ['F2'], factKeys: ['order.total'] },
    ]);
    expect(r.summary.flagged.map((f) => [f.index, f.reason, f.removed])).toEqual([[2, 'uncited_fact', true]]);
    expect(r.reply.sentences.map((s) => s.text)).toEqual(['Hi Jane, sorry about the delay.']);
    expect(r.reply.flagged.map((f) => [f.index, f.reason])).toEqual([[1, 'unknown_citation'], [2, 'unsupported_number']]);
    expect(r.facts.map((f) => f.id)).toEqual(['F1', 'F2', 'F3', 'F4']);
  });

  it('proposing nothing is fine: the plan still stands, the model only writes', async () => {
    const model = scriptedModel([toolCalls(call('submit_review', { summary: [S('Order ORD-1001.', 'F1')], reply: [] }))]);
    const r = await reviewWithModel({ model, facts, proposals: [refund], reading, plan: 'refuse: outside_window' });
    expect(r.kind === 'reviewed' && r.proposals).toEqual([]);
    expect(model.requests[0]!.messages[1]!.content).toContain('<data kind="plan">{"outcome":"refuse: outside_window","actions":[');
  });

  it('a malformed proposal is corrected within the turn budget', async () => {
    const model = scriptedModel([
      toolCalls(call('propose_action', { type: 'billing.refund', params: 'ch_1', amount: null, citations: ['F4'] })),
      toolCalls(call('propose_action', { type: 'billing.refund', params: { chargeId: 'ch_1' }, amount: null, citations: ['F4'] }), call('submit_review', { summary: [], reply: [] })),
    ]);
    const r = await reviewWithModel({ model, facts, proposals: [refund], reading });
    expect(r.kind === 'reviewed' && r.proposals.map((p) => p.verdict)).toEqual([{ kind: 'matches', proposalId: 'prop-refund-1' }]);
    expect(r.calls).toBe(2);
  });

  it('a model error fails the review; nothing is proposed', async () => {
    const r = await reviewWithModel({ model: scriptedModel([failure('timeout')]), facts, proposals: [refund], reading });
    expect(r).toMatchObject({ kind: 'failed', failure: { kind: 'model_error', error: { code: 'timeout' } } });
  });

  it('stops after the turn limit when the model never submits', async () => {
    const r = await reviewWithModel({
      model: scriptedModel([toolCalls(call('propose_action', '{')), toolCalls(call('propose_action', '{'))]),
      facts,
      proposals: [refund],
      reading,
    });
    expect(r).toMatchObject({ kind: 'failed', failure: { kind: 'limit', reason: 'max_turns' }, calls: 2 });
  });
});
