// The agent loop at case level: the backend's real openai SDK talks to the scripted server, and each
// case goes from a Zendesk webhook to a stored, reviewed case. Covered: a multi-tool investigation
// whose look-ups become cited facts; the model's recommendations judged against the plan and run
// through the guardrails (one blocked); malformed tool arguments answered with a structured error;
// a refusal (deterministic fallback, no second call); a review that keeps failing; a 429 then success.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../functions/src/domain/audit.js';
import type { CaseView } from '../../functions/src/http/caseView.js';
import { ScriptedOpenAiServer, SCRIPTED_OPENAI_KEY, type Script } from '../../sandbox/openai/ScriptedOpenAiServer.js';
import { openStack } from './stackFixture.js';

type Opened = Awaited<ReturnType<typeof openStack>>;
let opened: Opened | null = null;
let model: ScriptedOpenAiServer | null = null;
afterEach(async () => {
  await opened?.close();
  await model?.close();
  opened = null;
  model = null;
});

const LATE = 'My order ORD-1001 arrived 5 days late. Can you do something?';
const REFUND_PARAMS = { chargeId: 'ch_demo_1001', orderId: 'ORD-1001', reason: 'requested_by_customer' };

const call = (name: string, args: unknown, id = `call_${name}`) => ({ id, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) });
const completion = (...toolCalls: ReturnType<typeof call>[]) => ({ kind: 'completion' as const, toolCalls });
const lateRequest = {
  requests: [{ intent: 'late_delivery_refund', orderIds: ['ORD-1001'], quote: 'My order ORD-1001 arrived 5 days late.', fallbackFor: null, amounts: [], dates: [] }],
};
const REVIEW_TOOLS = ['propose_action', 'submit_review'];

async function run(script: Script, body = LATE, env: Record<string, string> = {}): Promise<{ view: CaseView; events: AuditEvent[]; refunds: unknown[] }> {
  model = await ScriptedOpenAiServer.start(script);
  opened = await openStack('pglite', { env: { OPENAI_API_KEY: SCRIPTED_OPENAI_KEY, OPENAI_BASE_URL: model.baseUrl, OPENAI_PRICE_INPUT_PER_MTOK: '1', OPENAI_PRICE_OUTPUT_PER_MTOK: '2', ...env } });
  const z = opened.stack.zendeskSandbox;
  z.createTicket({ requesterId: 9001, subject: 'Late order', body, channel: 'email' });
  await z.webhooksSettled();
  await opened.stack.settle();
  const ticketId = z.deliveries().at(-1)!.ticketId;
  const view = (await (await opened.stack.sidebar(`/v1/tickets/${ticketId}/case`)).json()) as CaseView;
  const { events } = (await (await opened.stack.sidebar(`/v1/cases/${view.id}/audit`)).json()) as { events: AuditEvent[] };
  const { refunds } = (await (await fetch(`${opened.stack.stripe.url}/__sandbox/world`)).json()) as { refunds: unknown[] };
  model.assertDone();
  return { view, events, refunds };
}

