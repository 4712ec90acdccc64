// The engine's front door: what webhooks, the sidebar and the scheduler ask of a case.
import type { Actor } from '../domain/audit.js';
import type { CaseRecord } from '../domain/caseRecord.js';
import { canTransition } from '../domain/caseState.js';
import { AppError } from '../domain/errors.js';
import type { DenyReason, Proposal } from '../domain/proposal.js';
import type { Installation } from '../ports/InstallationStore.js';
import type { Job } from '../ports/JobQueue.js';
import { contextFor, escalate, event } from './caseOps.js';
import type { EngineDeps } from './EngineDeps.js';
import { advanceCase, currentProposals } from './execution.js';
import { mutateCase } from './mutateCase.js';
import { DONE, type JobOutcome } from './outcomes.js';
import { runInvestigation } from './runInvestigation.js';
import { DELIVERY_RECHECK, recheckDelivery, scheduleDeliveryRecheck } from './deliveryRecheck.js';
import { scanShippingDelays, sendDelayOutreach } from './proactiveOutreach.js';

export interface DecisionResult {
  record: CaseRecord;
  proposal: Proposal;
  /** True when this call found the decision already made (double click, racing approvals). */
  alreadyDecided: boolean;
}

export class CaseEngine {
  constructor(readonly deps: EngineDeps) {}

  /**
   * A help-desk event about a ticket: one case per ticket, one investigation per delivery.
   * `deliveryId` is the webhook's invocation id, stable across redeliveries.
   */
  async intake(installation: Installation, input: { ticketId: string; deliveryId: string; eventType: string }) {
    const { deps } = this;
    const now = deps.clock.now().toISOString();
    const { record, created } = await deps.cases.openCase({ id: deps.ids.newId('case'), installationId: installation.id, ticketId: input.ticketId, at: now });
    const { created: newDelivery } = await deps.jobs.enqueue({
      id: deps.ids.newId('job'), installationId: installation.id, kind: 'investigate', caseId: record.id,
      payload: { ticketId: input.ticketId, deliveryId: input.deliveryId }, runAt: now, dedupeKey: `delivery:${input.deliveryId}`,
    });
    if (newDelivery) {
      const ctx = contextFor(deps, installation);
      await mutateCase(deps, installation.id, record.id, () => ({
        events: [
          ...(created ? [event(ctx, 'case.opened', { ticketId: input.ticketId, via: 'webhook' })] : []),
          event(ctx, 'webhook.received', { deliveryId: input.deliveryId, eventType: input.eventType }),
        ],
      }));
    }
    return { caseId: record.id, created, duplicate: !newDelivery };
  }

