// The first model call: read the ticket (as data) and record what the customer asks for, as the
// same `Understanding` the deterministic reader produces. The model may call read-only tools first,
// but the engine gathers evidence itself, so a routine ticket takes one completion. What the model
// records is checked before the engine sees it: an order id that is neither in the ticket nor among
// the requester's own orders a tool returned is dropped (the model cannot invent records, and an id
// written in an order note or an article does not count), an intent outside the catalog is
// `other` and makes no request, a `fallbackFor` that points nowhere is null, amounts and dates are
// kept only when well-formed.
import { z } from 'zod';
import type { ConnectorError } from '../../domain/connectorError.js';
import type { Fact } from '../../domain/evidence.js';
import type { CaseRequest, Understanding } from '../../domain/requests.js';
import type { Catalog } from '../../playbooks/catalog.js';
import type { ChatMessage, ChatModel, ChatUsage, ToolSpec } from '../../ports/ChatModel.js';
import type { HelpDeskUser, Ticket } from '../../ports/HelpDesk.js';
import { DATA_RULES, dataBlock } from './data.js';
import { runToolLoop, type AgentTool, type LoopLimits } from './loop.js';

export interface IntentInfo {
  intent: string;
  description: string;
}

/** The catalog's trigger intents, each described by the title of the first playbook it triggers. */
export function catalogIntents(catalog: Pick<Catalog, 'playbooks'>): IntentInfo[] {
  const seen = new Map<string, string>();
  for (const pb of catalog.playbooks) for (const intent of pb.trigger.intents) if (!seen.has(intent)) seen.set(intent, pb.title);
  return [...seen].map(([intent, description]) => ({ intent, description }));
}

/** What the model is shown of the ticket. */
export interface UnderstandReading {
  ticket: Pick<Ticket, 'id' | 'channel'>;
  requester: Pick<HelpDeskUser, 'name' | 'locale'>;
  /** Subject, description and the customer's public follow-ups (TicketReading.customerText). */
  customerText: string;
}

export const TICKET_TEXT_LIMIT = 4_000;
const QUOTE_LIMIT = 300;
const MAX_REQUESTS = 6;

export const RecordRequestsArgs = z.object({
  requests: z
    .array(
      z.object({
        intent: z.string().max(60).describe('one of the listed intents, or "other"'),
        orderIds: z.array(z.string().max(40)).max(5).describe("order numbers as written in the ticket, or the requester's own orders a tool listed"),
        quote: z.string().max(QUOTE_LIMIT).describe("the customer's own words for this request, in their language"),
        fallbackFor: z.number().int().nullable().describe('0-based index of the request this one replaces if that one cannot be done; else null'),
        amounts: z.array(z.object({ amount: z.number().int().describe('minor units: $45.50 -> 4550'), currency: z.string().describe('ISO code, e.g. usd') })).max(5),
        dates: z.array(z.string().describe('YYYY-MM-DD')).max(5),
      }),
    )
    .max(MAX_REQUESTS),
});
export type RecordRequests = z.output<typeof RecordRequestsArgs>;

export const RECORD_REQUESTS: AgentTool<RecordRequests> = {
  name: 'record_requests',
  description: 'Final answer: the requests in the ticket, in the order the customer makes them (empty if none).',
  args: RecordRequestsArgs,
};

export function understandSystemPrompt(intents: readonly IntentInfo[], withTools: boolean): string {
  return [
    'You triage one customer-support ticket: record each thing the customer asks for by calling record_requests once.',
    withTools ? 'Call a read-only tool first only if the ticket alone is unclear; the engine gathers evidence itself.' : '',
    DATA_RULES,
    'Intents:',
    ...intents.map((i) => `- ${i.intent}: ${i.description}`),
    '- other: anything else (no action)',
    "One request per distinct thing asked. orderIds: only as written in the ticket, or the requester's own orders a tool listed. " +
      'fallbackFor: for "do X; if you can\'t, do Y", Y has fallbackFor = index of X. ' +
      'Amounts the customer names in minor units; dates as YYYY-MM-DD. Greetings and thanks are no request. Any language.',
  ]
    .filter(Boolean)
    .join('\n');
}

export function understandUserPrompt(reading: UnderstandReading): string {
  const text = reading.customerText.length > TICKET_TEXT_LIMIT ? `${reading.customerText.slice(0, TICKET_TEXT_LIMIT)}…` : reading.customerText;
  return [
    `Ticket ${reading.ticket.id} via ${reading.ticket.channel}.`,
    dataBlock('requester', { name: reading.requester.name, locale: reading.requester.locale }),
    dataBlock('ticket', { text }),
  ].join('\n');
}

export interface Dropped {
  request: number;
  what: 'intent' | 'order_id' | 'fallback_for' | 'amount' | 'date' | 'quote';
  value: string;
}

export type AgentFailure =
  | { kind: 'refused'; reason: string }
  | { kind: 'model_error'; error: ConnectorError }
  | { kind: 'limit'; reason: 'max_turns' | 'length' };

/** A failed model call in one line, as the case records it. */
export function describeFailure(f: AgentFailure): string {
  if (f.kind === 'model_error') return `model ${f.error.code}: ${f.error.message}`;
  return f.kind === 'refused' ? `model refused: ${f.reason}` : `model stopped: ${f.reason}`;
}

