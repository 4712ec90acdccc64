// Zendesk webhook intake: verify the signature over the raw body, then open/continue the case and
// queue the investigation. Acknowledges fast; the work runs in the background.
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { AppDeps, AppEnv } from '../AppDeps.js';
import { verifyZendeskSignature } from '../auth/webhookSignature.js';

const MAX_BODY = 256 * 1024;

const ZendeskEventSchema = z.object({
  type: z.string().min(1),
  id: z.string().optional(),
  detail: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
  event: z.object({ comment: z.object({ author: z.object({ is_staff: z.boolean().optional() }).optional() }).optional() }).optional(),
});

/**
 * A comment written by staff — our own notes and replies (the API user is an agent), or a human
 * agent's — is not the customer speaking: it does not reopen the investigation. Without this, a
 * ticket whose requester is the API user itself would answer each of our questions with another.
 */
function staffComment(e: z.infer<typeof ZendeskEventSchema>): boolean {
  return e.type.endsWith('comment_added') && e.event?.comment?.author?.is_staff === true;
}

export function webhookRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/zendesk/:installationId', async (c) => {
    const installation = await deps.installations.get(c.req.param('installationId'));
    // Same answer as a bad signature, so the route does not reveal which installations exist.
    if (!installation) throw new AppError('invalid_signature', 'webhook signature does not match');
    const body = await c.req.text();
    if (body.length > MAX_BODY) throw new AppError('payload_too_large', 'webhook body too large');
    await verifyZendeskSignature({
      secret: installation.webhookSecret,
      signature: c.req.header('x-zendesk-webhook-signature'),
      timestamp: c.req.header('x-zendesk-webhook-signature-timestamp'),
      body,
      now: deps.clock.now(),
    });
    let parsed: z.infer<typeof ZendeskEventSchema>;
    try {
      parsed = ZendeskEventSchema.parse(JSON.parse(body));
    } catch {
      throw new AppError('bad_request', 'webhook body is not a Zendesk ticket event (needs type and detail.id)');
    }
    const deliveryId = c.req.header('x-zendesk-webhook-invocation-id') ?? parsed.id;
    if (!deliveryId) throw new AppError('bad_request', 'webhook has no invocation id');
    if (staffComment(parsed)) return c.json({ caseId: null, duplicate: false, ignored: 'staff_comment' }, 202);
    const result = await deps.engine.intake(installation, { ticketId: parsed.detail.id, deliveryId, eventType: parsed.type });
    if (!result.duplicate) deps.onWorkQueued?.();
    return c.json({ caseId: result.caseId, duplicate: result.duplicate }, 202);
  });
}
