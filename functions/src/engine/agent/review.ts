// The second model call, after the engine has investigated and planned: the model sees the facts
// (numbered F1…Fn with their values) and the playbook's proposals with their guardrail decisions,
// all as data; it recommends actions with `propose_action` and ends with `submit_review` (summary
// for the agent, reply draft for the customer, sentence by sentence, each citing fact ids). The
// model proposes only: each recommendation is judged against the playbook (domain/modelProposal.ts)
// and the playbook's proposals stay what executes. Sentences are checked against their citations
// (domain/citedText.ts): what is stated without a fact behind it is removed.
import { z } from 'zod';
import { enforceCitations, type CitationFlag, type CitedSentence } from '../../domain/citedText.js';
import type { Fact } from '../../domain/evidence.js';
import { judgeModelProposal, type ModelProposal, type ModelProposalVerdict } from '../../domain/modelProposal.js';
import type { Proposal } from '../../domain/proposal.js';
import type { ChatMessage, ChatModel, ChatUsage, ToolSpec } from '../../ports/ChatModel.js';
import { DATA_RULES, dataBlock } from './data.js';
import { runToolLoop, type AgentTool, type LoopLimits } from './loop.js';
import type { AgentFailure } from './understand.js';

const MoneyArg = z.object({ amount: z.number().int().describe('minor units'), currency: z.string().max(3) });

export const ProposeActionArgs = z.object({
  type: z.string().max(60).describe('an action type from the plan'),
  params: z.record(z.string(), z.unknown()),
  amount: MoneyArg.nullable(),
  citations: z.array(z.string().max(8)).max(12).describe('fact ids, e.g. ["F2","F7"]'),
});
export type ProposeAction = z.output<typeof ProposeActionArgs>;

const Sentence = z.object({ text: z.string().max(400), citations: z.array(z.string().max(8)).max(12) });
export const SubmitReviewArgs = z.object({
  summary: z.array(Sentence).max(12).describe('for the agent: the case, what the systems say, conflicts'),
  reply: z.array(Sentence).max(12).describe("draft to the customer, in the customer's language"),
});
export type SubmitReview = z.output<typeof SubmitReviewArgs>;

export const SUBMIT_REVIEW: AgentTool<SubmitReview> = {
  name: 'submit_review',
  description: 'Final answer: summary and reply draft as short sentences, each citing the fact ids it states.',
  args: SubmitReviewArgs,
};

export interface ReviewReading {
  requester: { name: string; locale: string };
  /** The customer's words (TicketReading.customerText), for the reply. */
  customerText: string;
}

/** A fact id (F1…) and the fact it stands for. */
export interface NumberedFact {
  id: string;
  fact: Fact;
}

export interface JudgedProposal {
  /** M1…, in the order the model proposed. */
  id: string;
  proposal: ModelProposal;
  /** The fact keys behind the cited ids (unknown ids left out). */
  factKeys: string[];
  verdict: ModelProposalVerdict;
}

export interface CheckedSentence {
  text: string;
  /** Fact ids as the model cited them, all known. */
  citations: string[];
  /** The same facts by key, as the case stores them. */
  factKeys: string[];
}

export interface CheckedSection {
  sentences: CheckedSentence[];
  flagged: CitationFlag[];
}

interface CallRecord {
  usage: ChatUsage;
  calls: number;
  transcript: ChatMessage[];
  toolSpecs: ToolSpec[];
}

export type ReviewResult =
  | ({ kind: 'reviewed'; facts: NumberedFact[]; proposals: JudgedProposal[]; summary: CheckedSection; reply: CheckedSection } & CallRecord)
  | ({ kind: 'failed'; failure: AgentFailure } & CallRecord);

export const REVIEW_LIMITS: LoopLimits = { maxTurns: 2, maxOutputTokens: 900 };
export const FACT_VALUE_LIMIT = 240;
const CUSTOMER_TEXT_LIMIT = 1_500;

export function numberFacts(facts: readonly Fact[]): NumberedFact[] {
  return facts.map((fact, i) => ({ id: `F${i + 1}`, fact }));
}

export function reviewSystemPrompt(locale: string): string {
  return [
    'You review a support case the engine has investigated and planned. The engine decides and executes; you only recommend and write.',
    DATA_RULES,
    'For each planned action you agree with, call propose_action with its type, params and amount exactly as planned (never another action, never more money) and the fact ids that justify it.',
    `Then call submit_review once: summary (for the agent) and reply (to the customer, locale ${locale}), short sentences, each citing the fact ids it relies on.`,
    'A sentence stating a number, amount, date, order number or email that its cited facts do not hold is deleted. Promise only what the plan does; forbidden actions will not happen.',
    'You may call propose_action and submit_review in the same turn.',
  ].join('\n');
}

