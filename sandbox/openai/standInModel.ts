// A well-behaved stand-in for the model, for driving many different cases through the model path
// (`npm run bench:agent`): a `respond` function for the scripted server that answers each request
// the way a careful model would, sized like one. To the triage call it records what the ticket
// asks for (read with the deterministic reader from the ticket's data block) in one turn, without
// tools; to the review call it recommends exactly the planned actions and writes a short summary
// and reply that cite facts. It never sees the engine: only the request body, as the real API would.
import { detectIntent } from '../../functions/src/domain/intent.js';
import { understandTicket } from '../../functions/src/domain/understand.js';
import type { StepReply, WireRequest } from './script.js';

const BLOCK = /<data kind="([^"]+)">([\s\S]*?)<\/data>/g;

/** The data blocks of the last user message, by kind, parsed. */
export function dataBlocks(request: WireRequest): Record<string, unknown> {
  const user = [...(request.messages ?? [])].reverse().find((m) => m.role === 'user');
  const text = typeof user?.content === 'string' ? user.content : '';
  const out: Record<string, unknown> = {};
  for (const m of text.matchAll(BLOCK)) out[m[1]!] = JSON.parse(m[2]!);
  return out;
}

const offered = (request: WireRequest) => new Set((request.tools ?? []).map((t) => t.function.name));

let seq = 0;
const call = (name: string, args: unknown) => ({ id: `call_standin_${++seq}`, name, arguments: JSON.stringify(args) });

function triage(request: WireRequest): StepReply {
  const ticket = dataBlocks(request)['ticket'] as { text?: string } | undefined;
  const text = ticket?.text ?? '';
  const input = { subject: '', body: text, tags: [] as string[] };
  const understood = understandTicket({ ...input, now: new Date() }, detectIntent(input));
  const requests = understood.requests.map((r) => ({
    intent: r.intent,
    orderIds: r.orderIds,
    quote: r.text.slice(0, 300),
    fallbackFor: r.fallbackFor,
    amounts: r.entities.amounts,
    dates: r.entities.dates,
  }));
  return { kind: 'completion', toolCalls: [call('record_requests', { requests })] };
}

type FactsBlock = Record<string, [string, unknown]>;
interface PlanBlock { outcome?: string; actions: { type: string; params: Record<string, unknown>; amount: { amount: number; currency: string } | null }[] }

/** A fact fit to quote in a sentence: a short value, not prose. */
const quotable = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && v.length <= 40 && !/\s/.test(v) && !v.startsWith('{')));

function review(request: WireRequest): StepReply {
  const blocks = dataBlocks(request);
  const facts = (blocks['facts'] ?? {}) as FactsBlock;
  const plan = (blocks['plan'] ?? { actions: [] }) as PlanBlock;
  const ids = Object.keys(facts);
  const quoted = ids.filter((id) => quotable(facts[id]![1])).slice(0, 3);
  const cite = quoted.length ? quoted.slice(0, 2) : ids.slice(0, 1);
  const proposals = plan.actions.map((a) => call('propose_action', { type: a.type, params: a.params, amount: a.amount, citations: cite }));
  const summary = [
    ...quoted.map((id) => ({ text: `${facts[id]![0]} is ${String(facts[id]![1])}.`, citations: [id] })),
    { text: plan.actions.length ? `The plan holds ${plan.actions.map((a) => a.type).join(' and ')}, as the playbook decided.` : `Nothing is changed: ${plan.outcome ?? 'no action'}.`, citations: cite },
  ];
  const reply = [
    { text: 'Thank you for your patience while we looked into this.', citations: [] },
    { text: plan.actions.length ? 'We have prepared the next step and will confirm it shortly.' : 'We have reviewed your request and explained the outcome below.', citations: cite },
  ];
  return { kind: 'completion', toolCalls: [...proposals, call('submit_review', { summary, reply })] };
}

/** The `respond` of a scripted step that plays a careful model for any case. */
export function standInModel(request: WireRequest): StepReply {
  const tools = offered(request);
  if (tools.has('record_requests')) return triage(request);
  if (tools.has('submit_review')) return review(request);
  throw new Error(`the stand-in model does not know this call (tools: ${[...tools].join(', ') || 'none'})`);
}
