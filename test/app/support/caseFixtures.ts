// CaseView fixtures shaped like what GET /v1/tickets/101/case returns for the demo world's late
// delivery (captured from the real backend), with builders for the states the tests need.
import type { ModelReview } from '../../../functions/src/domain/caseRecord.js';
import type { Citation, Fact } from '../../../functions/src/domain/evidence.js';
import type { Proposal, ProposalStatus } from '../../../functions/src/domain/proposal.js';
import type { CaseView } from '../../../functions/src/http/caseView.js';

export const AT = '2026-11-20T12:00:00.000Z';
export const CASE_ID = 'case_demo_101';
export const PROPOSAL_ID = 'prop_refund_1';
export const HASH = '1b23b1f5dfa53102a9d4b5e3f267451d6479df3eb5e4ec32c478586334fa2202';
export const NEW_HASH = 'f'.repeat(64);

const oms = (fields: string[], recordType = 'order', recordId = 'ORD-1001'): Citation => ({
  system: 'oms', recordType, recordId, fields, fetchedAt: AT, link: `https://oms.test/admin/orders/ORD-1001`,
});
const stripe = (fields: string[]): Citation => ({ system: 'stripe', recordType: 'charge', recordId: 'ch_demo_1001', fields, fetchedAt: AT, link: 'https://stripe.test/charges/ch_demo_1001' });

export const FACTS: Fact[] = [
  { key: 'order.id', value: 'ORD-1001', citations: [oms(['id'])] },
  { key: 'order.total', value: { amount: 8400, currency: 'usd' }, citations: [oms(['total'])] },
  { key: 'delivery.promisedAt', value: '2026-11-08T20:00:00Z', citations: [oms(['promised_delivery_at'], 'shipment', 'SHP-1001')] },
  { key: 'delivery.daysLate', value: 5, citations: [oms(['promised_delivery_at', 'delivered_at'], 'shipment', 'SHP-1001')] },
  { key: 'requester.ownsOrder', value: true, citations: [{ system: 'zendesk', recordType: 'user', recordId: '9001', fields: ['email'], fetchedAt: AT }, oms(['customer.email'])] },
  { key: 'payment.chargeId', value: 'ch_demo_1001', citations: [stripe(['id'])] },
  { key: 'payment.refundable', value: { amount: 8400, currency: 'usd' }, citations: [stripe(['amount', 'amount_refunded'])] },
];

export function proposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: PROPOSAL_ID,
    step: 'r1.refund',
    playbookId: 'late_delivery_refund',
    title: 'Partial refund for the late delivery',
    action: { type: 'billing.refund', params: { chargeId: 'ch_demo_1001', orderId: 'ORD-1001', reason: 'requested_by_customer' }, amount: { amount: 1680, currency: 'usd' } },
    riskTier: 'low',
    decision: { kind: 'needs_approval', mode: 'approve', policy: { id: 'standard-retail', version: 1 }, reasons: [{ code: 'approve_mode', detail: 'late_delivery_refund / low risk requires approval' }] },
    contentHash: HASH,
    status: 'pending',
    after: [],
    approval: null,
    denial: null,
    execution: null,
    ...overrides,
  };
}

const STATES_BEFORE_APPROVAL: CaseView['timeline'] = ['intake', 'investigation', 'proposal', 'awaiting_approval'].map((state) => ({ state: state as CaseView['state'], at: AT }));

export function caseView(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: CASE_ID,
    ticketId: '101',
    state: 'awaiting_approval',
    caseType: 'late_delivery_refund',
    intent: 'late_delivery_refund',
    requests: [],
    understoodBy: { path: 'deterministic', source: 'pattern', fallbackReason: null },
    agent: null,
    review: null,
    locale: 'en-US',
    policy: { id: 'standard-retail', version: 1 },
    facts: FACTS,
    keyFacts: [],
    conflicts: [],
    missing: [],
    proposals: [proposal()],
    reply: { locale: 'en', templateId: 'late_delivery.success', body: "Hi Jane, I've refunded $16.80 to your original payment method.", postedAt: null },
    escalation: null,
    waiting: null,
    timeline: STATES_BEFORE_APPROVAL,
    actions: [],
    createdAt: AT,
    updatedAt: AT,
    version: 15,
    ...overrides,
  };
}

const approval = { by: { kind: 'agent' as const, id: '7' }, at: AT };