const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > FACT_VALUE_LIMIT ? `${s.slice(0, FACT_VALUE_LIMIT)}…` : s;
};

export function reviewUserPrompt(input: { facts: readonly NumberedFact[]; proposals: readonly Proposal[]; reading: ReviewReading; plan?: string }): string {
  const facts = Object.fromEntries(input.facts.map(({ id, fact }) => [id, [fact.key, typeof fact.value === 'string' ? short(fact.value) : fact.value]]));
  const plan = input.proposals.map((p, i) => ({
    id: `P${i + 1}`,
    type: p.action.type,
    params: p.action.params,
    amount: p.action.amount,
    decision: p.decision.kind,
    reasons: p.decision.reasons.map((r) => r.code),
  }));
  const text = input.reading.customerText.length > CUSTOMER_TEXT_LIMIT ? `${input.reading.customerText.slice(0, CUSTOMER_TEXT_LIMIT)}…` : input.reading.customerText;
  return [
    dataBlock('customer', { name: input.reading.requester.name, text }),
    dataBlock('facts', facts),
    dataBlock('plan', { ...(input.plan ? { outcome: input.plan } : {}), actions: plan }),
  ].join('\n');
}

export async function reviewWithModel(input: {
  model: ChatModel;
  facts: readonly Fact[];
  /** The playbook's proposals with their guardrail decisions (what executes). */
  proposals: readonly Proposal[];
  reading: ReviewReading;
  /** One line on a plan without actions (refused / ask / escalate / inform), engine-written. */
  plan?: string;
  limits?: LoopLimits;
}): Promise<ReviewResult> {
  const numbered = numberFacts(input.facts);
  const recorded: ProposeAction[] = [];
  const proposeAction: AgentTool<ProposeAction> = {
    name: 'propose_action',
    description: 'Recommend one planned action (recorded; the engine decides).',
    args: ProposeActionArgs,
    run: async (args) => {
      recorded.push(args);
      return { content: { recorded: `M${recorded.length}` } };
    },
  };
  const r = await runToolLoop({
    model: input.model,
    system: reviewSystemPrompt(input.reading.requester.locale),
    user: reviewUserPrompt({ facts: numbered, proposals: input.proposals, reading: input.reading, ...(input.plan ? { plan: input.plan } : {}) }),
    tools: [proposeAction],
    finalTool: SUBMIT_REVIEW,
    limits: input.limits ?? REVIEW_LIMITS,
  });
  const record: CallRecord = { usage: r.usage, calls: r.calls, transcript: r.transcript, toolSpecs: r.toolSpecs };
  if (r.kind === 'refused') return { kind: 'failed', failure: { kind: 'refused', reason: r.reason }, ...record };
  if (r.kind === 'model_error') return { kind: 'failed', failure: { kind: 'model_error', error: r.error }, ...record };
  if (r.kind === 'limit') return { kind: 'failed', failure: { kind: 'limit', reason: r.reason }, ...record };

  const keyOf = new Map(numbered.map((n) => [n.id, n.fact.key]));
  const known = new Set(keyOf.keys());
  const values = Object.fromEntries(numbered.map((n) => [n.id, n.fact.value]));
  const keys = (ids: readonly string[]) => [...new Set(ids.flatMap((id) => (keyOf.has(id) ? [keyOf.get(id)!] : [])))];
  const proposals: JudgedProposal[] = recorded.map((a, i) => {
    const proposal: ModelProposal = { type: a.type, params: a.params, amount: a.amount ? { amount: a.amount.amount, currency: a.amount.currency.toLowerCase() } : null, citations: a.citations };
    return { id: `M${i + 1}`, proposal, factKeys: keys(a.citations), verdict: judgeModelProposal(proposal, input.proposals, known) };
  });
  const section = (sentences: CitedSentence[]): CheckedSection => {
    const checked = enforceCitations(sentences, values);
    return { sentences: checked.kept.map((s) => ({ ...s, factKeys: keys(s.citations) })), flagged: checked.flagged };
  };
  return { kind: 'reviewed', facts: numbered, proposals, summary: section(r.args.summary), reply: section(r.args.reply), ...record };
}