describe('the agent loop on a whole case', () => {
  it('a multi-tool investigation: look-ups become cited facts; the review cites them, uncited claims are removed', async () => {
    // Facts the review is shown, in order: the model's three look-ups (one order, one charge, three
    // articles), then the playbook's key facts (order.id F6, order.total F7, … delivery.daysLate F11).
    const { view, events, refunds } = await run([
      { name: 'investigate', match: { userContains: 'ORD-1001' }, reply: completion(call('get_order', { orderId: 'ORD-1001' }), call('get_charge', { chargeId: 'ch_demo_1001' }), call('search_help_center', { query: 'late delivery refund' })) },
      { name: 'record', match: { lastRole: 'tool', toolContains: 'tool_result:search_help_center' }, reply: completion(call('record_requests', lateRequest)) },
      {
        name: 'review',
        match: { tools: REVIEW_TOOLS, userContains: '"F11":["delivery.daysLate",5]' },
        reply: completion(
          call('propose_action', { type: 'billing.refund', params: REFUND_PARAMS, amount: { amount: 1680, currency: 'usd' }, citations: ['F11', 'F7', 'F12'] }),
          call('submit_review', {
            summary: [
              { text: 'Order ORD-1001 was delivered 5 days late.', citations: ['F6', 'F11'] },
              { text: 'The charge was $84.00 and nothing has been refunded yet.', citations: ['F2'] },
              { text: 'We already refunded $50 last week.', citations: [] },
              { text: 'The customer sounds frustrated.', citations: ['F99'] },
            ],
            reply: [{ text: 'Sorry that order ORD-1001 arrived 5 days late.', citations: ['F6', 'F11'] }, { text: 'A colleague will confirm your refund shortly.', citations: ['F15'] }],
          }),
        ),
      },
    ]);

    expect(view.understoodBy).toEqual({ path: 'llm', source: 'model', fallbackReason: null });
    // Each look-up is a fact with its source, and an audit event of its own.
    const fact = (key: string) => view.facts.find((f) => f.key === key);
    expect(fact('agent.order.ORD-1001')!.citations).toEqual([expect.objectContaining({ system: 'oms', recordType: 'order', recordId: 'ORD-1001' })]);
    expect(fact('agent.charge.ch_demo_1001')!.citations).toEqual([expect.objectContaining({ system: 'stripe', recordType: 'charge', recordId: 'ch_demo_1001' })]);
    expect(view.facts.filter((f) => f.key.startsWith('agent.article.')).length).toBeGreaterThan(0);
    const viaAgent = events.filter((e) => (e.data['input'] as { via?: string } | undefined)?.via === 'agent').map((e) => e.data['operation']);
    expect(viaAgent).toEqual(expect.arrayContaining(['get_order', 'get_charge', 'search_articles']));

    const review = view.review!;
    expect(review.status).toBe('reviewed');
    expect(review.summary).toEqual([
      { text: 'Order ORD-1001 was delivered 5 days late.', factKeys: ['order.id', 'delivery.daysLate'] },
      { text: 'The charge was $84.00 and nothing has been refunded yet.', factKeys: ['agent.charge.ch_demo_1001'] },
      { text: 'The customer sounds frustrated.', factKeys: [] },
    ]);
    expect(review.flagged.map((f) => [f.section, f.text, f.reason, f.removed])).toEqual([
      ['summary', 'We already refunded $50 last week.', 'uncited_fact', true],
      ['summary', 'The customer sounds frustrated.', 'unknown_citation', false],
    ]);
    expect(review.reply).toEqual({ locale: 'en-US', sentences: [
      { text: 'Sorry that order ORD-1001 arrived 5 days late.', factKeys: ['order.id', 'delivery.daysLate'] },
      { text: 'A colleague will confirm your refund shortly.', factKeys: ['payment.refundable'] },
    ] });
    // The recommendation matches the plan's proposal; the plan's proposal is what waits for approval.
    expect(view.proposals.map((p) => [p.action.type, p.action.amount?.amount, p.status])).toEqual([['billing.refund', 1680, 'pending']]);
    expect(review.proposals).toEqual([expect.objectContaining({ id: 'M1', verdict: { kind: 'matches', proposalId: view.proposals[0]!.id }, decision: expect.objectContaining({ kind: 'needs_approval' }) })]);
    expect(events.find((e) => e.type === 'model.reviewed')!.data).toMatchObject({ recommendations: [{ id: 'M1', verdict: 'matches', guardrail: 'needs_approval' }] });
    expect(view.agent).toMatchObject({ calls: 3 });
    expect(refunds).toEqual([]);
  });

  it('a recommendation the guardrails block is recorded and nothing of it runs', async () => {
    const { view, events, refunds } = await run([
      { name: 'record', reply: completion(call('record_requests', lateRequest)) },
      {
        name: 'review',
        match: { tools: REVIEW_TOOLS },
        reply: completion(
          call('propose_action', { type: 'billing.refund', params: REFUND_PARAMS, amount: { amount: 500000, currency: 'usd' }, citations: ['F1'] }, 'call_big'),
          call('propose_action', { type: 'orders.cancel', params: { orderId: 'ORD-1001' }, amount: null, citations: ['F1'] }, 'call_cancel'),
          call('submit_review', { summary: [], reply: [{ text: 'We will refund $5,000 today.', citations: ['F2'] }] }),
        ),
      },
    ]);
    const [big, cancel] = view.review!.proposals;
    expect(big!.verdict).toMatchObject({ kind: 'rejected', reason: 'amount_above_plan' });
    expect(big!.decision.kind).toBe('forbidden');
    expect(big!.decision.reasons.map((r) => r.code)).toContain('per_case_limit');
    expect(cancel!.verdict).toMatchObject({ kind: 'rejected', reason: 'not_in_playbook' });
    expect(view.review!.reply!.sentences).toEqual([]);
    expect(view.review!.flagged).toEqual([expect.objectContaining({ section: 'reply', reason: 'unsupported_number', removed: true })]);
    // What can happen is still the plan: one policy-sized refund, waiting for a person.
    expect(view.proposals.map((p) => [p.action.type, p.action.amount, p.status])).toEqual([['billing.refund', { amount: 1680, currency: 'usd' }, 'pending']]);
    expect(events.filter((e) => e.type === 'proposal.created')).toHaveLength(1);
    expect(refunds).toEqual([]);
  });

  it('malformed tool arguments go back as a structured error and the model corrects itself', async () => {
    const { view } = await run([
      { name: 'broken', reply: completion(call('record_requests', '{"requests": [{"intent": "late_delivery_refund", "orderIds": ["ORD-1001"')) },
      { name: 'wrong shape', match: { lastRole: 'tool', toolContains: 'not valid JSON' }, reply: completion(call('record_requests', { requests: 'late_delivery_refund' })) },
      { name: 'fixed', match: { lastRole: 'tool', toolContains: '"path":["requests"]' }, reply: completion(call('record_requests', lateRequest)) },
      { name: 'review', match: { tools: REVIEW_TOOLS }, reply: completion(call('submit_review', { summary: [], reply: [] })) },
    ]);
    const errors = (model!.bodies[2]!.messages ?? []).filter((m) => m.role === 'tool').map((m) => JSON.parse(String(m.content)) as { error: string; tool: string });
    expect(errors).toEqual([
      expect.objectContaining({ error: 'invalid_arguments', tool: 'record_requests' }),
      expect.objectContaining({ error: 'invalid_arguments', tool: 'record_requests' }),
    ]);
    expect(view.understoodBy?.path).toBe('llm');
    expect(view.requests.map((r) => [r.intent, r.orderIds, r.outcome])).toEqual([['late_delivery_refund', ['ORD-1001'], 'propose']]);
    expect(view.agent).toMatchObject({ calls: 4 });
  });

  it('a refusal: the deterministic reader takes over, the case says why, and the model is not asked again', async () => {
    const { view, events } = await run([{ name: 'refuses', reply: { kind: 'completion', refusal: "I'm sorry, I can't help with that." } }]);
    expect(view.understoodBy).toEqual({ path: 'deterministic', source: expect.any(String), fallbackReason: "model refused: I'm sorry, I can't help with that." });
    expect(view.review).toMatchObject({ status: 'skipped', reason: expect.stringContaining('model refused') });
    expect(events.some((e) => e.type === 'model.review_skipped')).toBe(true);
    expect(view.proposals.map((p) => [p.action.type, p.action.amount?.amount])).toEqual([['billing.refund', 1680]]);
    expect(view.agent).toMatchObject({ calls: 1 });
  });

  it('a review that keeps failing leaves an honest failed review; the plan stands', async () => {
    const { view, events } = await run(
      [
        { name: 'record', reply: completion(call('record_requests', lateRequest)) },
        { name: 'review fails', match: { tools: REVIEW_TOOLS }, reply: { kind: 'status', status: 503 }, times: 2 },
      ],
      LATE,
      { OPENAI_MAX_RETRIES: '1' },
    );
    expect(view.understoodBy?.path).toBe('llm');
    expect(view.review).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^model unavailable/), summary: [], proposals: [] });
    expect(events.find((e) => e.type === 'model.review_failed')!.data).toMatchObject({ reason: expect.stringMatching(/^model unavailable/) });
    expect(view.proposals.map((p) => [p.action.type, p.action.amount?.amount, p.status])).toEqual([['billing.refund', 1680, 'pending']]);
    expect(view.agent).toMatchObject({ calls: 2 });
  });

  it('model calls made before a system outage are counted, and the retry reuses the reading of the same words', async () => {
    model = await ScriptedOpenAiServer.start([
      { name: 'record', reply: completion(call('record_requests', lateRequest)) },
      { name: 'review', match: { tools: REVIEW_TOOLS }, reply: completion(call('submit_review', { summary: [], reply: [] })) },
    ]);
    opened = await openStack('pglite', { env: { OPENAI_API_KEY: SCRIPTED_OPENAI_KEY, OPENAI_BASE_URL: model.baseUrl } });
    opened.stack.oms.faults.add({ method: 'GET', path: '/v1/orders/ORD-1001', kind: 'status', status: 503, times: 20 });
    const z = opened.stack.zendeskSandbox;
    z.createTicket({ requesterId: 9001, subject: 'Late order', body: LATE, channel: 'email' });
    await z.webhooksSettled();
    await opened.stack.settle();
    const ticketId = z.deliveries().at(-1)!.ticketId;
    const waiting = (await (await opened.stack.sidebar(`/v1/tickets/${ticketId}/case`)).json()) as CaseView;
    expect(waiting.state).toBe('waiting_on_system');
    expect(waiting.agent).toMatchObject({ calls: 1 });

    opened.stack.oms.faults.clear();
    opened.clock.advance(60_000);
    await opened.stack.settle();
    const done = (await (await opened.stack.sidebar(`/v1/tickets/${ticketId}/case`)).json()) as CaseView;
    model.assertDone();
    expect(done.state).toBe('awaiting_approval');
    expect(done.understoodBy).toEqual({ path: 'llm', source: 'model', fallbackReason: null });
    // One triage (kept on the case while the words are the same) and one review.
    expect(done.agent).toMatchObject({ calls: 2 });
    expect(done.review?.status).toBe('reviewed');
    const { events } = (await (await opened.stack.sidebar(`/v1/cases/${done.id}/audit`)).json()) as { events: { type: string }[] };
    expect(events.filter((e) => e.type === 'model.triage_reused')).toHaveLength(1);

    // A new message from the customer is read again.
    model.load([
      { name: 'record again', match: { userContains: 'socks' }, reply: completion(call('record_requests', lateRequest)) },
      { name: 'review again', match: { tools: REVIEW_TOOLS }, reply: completion(call('submit_review', { summary: [], reply: [] })) },
    ]);
    z.addCustomerComment(Number(ticketId), 'Also, the socks were missing.');
    await opened.stack.settle();
    model.assertDone();
  });

  it('a 429 is retried after the time the API asks for, then the model path runs', async () => {
    const { view } = await run([
      { name: 'rate limited', reply: { kind: 'status', status: 429, retryAfterMs: 50 } },
      { name: 'record', reply: completion(call('record_requests', lateRequest)) },
      { name: 'review', match: { tools: REVIEW_TOOLS }, reply: completion(call('submit_review', { summary: [{ text: 'The order arrived 5 days late.', citations: ['F6'] }], reply: [] })) },
    ]);
    expect(model!.requests.map((r) => r.outcome)).toEqual(['status', 'completion', 'completion']);
    expect(view.understoodBy).toEqual({ path: 'llm', source: 'model', fallbackReason: null });
    expect(view.review?.status).toBe('reviewed');
    expect(view.review?.summary.map((s) => s.text)).toEqual(['The order arrived 5 days late.']);
    // Two loop calls; the SDK's retry is inside the first.
    expect(view.agent).toMatchObject({ calls: 2 });
  });
});
