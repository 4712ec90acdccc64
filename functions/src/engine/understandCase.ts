// Who reads the ticket for an investigation: the deterministic reader, or the model (with its
// read-only tools) when one is configured — its reading kept on the case and reused while the
// customer's words are unchanged.
import { canonicalJson, sha256Hex } from '../domain/canonical.js';
import type { Triage } from '../domain/caseRecord.js';
import type { Fact } from '../domain/evidence.js';
import type { Understanding } from '../domain/requests.js';
import { investigationTools } from './agent/tools.js';
import { catalogIntents, describeFailure, understandWithModel } from './agent/understand.js';
import type { CaseContext } from './caseOps.js';
import type { TicketReading } from './investigate.js';
import { modelUse, type ModelUse } from './modelUse.js';
import type { ToolTrace } from './traced.js';

export interface Reader {
  understanding: Understanding;
  fallbackReason: string | null;
  usage: ModelUse | null;
  /** Cited facts the model's read-only look-ups established. */
  facts: Fact[];
  /** Why a later model call should not be tried (the model failed, refused or ran out of turns), else null. */
  failed: string | null;
  /** The model's reading to keep on the case (null when the model did not understand the ticket). */
  triage: Triage | null;
  /** True when that reading was an earlier one, reused without a call. */
  reused: boolean;
}

/**
 * Who understands the ticket: explicit signals (form field, tags) always the deterministic reader;
 * otherwise the model when one is configured, with the deterministic reader as the fallback when
 * the model fails, refuses, runs out of turns or finds no request. The case records which ran.
 */
export async function understandCase(ctx: CaseContext, reading: TicketReading, trace: ToolTrace, earlier: Triage | null): Promise<Reader> {
  const fallback = reading.understanding;
  const model = ctx.deps.model;
  const none = { usage: null, facts: [], failed: null, triage: null, reused: false };
  if (!model || fallback.source === 'field' || fallback.source === 'tag') return { understanding: fallback, fallbackReason: null, ...none };
  const intents = catalogIntents(ctx.deps.catalog);
  // The same words read against the same intents: the earlier reading stands (a retry after an
  // outage, an agent's second look), without another call.
  const textHash = await sha256Hex(canonicalJson({ text: reading.customerText, intents: intents.map((i) => i.intent) }));
  if (earlier && earlier.textHash === textHash) {
    return { understanding: earlier.understanding, fallbackReason: null, usage: null, facts: earlier.facts, failed: null, triage: earlier, reused: true };
  }
  const r = await understandWithModel({
    model,
    reading: { ticket: reading.ticket, requester: reading.requester, customerText: reading.customerText },
    intents,
    tools: investigationTools({ connectors: ctx.connectors, clock: ctx.deps.clock, trace, reading: { ticket: reading.ticket, requester: reading.requester } }),
  });
  const usage = modelUse(ctx, r.calls, r.usage);
  if (r.kind === 'understood' && r.understanding.requests.length > 0) {
    const triage: Triage = { textHash, understanding: r.understanding, facts: r.facts, at: ctx.deps.clock.now().toISOString() };
    return { understanding: r.understanding, fallbackReason: null, usage, facts: r.facts, failed: null, triage, reused: false };
  }
  const why = r.kind === 'understood' ? 'the model found no request a playbook handles' : describeFailure(r.failure);
  return { understanding: fallback, fallbackReason: why, usage, facts: r.facts, failed: r.kind === 'failed' ? `the first model call failed (${why})` : null, triage: null, reused: false };
}