/** The case as it moves after an approval: queued, executing, then verified and closed. */
export function afterApproval(stage: 'approved' | 'executing' | 'closed'): CaseView {
  const status: ProposalStatus = stage === 'approved' ? 'approved' : stage === 'executing' ? 'executed' : 'verified';
  const execution = stage === 'approved' ? null : {
    idempotencyKey: `cc:${CASE_ID}:r1.refund`, attempts: 1, externalId: 're_SBX000000000001', verified: stage === 'closed', verifiedAt: stage === 'closed' ? AT : null, lastError: null,
  };
  const states: CaseView['state'][] = stage === 'approved' ? [] : stage === 'executing' ? ['execution'] : ['execution', 'verification', 'closed'];
  return caseView({
    state: stage === 'approved' ? 'awaiting_approval' : stage === 'executing' ? 'verification' : 'closed',
    proposals: [proposal({ status, approval, execution })],
    timeline: [...STATES_BEFORE_APPROVAL, ...states.map((state) => ({ state, at: AT }))],
    actions: stage === 'closed'
      ? [{ at: AT, type: 'executed', proposalId: PROPOSAL_ID, detail: 're_SBX000000000001' }, { at: AT, type: 'verified', proposalId: PROPOSAL_ID, detail: 'refund re_SBX000000000001 succeeded' }]
      : [],
    version: stage === 'approved' ? 17 : stage === 'executing' ? 20 : 30,
  });
}

/** Model use on a reviewed case: 2 calls, 2,734 tokens, $0.0041. */
export const AGENT_USE: NonNullable<CaseView['agent']> = { calls: 2, inputTokens: 2400, outputTokens: 334, usd: 0.0041 };

/** The model's review of the late delivery: a cited summary (one sentence also cites a key the case
 * does not have), a cited reply draft, one removed and one kept-but-flagged claim, and two
 * recommendations — one matching the plan's refund, one refunding the whole order (rejected). */
export function modelReview(overrides: Partial<ModelReview> = {}): ModelReview {
  const policy = { id: 'standard-retail', version: 1 };
  return {
    at: AT,
    status: 'reviewed',
    reason: null,
    summary: [
      { text: 'Order ORD-1001 arrived 5 days late.', factKeys: ['order.id', 'delivery.daysLate'] },
      { text: 'The charge can still be refunded in full.', factKeys: ['payment.refundable', 'payment.disputed'] },
    ],
    reply: {
      locale: 'en',
      sentences: [
        { text: 'Hi Jane, your order ORD-1001 arrived 5 days late.', factKeys: ['order.id', 'delivery.daysLate'] },
        { text: 'We are refunding $16.80 to your card.', factKeys: ['payment.chargeId'] },
      ],
    },
    flagged: [
      { section: 'summary', text: 'Jane has ordered 12 times before.', reason: 'uncited_fact', detail: 'states a fact without citing one', removed: true },
      { section: 'reply', text: 'Your parcel was handled by our partner.', reason: 'unknown_citation', detail: 'cites unknown facts F12', removed: false },
    ],
    proposals: [
      {
        id: 'M1',
        action: { type: 'billing.refund', params: { chargeId: 'ch_demo_1001', orderId: 'ORD-1001' }, amount: { amount: 1680, currency: 'usd' } },
        factKeys: ['delivery.daysLate'],
        verdict: { kind: 'matches', proposalId: PROPOSAL_ID },
        decision: { kind: 'needs_approval', mode: 'approve', policy, reasons: [{ code: 'approve_mode', detail: 'late_delivery_refund / low risk requires approval' }] },
      },
      {
        id: 'M2',
        action: { type: 'billing.refund', params: { chargeId: 'ch_demo_1001', orderId: 'ORD-1001' }, amount: { amount: 8400, currency: 'usd' } },
        factKeys: ['order.total'],
        verdict: { kind: 'rejected', reason: 'amount_above_plan', detail: "8400 usd is above the playbook's 1680 usd" },
        decision: { kind: 'forbidden', mode: 'approve', policy, reasons: [{ code: 'per_case_limit', detail: 'over the per-case limit' }] },
      },
    ],
    ...overrides,
  };
}

/** The late-delivery case after the model reviewed it (with its model use). */
export function reviewedCase(review: Partial<ModelReview> = {}, overrides: Partial<CaseView> = {}): CaseView {
  return caseView({ agent: AGENT_USE, review: modelReview(review), ...overrides });
}

export const notFound = { status: 404, body: { error: { code: 'not_found', message: 'no case for this ticket yet', requestId: 'req_1' } } };
export const ok = (body: unknown) => ({ status: 200, body });
