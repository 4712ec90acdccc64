// Sidebar routes: the case of a ticket, approve / deny a proposal, escalate, re-investigate, audit.
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { verifyChain } from '../../domain/audit.js';
import { AppError } from '../../domain/errors.js';
import { DENY_REASONS } from '../../domain/proposal.js';
import type { AppDeps, AppEnv } from '../AppDeps.js';
import { authenticateSidebar } from '../auth/zafJwt.js';
import { toCaseView } from '../caseView.js';
import { valid } from '../validate.js';

const ApproveSchema = z.object({ contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'contentHash must be the proposal hash shown') });
const DenySchema = ApproveSchema.extend({ reason: z.enum(DENY_REASONS), note: z.string().max(2000).nullish() });
const EscalateSchema = z.object({ note: z.string().max(2000).nullish() });

export function caseRoutes(deps: AppDeps) {
  const view = async (installationId: string, caseId: string) => {
    const record = await deps.cases.getCase(installationId, caseId);
    if (!record) throw new AppError('not_found', `case ${caseId} not found`);
    return toCaseView(record, await deps.cases.listEvents(installationId, caseId));
  };

  const auth: MiddlewareHandler<AppEnv> = async (c, next) => {
    const identity = await authenticateSidebar(c.req.header('authorization'), deps.installations, deps.clock.now());
    c.set('installation', identity.installation);
    c.set('actor', identity.actor);
    await next();
  };
  return new Hono<AppEnv>()
    .use('/tickets/*', auth)
    .use('/cases/*', auth)
    .get('/tickets/:ticketId/case', async (c) => {
      const record = await deps.cases.findByTicket(c.var.installation.id, c.req.param('ticketId'));
      if (!record) throw new AppError('not_found', 'no case for this ticket yet');
      return c.json(toCaseView(record, await deps.cases.listEvents(record.installationId, record.id)));
    })
    .post('/tickets/:ticketId/investigate', async (c) => {
      const caseId = await deps.engine.requestInvestigation(c.var.installation, c.req.param('ticketId'), c.var.actor);
      deps.onWorkQueued?.();
      return c.json(await view(c.var.installation.id, caseId), 202);
    })
    .post('/cases/:caseId/proposals/:proposalId/approve', valid('json', ApproveSchema), async (c) => {
      const { caseId, proposalId } = c.req.param();
      const r = await deps.engine.approve(c.var.installation, caseId, proposalId, c.req.valid('json').contentHash, c.var.actor);
      if (!r.alreadyDecided) deps.onWorkQueued?.();
      return c.json({ alreadyDecided: r.alreadyDecided, case: await view(c.var.installation.id, caseId) });
    })
    .post('/cases/:caseId/proposals/:proposalId/deny', valid('json', DenySchema), async (c) => {
      const { caseId, proposalId } = c.req.param();
      const body = c.req.valid('json');
      const r = await deps.engine.deny(c.var.installation, caseId, proposalId, body.contentHash, c.var.actor, body.reason, body.note ?? null);
      return c.json({ alreadyDecided: r.alreadyDecided, case: await view(c.var.installation.id, caseId) });
    })
    .post('/cases/:caseId/escalate', valid('json', EscalateSchema), async (c) => {
      const caseId = c.req.param('caseId');
      await view(c.var.installation.id, caseId);
      await deps.engine.escalateByAgent(c.var.installation, caseId, c.var.actor, c.req.valid('json').note ?? null);
      return c.json(await view(c.var.installation.id, caseId));
    })
    .get('/cases/:caseId/audit', async (c) => {
      const caseId = c.req.param('caseId');
      await view(c.var.installation.id, caseId);
      const events = await deps.cases.listEvents(c.var.installation.id, caseId);
      const chain = await verifyChain(events);
      if (c.req.query('format') === 'jsonl') {
        c.header('content-disposition', `attachment; filename="case-${caseId}-audit.jsonl"`);
        return c.body(events.map((e) => JSON.stringify(e)).join('\n') + '\n', 200, { 'content-type': 'application/x-ndjson' });
      }
      return c.json({ caseId, chain, events });
    });
}
