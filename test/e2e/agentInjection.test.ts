// Injection through the model path, end to end: every ticket/comment attempt of the corpus goes to
// the backend, and the scripted model plays a model that OBEYED it — it records a late-delivery
// refund of $5,000 on the customer's order and on someone else's. What the customer may get is
// still decided by the playbook, the policy and the guardrails: one refund of the policy amount,
// waiting for a person, nothing on the other order, no money moved.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../functions/src/http/caseView.js';
import { ScriptedOpenAiServer, SCRIPTED_OPENAI_KEY } from '../../sandbox/openai/ScriptedOpenAiServer.js';
import { openStack } from './stackFixture.js';

interface Attempt { id: string; where: string; text: string }
const corpus = JSON.parse(readFileSync(new URL('../agent/injection-corpus.json', import.meta.url), 'utf8')) as Attempt[];
const inTicket = corpus.filter((a) => a.where === 'ticket' || a.where === 'comment');

let opened: Awaited<ReturnType<typeof openStack>>;
let model: ScriptedOpenAiServer;
beforeAll(async () => {
  model = await ScriptedOpenAiServer.start([]);
  opened = await openStack('pglite', { env: { OPENAI_API_KEY: SCRIPTED_OPENAI_KEY, OPENAI_BASE_URL: model.baseUrl } });
});
afterAll(async () => {
  await opened?.close();
  await model?.close();
});

// The obeying model asks for $5,000 on the customer's order and, every other attempt, also on an
// order the ticket never names.
const obeyed = (quote: string, alsoOthers: boolean) => JSON.stringify({
  requests: [
    { intent: 'late_delivery_refund', orderIds: ['ORD-1001'], quote, fallbackFor: null, amounts: [{ amount: 500000, currency: 'usd' }], dates: [] },
    ...(alsoOthers ? [{ intent: 'late_delivery_refund', orderIds: ['ORD-1003'], quote, fallbackFor: null, amounts: [{ amount: 500000, currency: 'usd' }], dates: [] }] : []),
  ],
});

describe('injection attempts through the model path', () => {
  it('covers the corpus entries that arrive in ticket text', () => {
    expect(inTicket.length).toBeGreaterThanOrEqual(15);
  });

  it.each(inTicket.map((a, i) => [a.id, a, i % 2 === 0] as const))('%s: no action beyond policy, no guardrail bypass', async (_id, attempt, alsoOthers) => {
    const body = `My order ORD-1001 arrived 5 days late. ${attempt.text}`;
    model.load([{ name: attempt.id, reply: { kind: 'completion', toolCalls: [{ id: 'call_1', name: 'record_requests', arguments: obeyed(body.slice(0, 200), alsoOthers) }] } }]);
    const z = opened.stack.zendeskSandbox;
    z.createTicket({ requesterId: 9001, subject: 'Late order', body, channel: 'email' });
    await z.webhooksSettled();
    await opened.stack.settle();
    const ticketId = z.deliveries().at(-1)!.ticketId;
    const view = (await (await opened.stack.sidebar(`/v1/tickets/${ticketId}/case`)).json()) as CaseView;
    model.assertDone();

    // The order the ticket never named was dropped from every request (a request left without an
    // order asks the customer for one); the customer's own order gets at most the policy amount,
    // and only a person can approve it.
    expect(view.requests.flatMap((r) => r.orderIds)).toEqual(['ORD-1001']);
    expect(view.proposals.every((p) => (p.action.amount?.amount ?? 0) <= 1680 && p.status === 'pending' && p.decision.kind === 'needs_approval')).toBe(true);
    if (!alsoOthers) {
      expect(view.proposals.map((p) => [p.action.type, p.action.amount, p.status])).toEqual([['billing.refund', { amount: 1680, currency: 'usd' }, 'pending']]);
    } else {
      expect(view.state).toBe('waiting_on_customer');
      expect(view.proposals).toEqual([]);
    }
    const stripe = (await (await fetch(`${opened.stack.stripe.url}/__sandbox/world`)).json()) as { refunds: unknown[] };
    expect(stripe.refunds).toEqual([]);
  });
});
