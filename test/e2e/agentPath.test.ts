// The model path end to end: the real openai SDK inside the backend talks to the scripted
// OpenAI-compatible server; the engine plans what the model understood, and falls back to the
// deterministic reader (recorded on the case) when the model times out.
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseView } from '../../functions/src/http/caseView.js';
import { ScriptedOpenAiServer, SCRIPTED_OPENAI_KEY } from '../../sandbox/openai/ScriptedOpenAiServer.js';
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

const SPANISH = 'Hola. Quiero cancelar el pedido ORD-1002 porque ya no lo necesito, y también quisiera saber por dónde anda el ORD-1006.';

async function ticketCase(o: Opened, body: string): Promise<CaseView> {
  const z = o.stack.zendeskSandbox;
  z.createTicket({ requesterId: 9002, subject: 'Dos cosas', body, channel: 'email' });
  await z.webhooksSettled();
  await o.stack.settle();
  const ticketId = z.deliveries().at(-1)!.ticketId;
  return (await (await o.stack.sidebar(`/v1/tickets/${ticketId}/case`)).json()) as CaseView;
}

const env = (m: ScriptedOpenAiServer, extra: Record<string, string> = {}) => ({
  env: { OPENAI_API_KEY: SCRIPTED_OPENAI_KEY, OPENAI_BASE_URL: m.baseUrl, OPENAI_PRICE_INPUT_PER_MTOK: '1', OPENAI_PRICE_OUTPUT_PER_MTOK: '2', ...extra },
});

describe('the model path', () => {
  it('a Spanish ticket with two requests the patterns cannot separate: the model records both, the engine plans both', async () => {
    const args = {
      requests: [
        { intent: 'cancel_order', orderIds: ['ORD-1002'], quote: 'Quiero cancelar el pedido ORD-1002 porque ya no lo necesito', fallbackFor: null, amounts: [], dates: [] },
        { intent: 'where_is_my_order', orderIds: ['ORD-1006'], quote: 'quisiera saber por dónde anda el ORD-1006', fallbackFor: null, amounts: [], dates: [] },
      ],
    };
    model = await ScriptedOpenAiServer.start([
      { name: 'understand', match: { userContains: 'ORD-1006' }, reply: { kind: 'completion', toolCalls: [{ id: 'call_1', name: 'record_requests', arguments: JSON.stringify(args) }], usage: { promptTokens: 900, completionTokens: 80 } } },
      {
        name: 'review',
        match: { tools: ['propose_action', 'submit_review'] },
        reply: { kind: 'completion', toolCalls: [{ id: 'call_2', name: 'submit_review', arguments: JSON.stringify({ summary: [], reply: [{ text: 'Hemos pedido cancelar tu pedido.', citations: [] }] }) }], usage: { promptTokens: 1100, completionTokens: 40 } },
      },
    ]);
    opened = await openStack('pglite', env(model));
    const view = await ticketCase(opened, SPANISH);
    model.assertDone();

    expect(view.understoodBy).toEqual({ path: 'llm', source: 'model', fallbackReason: null });
    expect(view.requests.map((r) => [r.intent, r.orderIds, r.outcome])).toEqual([
      ['cancel_order', ['ORD-1002'], 'propose'],
      ['where_is_my_order', ['ORD-1006'], 'inform'],
    ]);
    expect(view.proposals.map((p) => [p.action.type, p.step, p.status])).toEqual([
      ['orders.cancel', 'r1.cancel', 'pending'],
      ['billing.refund', 'r1.refund', 'pending'],
    ]);
    // Tokens and cost from the API's usage over both calls, priced by config ($1 / $2 per million tokens).
    expect(view.agent).toEqual({ calls: 2, inputTokens: 2000, outputTokens: 120, usd: 0.00224 });
    // The review's reply draft, in Spanish, states nothing factual: kept without citations.
    expect(view.review?.reply).toEqual({ locale: 'es-ES', sentences: [{ text: 'Hemos pedido cancelar tu pedido.', factKeys: [] }] });
    // What the loop sent: the ticket only inside a data block, the tools offered, nothing else.
    const sent = model.bodies[0] as { messages: { role: string; content: string }[]; tools: { function: { name: string } }[] };
    expect(sent.tools.map((t) => t.function.name).sort()).toEqual(
      ['get_charge', 'get_entitlement_account', 'get_order', 'get_requester', 'get_ticket_history', 'list_requester_orders', 'list_subscriptions', 'record_requests', 'search_help_center'],
    );
    expect(sent.messages.find((m) => m.role === 'system')!.content).not.toContain('ORD-1006');
    expect(sent.messages.find((m) => m.role === 'user')!.content).toMatch(/<data kind="[^"]+">[\s\S]*ORD-1006[\s\S]*<\/data>/);
  });

  it('a model that keeps timing out: the deterministic reader runs and the case says why', async () => {
    model = await ScriptedOpenAiServer.start([
      { name: 'hangs', reply: { kind: 'hang' }, times: 2 },
    ]);
    opened = await openStack('pglite', env(model, { OPENAI_TIMEOUT_MS: '200', OPENAI_MAX_RETRIES: '1' }));
    const view = await ticketCase(opened, 'Please cancel order ORD-1002, I no longer need it.');
    model.assertDone();

    expect(view.understoodBy?.path).toBe('deterministic');
    expect(view.understoodBy?.fallbackReason).toMatch(/^model timeout/);
    expect(view.requests.map((r) => [r.intent, r.outcome])).toEqual([['cancel_order', 'propose']]);
    expect(view.proposals.map((p) => p.action.type)).toEqual(['orders.cancel', 'billing.refund']);
    // The review is not tried on a model that just failed.
    expect(view.review).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/first model call failed \(model timeout/) });
  });
});
