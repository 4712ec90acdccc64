// Runs one scenario file through the real stack: seeds the sandboxes, delivers the ticket as a
// signed webhook, applies the human decisions through the sidebar API, lets background work run
// (moving the clock where asked), and reports the case and the sandboxes' end state.
import { ManualClock } from '../../functions/src/adapters/system/SystemClock.js';
import { formatPolicyRef } from '../../functions/src/domain/policy.js';
import type { CaseView } from '../../functions/src/http/caseView.js';
import { BUILT_IN_SOURCE, loadCatalog } from '../../functions/src/playbooks/catalog.js';
import { startStack, type Stack } from '../stack.js';
import { loadWorld } from '../worlds/loadWorld.js';
import { matchExpected } from './matchExpected.js';
import { ScenarioSchema, type Scenario } from './ScenarioSchema.js';

export interface ScenarioResult {
  output: Record<string, unknown>;
  failures: string[];
}

function catalogFor(s: Scenario) {
  if (!s.policy) return undefined;
  const base = BUILT_IN_SOURCE.policies[0] as { values: Record<string, unknown> };
  return loadCatalog({ ...BUILT_IN_SOURCE, policies: [...BUILT_IN_SOURCE.policies, { ...base, version: s.policy.version, values: { ...base.values, ...s.policy.values } }] });
}

async function deliverTicket(stack: Stack, s: Scenario) {
  const z = stack.zendeskSandbox;
  if ('create' in s.ticket) {
    z.createTicket({ ...s.ticket.create, ...(s.ticket.create.channel ? {} : { channel: 'email' }) });
    await z.webhooksSettled();
  } else {
    await z.fireWebhook(Number(s.ticket.id), 'ticket.created');
  }
  const first = z.deliveries().at(-1);
  for (let i = 1; i < s.deliveries && first; i++) await z.redeliver(first.invocationId);
  await stack.settle();
}

async function caseView(stack: Stack, ticketId: string): Promise<CaseView | null> {
  const r = await stack.sidebar(`/v1/tickets/${ticketId}/case`);
  return r.status === 404 ? null : ((await r.json()) as CaseView);
}

async function applyDecisions(stack: Stack, s: Scenario, ticketId: string) {
  for (const d of s.decisions) {
    const view = await caseView(stack, ticketId);
    const p = view?.proposals.find((q) => q.action.type === d.type && q.status === 'pending');
    if (!view || !p) throw new Error(`scenario decision on ${d.type}: no pending proposal of that type (state ${view?.state ?? 'no case'})`);
    const body = d.decision === 'approve' ? { contentHash: p.contentHash } : { contentHash: p.contentHash, reason: d.reason, note: d.note ?? null };
    const r = await stack.sidebar(`/v1/cases/${view.id}/proposals/${p.id}/${d.decision}`, { body });
    if (!r.ok) throw new Error(`scenario decision on ${d.type} failed: ${r.status} ${await r.text()}`);
    await stack.settle();
  }
}

async function worldOf(stack: Stack) {
  const dump = async (url: string) => (await fetch(`${url}/__sandbox/world`)).json();
  return {
    stripe: await dump(stack.stripe.url),
    zendesk: await dump(stack.zendesk.url),
    oms: await dump(stack.oms.url),
    ...(stack.entitlements ? { entitlements: await dump(stack.entitlements.url) } : {}),
  };
}

export async function runScenario(input: unknown, options: { env?: Record<string, string | undefined>; schema?: string } = {}): Promise<ScenarioResult> {
  const s = ScenarioSchema.parse(input);
  const world = typeof s.world === 'string' ? await loadWorld(s.world) : s.world;
  const clock = new ManualClock(world.now);
  const catalog = catalogFor(s);
  const stack = await startStack({
    world, clock, quiet: true,
    ...(s.settings ? { settings: s.settings } : {}),
    ...(s.policyId ? { policyId: s.policyId } : {}),
    ...(catalog ? { catalog } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
  });
  try {
    for (const f of s.faults ?? []) {
      const target = stack[f.system];
      if (!target) throw new Error(`scenario injects a fault into ${f.system}, which this world does not have`);
      target.faults.add(f);
    }
    await deliverTicket(stack, s);
    const ticketId = 'create' in s.ticket ? String(stack.zendeskSandbox.deliveries().at(-1)?.ticketId) : s.ticket.id;
    await applyDecisions(stack, s, ticketId);
    for (const minutes of s.advanceMinutes) {
      clock.advance(minutes * 60_000);
      await stack.settle();
    }
    const view = await caseView(stack, ticketId);
    const audit = view ? ((await (await stack.sidebar(`/v1/cases/${view.id}/audit`)).json()) as { chain: { ok: boolean }; events: unknown[] }) : null;
    const output: Record<string, unknown> = {
      name: s.name,
      caseId: view?.id ?? null,
      caseType: view?.caseType ?? null,
      state: view?.state ?? null,
      intent: view?.intent ?? null,
      requests: view?.requests ?? [],
      facts: view?.facts ?? [],
      conflicts: view?.conflicts ?? [],
      proposals: (view?.proposals ?? []).map((p) => ({
        type: p.action.type, step: p.step, params: p.action.params, amount: p.action.amount, status: p.status,
        decision: p.decision.kind, mode: p.decision.mode, reasons: p.decision.reasons.map((r) => r.code), policy: formatPolicyRef(p.decision.policy), riskTier: p.riskTier,
      })),
      executed: (view?.proposals ?? []).filter((p) => p.execution?.externalId).map((p) => ({
        type: p.action.type, params: p.action.params, amount: p.action.amount, externalId: p.execution!.externalId, verified: p.execution!.verified,
      })),
      reply: view?.reply ?? null,
      escalation: view?.escalation ?? null,
      waiting: view?.waiting ?? null,
      audit: audit ? { events: audit.events.length, chainVerified: audit.chain.ok } : null,
      world: await worldOf(stack),
    };
    return { output, failures: s.expect ? matchExpected(output, s.expect) : [] };
  } finally {
    await stack.close();
  }
}
