// Operator routes: the scheduled job run (serverless cron) and installation registration.
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { MODES, RISK_TIERS, DEFAULT_SETTINGS } from '../../domain/settings.js';
import type { AppDeps, AppEnv } from '../AppDeps.js';
import { valid } from '../validate.js';

function requireBearer(header: string | undefined, secret: string | null) {
  if (!secret) throw new AppError('not_found', 'route disabled');
  const token = header?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token || token !== secret) throw new AppError('unauthorized', 'operator token required');
}

const ModeSchema = z.enum(MODES);
const SettingsSchema = z.object({
  autonomy: z.record(z.string(), z.partialRecord(z.enum(RISK_TIERS), ModeSchema)).default({}),
  defaultMode: ModeSchema.default(DEFAULT_SETTINGS.defaultMode),
  shadowMode: z.boolean().default(false),
  limits: z.object({
    currency: z.string().length(3).toLowerCase(),
    autoRefundCap: z.number().int().nonnegative(),
    perCaseSpendLimit: z.number().int().nonnegative(),
    perDaySpendLimit: z.number().int().nonnegative(),
  }).default(DEFAULT_SETTINGS.limits),
  noAutonomyTags: z.array(z.string()).default(DEFAULT_SETTINGS.noAutonomyTags),
  escalationGroupId: z.string().nullable().default(null),
  proactiveDelayOutreach: z.boolean().default(false),
});

export const InstallationInputSchema = z.object({
  id: z.string().min(1).max(100),
  subdomain: z.string().min(1),
  sharedSecret: z.string().min(16, 'shared secret must be at least 16 characters'),
  webhookSecret: z.string().min(16, 'webhook secret must be at least 16 characters'),
  connectors: z.object({
    zendesk: z.object({ baseUrl: z.url(), email: z.string().min(1), apiToken: z.string().min(1) }),
    stripe: z.object({ apiKey: z.string().min(1), apiBase: z.url().optional() }),
    oms: z.object({ baseUrl: z.url(), apiKey: z.string().min(1) }),
    entitlements: z.object({ baseUrl: z.url(), apiKey: z.string().min(1) }).optional(),
  }),
  settings: SettingsSchema.default(SettingsSchema.parse({})),
  policyId: z.string().default('standard-retail'),
  locale: z.string().default('en'),
});

/** `true`: every installation that opted in; a list: those (each must have opted in). */
const ScheduledRunSchema = z.object({ shippingDelayScan: z.union([z.literal(true), z.array(z.string().min(1)).max(100)]).default([]) });

export function operationRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/jobs/run', async (c) => {
      requireBearer(c.req.header('authorization'), deps.cronSecret);
      // Optional body: scan for delayed shipments first, in installations that opted in to outreach.
      const body = ScheduledRunSchema.safeParse(await c.req.json().catch(() => ({})));
      if (!body.success) throw new AppError('bad_request', 'body: { "shippingDelayScan": true | ["<installation id>", …] } or nothing');
      const ids = body.data.shippingDelayScan === true ? await deps.installations.listOptedInToDelayOutreach() : body.data.shippingDelayScan;
      const installations = await Promise.all(ids.map((id) => deps.installations.get(id)));
      const unknown = ids.filter((_, i) => !installations[i]);
      if (unknown.length) throw new AppError('bad_request', `unknown installation ${unknown.join(', ')}`);
      const notOptedIn = installations.filter((i) => i!.settings.proactiveDelayOutreach !== true).map((i) => i!.id);
      if (notOptedIn.length) throw new AppError('bad_request', `installation ${notOptedIn.join(', ')} has not opted in to proactive delay outreach (settings.proactiveDelayOutreach)`);
      for (const installation of installations) await deps.engine.requestDelayScan(installation!);
      return c.json({ ran: await deps.runner.drain(20), ...(installations.length ? { scanned: installations.length } : {}) });
    })
    .put('/installations/:id', valid('json', InstallationInputSchema), async (c) => {
      requireBearer(c.req.header('authorization'), deps.adminToken);
      const input = c.req.valid('json');
      if (input.id !== c.req.param('id')) throw new AppError('bad_request', 'id in the body must match the URL');
      if (!deps.catalog.policies.some((p) => p.id === input.policyId)) throw new AppError('bad_request', `unknown policy ${input.policyId}`);
      await deps.installations.save(input);
      return c.json({ id: input.id, saved: true });
    });
}