  /**
   * Queues a scan for delayed shipments (proactive outreach); the runner executes it. Scans are
   * not deduplicated: each delayed shipment is contacted once whatever the number of scans.
   */
  async requestDelayScan(installation: Installation): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.jobs.enqueue({ id: this.deps.ids.newId('job'), installationId: installation.id, kind: 'delay_scan', caseId: null, payload: {}, runAt: now });
  }

  /** The agent asks for a (new) investigation from the sidebar. */
  async requestInvestigation(installation: Installation, ticketId: string, actor: Actor) {
    const { deps } = this;
    const now = deps.clock.now().toISOString();
    const { record, created } = await deps.cases.openCase({ id: deps.ids.newId('case'), installationId: installation.id, ticketId, at: now });
    const ctx = contextFor(deps, installation);
    await mutateCase(deps, installation.id, record.id, () => ({
      events: [...(created ? [event(ctx, 'case.opened', { ticketId, via: 'sidebar' }, actor)] : []), event(ctx, 'investigation.requested', {}, actor)],
    }));
    await deps.jobs.enqueue({ id: deps.ids.newId('job'), installationId: installation.id, kind: 'investigate', caseId: record.id, payload: { ticketId }, runAt: now });
    return record.id;
  }

  async approve(installation: Installation, caseId: string, proposalId: string, contentHash: string, actor: Actor): Promise<DecisionResult> {
    const result = await this.decideProposal(installation, caseId, proposalId, contentHash, actor, { kind: 'approve' });
    if (!result.alreadyDecided) {
      await this.deps.jobs.enqueue({
        id: this.deps.ids.newId('job'), installationId: installation.id, kind: 'execute', caseId,
        payload: { proposalId }, runAt: this.deps.clock.now().toISOString(), dedupeKey: `execute:${proposalId}`,
      });
    }
    return result;
  }

  async deny(installation: Installation, caseId: string, proposalId: string, contentHash: string, actor: Actor, reason: DenyReason, note: string | null): Promise<DecisionResult> {
    const result = await this.decideProposal(installation, caseId, proposalId, contentHash, actor, { kind: 'deny', reason, note });
    const open = currentProposals(result.record).some((p) => ['pending', 'approved', 'executed'].includes(p.status));
    if (!result.alreadyDecided && !open && result.record.state !== 'escalated') {
      const ctx = contextFor(this.deps, installation);
      const record = await escalate(ctx, caseId, 'handled_by_agent', `The agent denied "${result.proposal.title}" (${reason}).`, actor);
      return { ...result, record };
    }
    return result;
  }

  async escalateByAgent(installation: Installation, caseId: string, actor: Actor, note: string | null): Promise<CaseRecord> {
    const ctx = contextFor(this.deps, installation);
    return escalate(ctx, caseId, 'agent_request', note ?? 'Escalated by the agent from the sidebar.', actor);
  }

  private async decideProposal(
    installation: Installation, caseId: string, proposalId: string, contentHash: string, actor: Actor,
    decision: { kind: 'approve' } | { kind: 'deny'; reason: DenyReason; note: string | null },
  ): Promise<DecisionResult> {
    const ctx = contextFor(this.deps, installation);
    let alreadyDecided = false;
    const record = await mutateCase(this.deps, installation.id, caseId, (rec) => {
      alreadyDecided = false;
      const p = rec.data.proposals.find((q) => q.id === proposalId);
      if (!p) throw new AppError('not_found', `proposal ${proposalId} not found on case ${caseId}`);
      if (p.contentHash !== contentHash) throw new AppError('stale_proposal', 'the proposal changed since it was shown; reload and decide again');
      const same = decision.kind === 'approve' ? ['approved', 'executed', 'verified'].includes(p.status) : p.status === 'denied';
      if (same) {
        alreadyDecided = true;
        return null;
      }
      if (p.status === 'superseded') throw new AppError('stale_proposal', 'a newer investigation replaced this proposal; reload and decide on the current one');
      if (p.status !== 'pending') throw new AppError('not_approvable', `the proposal is ${p.status} and can no longer be ${decision.kind === 'approve' ? 'approved' : 'denied'}`);
      const at = this.deps.clock.now().toISOString();
      const shadow = p.decision.reasons.some((r) => r.code === 'shadow_mode');
      const dependents = new Set(decision.kind === 'deny' ? rec.data.proposals.filter((q) => q.after.includes(p.step) && q.status === 'pending').map((q) => q.id) : []);
      const proposals = rec.data.proposals.map((q): Proposal => {
        if (q.id === p.id) {
          return decision.kind === 'approve'
            ? { ...q, status: 'approved', approval: { by: actor, at } }
            : { ...q, status: 'denied', denial: { by: actor, at, reason: decision.reason, note: decision.note } };
        }
        return dependents.has(q.id) ? { ...q, status: 'superseded' } : q;
      });
      return {
        ...(decision.kind === 'approve' && canTransition(rec.state, 'execution') ? { state: 'execution' as const } : {}),
        data: { ...rec.data, proposals },
        events: [
          decision.kind === 'approve'
            ? event(ctx, 'proposal.approved', { proposalId, contentHash, policy: p.decision.policy }, actor)
            : event(ctx, 'proposal.denied', { proposalId, contentHash, reason: decision.reason, note: decision.note, policy: p.decision.policy }, actor),
          ...(shadow ? [event(ctx, 'shadow.compared', { proposalId, agreed: decision.kind === 'approve' }, actor)] : []),
        ],
      };
    });
    const proposal = record.data.proposals.find((q) => q.id === proposalId)!;
    return { record, proposal, alreadyDecided };
  }

  /** Runs one background job; the runner turns the outcome into complete / reschedule / fail. */
  async runJob(job: Job): Promise<JobOutcome> {
    const installation = await this.deps.installations.get(job.installationId);
    if (!installation) return { kind: 'failed', error: `installation ${job.installationId} not found` };
    // Proactive outreach runs before any case exists: the ticket it opens brings the case in.
    if (job.kind === 'delay_scan') return scanShippingDelays(contextFor(this.deps, installation), job.attempts);
    if (job.kind === 'outreach') return sendDelayOutreach(contextFor(this.deps, installation), job);
    if (!job.caseId) return { kind: 'failed', error: 'job without a case' };
    const ctx = contextFor(this.deps, installation);
    switch (job.kind) {
      case 'investigate': {
        // A webhook delivery is the customer writing; without one an agent asked from the sidebar.
        const outcome = await runInvestigation(ctx, job.caseId, job.attempts, job.payload['deliveryId'] ? 'customer' : 'agent');
        if (outcome.kind === 'done') await scheduleDeliveryRecheck(ctx, job.caseId);
        return outcome;
      }
      case 'follow_up':
        if (job.payload['recheck'] === DELIVERY_RECHECK) return recheckDelivery(ctx, job);
        return advanceCase(ctx, job.caseId, job.attempts);
      case 'execute':
        return advanceCase(ctx, job.caseId, job.attempts);
      default:
        return DONE;
    }
  }
}
