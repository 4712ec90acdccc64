// A routine case (one late-delivery ticket, the engine's ~40 facts, one planned refund) through both
// model calls as the engine makes them — triage offered the read-only tools, review shown the
// playbook's key facts — counted with a real tokenizer: the prompts must stay inside the budget of
// at most 3 model calls and 6,000 tokens per routine case. (`npm run bench:agent` measures the same
// over the whole scenario suite.)
import { encode } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../functions/src/domain/proposal.js';
import { reviewWithModel } from '../../functions/src/engine/agent/review.js';
import { investigationTools } from '../../functions/src/engine/agent/tools.js';
import { catalogIntents, understandWithModel } from '../../functions/src/engine/agent/understand.js';
import { factsToReview } from '../../functions/src/engine/reviewCase.js';
import { orderFacts, ticketFacts } from '../../functions/src/engine/facts.js';
import { loadCatalog } from '../../functions/src/playbooks/catalog.js';
import type { ChatMessage, ToolSpec } from '../../functions/src/ports/ChatModel.js';
import { charge, clock, connectors, newTrace, order, organization, requester, ticket } from '../functions/engine/agent/fixtures.js';
import { call, scriptedModel, toolCalls } from '../support/fakeChatModel.js';

const at = '2026-11-20T12:00:00Z';
const text = 'My order ORD-1001 arrived late\nHi, my order ORD-1001 was supposed to arrive on Nov 8 but only came on Nov 13. I needed the shoes for a race. Can I get something back for the delay?';
/** What a completion costs: the messages sent, the tool specs, and what came back. */
const tokens = (transcript: ChatMessage[], specs: ToolSpec[]) => encode(JSON.stringify(transcript)).length + encode(JSON.stringify(specs)).length;

describe('token budget of a routine case', () => {
  it('understand + review: 2 calls, well under 6,000 tokens', async () => {
    const understood = await understandWithModel({
      model: scriptedModel([toolCalls(call('record_requests', { requests: [{ intent: 'late_delivery_refund', orderIds: ['ORD-1001'], quote: 'Can I get something back for the delay?', fallbackFor: null, amounts: [], dates: ['2026-11-08', '2026-11-13'] }] }))]),
      reading: { ticket: { id: '101', channel: 'email' }, requester: { name: 'Jane Doe', locale: 'en-US' }, customerText: text },
      intents: catalogIntents(loadCatalog()),
      tools: investigationTools({ connectors: connectors({ orders: [order()] }), clock, trace: newTrace(), reading: { ticket, requester } }),
    });
    const facts = [
      ...ticketFacts({ ticket, requester, organization, customerText: text }, at),
      ...orderFacts({ order: order(), charge, requester, now: at, ticket: { id: '101', link: ticket.link, text } }, { zendesk: at, oms: at, stripe: at }).facts,
    ];
    expect(facts.length).toBeGreaterThan(30);
    const refund = {
      id: 'p1', step: 'r1.refund', playbookId: 'late_delivery_refund', title: 'Refund', riskTier: 'low', contentHash: '', status: 'pending', after: [], approval: null, denial: null, execution: null,
      action: { type: 'billing.refund', params: { chargeId: 'ch_1', reason: 'late_delivery' }, amount: { amount: 910, currency: 'usd' } },
      decision: { kind: 'needs_approval', mode: 'approve', reasons: [{ code: 'approve_mode', detail: 'approve' }], policy: { id: 'standard_retail', version: 1 } },
    } as Proposal;
    const playbook = loadCatalog().playbooks.find((p) => p.id === 'late_delivery_refund')!;
    const shown = factsToReview(facts, [{ playbook }]);
    expect(shown.length).toBeLessThan(facts.length);
    const reviewed = await reviewWithModel({
      model: scriptedModel([toolCalls(
        call('propose_action', { type: 'billing.refund', params: { chargeId: 'ch_1', reason: 'late_delivery' }, amount: { amount: 910, currency: 'usd' }, citations: ['F30', 'F33'] }),
        call('submit_review', {
          summary: [{ text: 'Order ORD-1001 was delivered 5 days late.', citations: ['F6', 'F30'] }, { text: 'The playbook proposes a refund of $9.10, pending approval.', citations: ['F33'] }],
          reply: [{ text: 'Hi Jane, sorry your shoes arrived late.', citations: [] }, { text: 'We are refunding $9.10 to your original payment method.', citations: ['F33'] }],
        }),
      )]),
      facts: shown,
      proposals: [refund],
      reading: { requester: { name: 'Jane Doe', locale: 'en-US' }, customerText: text },
    });
    const understand = tokens(understood.transcript, understood.toolSpecs);
    const review = tokens(reviewed.transcript, reviewed.toolSpecs);
    expect(understood.calls + reviewed.calls).toBe(2);
    expect(understand).toBeLessThan(2_000);
    expect(review).toBeLessThan(2_500);
    expect(understand + review).toBeLessThan(6_000);
  });
});