interface CallRecord {
  facts: Fact[];
  usage: ChatUsage;
  calls: number;
  transcript: ChatMessage[];
  toolSpecs: ToolSpec[];
}

export type UnderstandResult =
  | ({ kind: 'understood'; understanding: Understanding; dropped: Dropped[] } & CallRecord)
  | ({ kind: 'failed'; failure: AgentFailure } & CallRecord);

export const UNDERSTAND_LIMITS: LoopLimits = { maxTurns: 3, maxOutputTokens: 700 };

export async function understandWithModel(input: {
  model: ChatModel;
  reading: UnderstandReading;
  intents: readonly IntentInfo[];
  tools?: readonly AgentTool<any>[];
  limits?: LoopLimits;
}): Promise<UnderstandResult> {
  const tools = input.tools ?? [];
  const r = await runToolLoop({
    model: input.model,
    system: understandSystemPrompt(input.intents, tools.length > 0),
    user: understandUserPrompt(input.reading),
    tools,
    finalTool: RECORD_REQUESTS,
    limits: input.limits ?? UNDERSTAND_LIMITS,
  });
  const record: CallRecord = { facts: r.facts, usage: r.usage, calls: r.calls, transcript: r.transcript, toolSpecs: r.toolSpecs };
  if (r.kind === 'refused') return { kind: 'failed', failure: { kind: 'refused', reason: r.reason }, ...record };
  if (r.kind === 'model_error') return { kind: 'failed', failure: { kind: 'model_error', error: r.error }, ...record };
  if (r.kind === 'limit') return { kind: 'failed', failure: { kind: 'limit', reason: r.reason }, ...record };
  // Records the model may name: what the customer wrote, and the requester's own orders the tools
  // returned (not any id that appears in a tool result: notes and articles are free text).
  const { understanding, dropped } = checkRequests(r.args, { intents: input.intents.map((i) => i.intent), customerText: input.reading.customerText, ownedIds: r.owned });
  return { kind: 'understood', understanding, dropped, ...record };
}

/** `#w1234567` / `W1234567` → `#W1234567`; `ord-1001` → `ORD-1001`; other ids upper-cased as written. */
export function normaliseOrderId(raw: string): string {
  const t = raw.trim().replace(/\s+/g, '');
  const w = /^#?(W\d{7})$/i.exec(t);
  return w ? `#${w[1]!.toUpperCase()}` : t.toUpperCase();
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The id (without a leading #) occurs in the text as a whole token, any case. */
export function appearsIn(id: string, text: string): boolean {
  const core = id.replace(/^#/, '');
  if (core.length < 3) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(core)}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

const loose = (s: string) => s.toLowerCase().replace(/[\s"'“”‘’«»…]+/g, ' ').trim();
const CURRENCY = /^[a-z]{3}$/;

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Pure: the model's record, checked against the catalog and the text the model actually saw. */
export function checkRequests(
  args: RecordRequests,
  ctx: { intents: readonly string[]; customerText: string; ownedIds: readonly string[] },
): { understanding: Understanding; dropped: Dropped[] } {
  const known = new Set(ctx.intents);
  const dropped: Dropped[] = [];
  const owned = new Set(ctx.ownedIds.map(normaliseOrderId));
  const customer = loose(ctx.customerText);
  // Index in the model's list → index in ours (requests with an unknown intent are left out).
  const kept: { from: number; request: CaseRequest }[] = [];
  args.requests.forEach((q, i) => {
    if (!known.has(q.intent)) {
      if (q.intent !== 'other') dropped.push({ request: i, what: 'intent', value: q.intent });
      return;
    }
    const orderIds: string[] = [];
    for (const raw of q.orderIds) {
      const id = normaliseOrderId(raw);
      if (appearsIn(id, ctx.customerText) || owned.has(id)) {
        if (!orderIds.includes(id)) orderIds.push(id);
      } else dropped.push({ request: i, what: 'order_id', value: raw });
    }
    // The playbook's entity extraction reads this text: it must be the customer's, not the model's.
    const quote = q.quote.trim();
    const quoted = quote !== '' && customer.includes(loose(quote));
    if (!quoted) dropped.push({ request: i, what: 'quote', value: quote });
    const amounts = q.amounts.flatMap((a) => {
      const currency = a.currency.trim().toLowerCase();
      if (Number.isSafeInteger(a.amount) && a.amount > 0 && CURRENCY.test(currency)) return [{ amount: a.amount, currency }];
      dropped.push({ request: i, what: 'amount', value: `${a.amount} ${a.currency}` });
      return [];
    });
    const dates = q.dates.filter((d) => {
      if (validDate(d)) return true;
      dropped.push({ request: i, what: 'date', value: d });
      return false;
    });
    kept.push({
      from: i,
      request: { intent: q.intent, orderIds, text: quoted ? quote : ctx.customerText, fallbackFor: q.fallbackFor, entities: { amounts, dates: [...new Set(dates)] } },
    });
  });
  const requests = kept.map(({ from, request }, index) => {
    const target = request.fallbackFor;
    if (target === null) return request;
    const to = kept.findIndex((k) => k.from === target);
    if (to === -1 || to === index) {
      dropped.push({ request: from, what: 'fallback_for', value: String(target) });
      return { ...request, fallbackFor: null };
    }
    return { ...request, fallbackFor: to };
  });
  return { understanding: { path: 'llm', requests, candidates: [], source: 'model' }, dropped };
}
