// Every entry of the injection corpus, placed where it says (ticket text, a comment, an order note,
// a Help Center article, the customer's name, a tool result), goes through the real prompt builders
// and tool loop. It must end up inside a data block and nowhere else: the system prompt is the same
// as for a benign text, and every message outside its data blocks is the same as for a benign text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../functions/src/ports/ChatModel.js';
import { reviewWithModel } from '../../functions/src/engine/agent/review.js';
import { investigationTools } from '../../functions/src/engine/agent/tools.js';
import { understandWithModel, type IntentInfo } from '../../functions/src/engine/agent/understand.js';
import { article, clock, connectors, newTrace, order, requester, ticket } from '../functions/engine/agent/fixtures.js';
import { call, ScriptedChatModel, toolCalls } from '../support/fakeChatModel.js';

interface Entry {
  id: string;
  where: 'ticket' | 'comment' | 'order_note' | 'kb_article' | 'customer_name' | 'tool_result';
  lang: string;
  text: string;
  note: string;
}

const corpus = JSON.parse(readFileSync(new URL('./injection-corpus.json', import.meta.url), 'utf8')) as Entry[];
const intents: IntentInfo[] = [{ intent: 'cancel_order', description: 'Cancel an order' }, { intent: 'late_delivery_refund', description: 'Refund a late delivery' }];
const BLOCK = /<data kind="[^"]*">([^<]*)<\/data>/g;

/** The conversations the agent builds when `text` sits at `where`: the understand call (with a tool), then the review. */
async function conversations(where: Entry['where'], text: string): Promise<ChatMessage[][]> {
  const inTicket = where === 'ticket' || where === 'comment';
  const customerText = inTicket ? `Late order\nMy order ORD-1001 came late.\n${text}` : 'Late order\nMy order ORD-1001 came late.';
  const user = where === 'customer_name' ? { ...requester, name: text } : requester;
  const o = order({
    ...(where === 'order_note' ? { notes: text } : {}),
    ...(where === 'tool_result' ? { shipments: [{ ...order().shipments[0]!, events: [{ at: '2026-11-13T15:30:00Z', status: 'delivered', description: text, location: null }] }] } : {}),
  });
  const c = connectors({
    orders: [o],
    requester: user,
    comments: [{ id: 'c1', authorId: user.id, body: where === 'comment' ? text : 'Any news?', public: true, createdAt: '2026-11-20T11:00:00Z' }],
    articles: [{ ...article, body: where === 'kb_article' ? text : 'Refunds within 30 days.' }],
  });
  const tools = investigationTools({ connectors: c, clock, trace: newTrace(), reading: { ticket, requester: user } });
  const probe: Record<Entry['where'], ReturnType<typeof call>> = {
    ticket: call('get_order', { orderId: 'ORD-1001' }),
    comment: call('get_ticket_history'),
    order_note: call('get_order', { orderId: 'ORD-1001' }),
    kb_article: call('search_help_center', { query: 'refund policy' }),
    customer_name: call('get_requester'),
    tool_result: call('get_order', { orderId: 'ORD-1001' }),
  };
  const understood = await understandWithModel({
    model: new ScriptedChatModel([toolCalls(probe[where]), toolCalls(call('record_requests', { requests: [] }))]),
    reading: { ticket: { id: ticket.id, channel: 'email' }, requester: { name: user.name, locale: 'en-US' }, customerText },
    intents,
    tools,
  });
  const reviewed = await reviewWithModel({
    model: new ScriptedChatModel([toolCalls(call('submit_review', { summary: [], reply: [] }))]),
    facts: understood.facts,
    proposals: [],
    reading: { requester: { name: user.name, locale: 'en-US' }, customerText },
  });
  return [understood.transcript, reviewed.transcript];
}

const outside = (content: string) => content.replace(BLOCK, '<data/>');
const blockValues = (content: string) => [...content.matchAll(BLOCK)].map((m) => JSON.parse(m[1]!) as unknown);
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v, ...(v.startsWith('{') ? (() => { try { return strings(JSON.parse(v)); } catch { return []; } })() : [])]
    : Array.isArray(v) ? v.flatMap(strings)
    : v && typeof v === 'object' ? Object.values(v).flatMap(strings)
    : [];
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('injection corpus', () => {
  it('has at least 30 well-formed entries covering every place untrusted text enters', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
    expect(new Set(corpus.map((e) => e.where))).toEqual(new Set(['ticket', 'comment', 'order_note', 'kb_article', 'customer_name', 'tool_result']));
    for (const lang of ['en', 'es', 'pt', 'de']) expect(corpus.some((e) => e.lang === lang)).toBe(true);
    for (const e of corpus) expect(e.text.length).toBeGreaterThan(10);
  });

  it.each(corpus.map((e) => [e.id, e] as const))('%s stays inside a data block', async (_id, entry) => {
    const [attack, benign] = await Promise.all([conversations(entry.where, entry.text), conversations(entry.where, 'benign placeholder text')]);
    const needle = squash(entry.text).slice(0, 40);
    let found = 0;
    attack.forEach((messages, conv) => {
      const reference = benign[conv]!;
      expect(messages.map((m) => m.role)).toEqual(reference.map((m) => m.role));
      messages.forEach((m, i) => {
        if (m.role === 'assistant') return; // scripted model output
        const content = m.content;
        const ref = reference[i]!.content as string;
        // Never in the system prompt: it is exactly the benign one.
        if (m.role === 'system') {
          expect(content).toBe(ref);
          return;
        }
        // Outside its data blocks, the message is exactly the benign one.
        expect(outside(content)).toBe(outside(ref));
        expect(content.match(/<data\b/g)?.length ?? 0).toBe(content.match(/<\/data>/g)?.length ?? 0);
        if (blockValues(content).flatMap(strings).some((s) => squash(s).includes(needle))) found++;
      });
    });
    // And it did reach the model, as data.
    expect(found).toBeGreaterThan(0);
  });
});
