// The seed/dump format of the entitlements sandbox: API keys, plans and accounts in the snake_case
// shapes of docs/entitlements-api.md, except that an account stores its `plan_id` (the API renders
// `plan` and `features` from the plans). Times are ISO-8601 strings so sandbox/kit/rebaseDates.ts
// can shift a whole world.
import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });

export const ACCOUNT_STATUSES = ['active', 'locked', 'suspended', 'cancelled'] as const;
export const LOCK_REASONS = ['payment_failed', 'trial_expired', 'manual'] as const;

export const EntPlanSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  seats: z.number().int().positive(),
  features: z.array(z.string()).default([]),
  stripe_price_id: z.string().nullable().default(null),
});

export const EntAuditEntrySchema = z.object({
  id: z.string(),
  at: Iso,
  actor: z.string(),
  action: z.string(),
  reason: z.string(),
  evidence_ref: z.string().nullable().default(null),
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })).default([]),
});

export const EntAccountSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  owner_email: z.string().min(3),
  billing: z
    .object({
      stripe_customer_id: z.string().nullable().default(null),
      stripe_subscription_id: z.string().nullable().default(null),
    })
    .default({ stripe_customer_id: null, stripe_subscription_id: null }),
  plan_id: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  lock_reason: z.enum(LOCK_REASONS).nullable().default(null),
  locked_at: Iso.nullable().default(null),
  created_at: Iso,
  updated_at: Iso.optional(),
  audit: z.array(EntAuditEntrySchema).default([]),
});

export const EntitlementsWorldSchema = z
  .object({
    now: Iso.optional(),
    api_keys: z
      .array(
        z.object({
          key: z.string().min(1),
          /** Becomes the `actor` of the audit entries this key's writes create. */
          name: z.string().min(1).default('api'),
          scope: z.enum(['read_write', 'read_only']).default('read_write'),
        }),
      )
      .min(1),
    /** Base of the `url` deep links; defaults to the sandbox's own origin (it serves /admin/accounts/{id}). */
    admin_url: z.string().optional(),
    plans: z.array(EntPlanSchema).min(1),
    accounts: z.array(EntAccountSchema).default([]),
  })
  // A world the API could never produce would make tests pass against states that cannot happen.
  .superRefine((w, ctx) => {
    const dup = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
    for (const id of dup(w.plans.map((p) => p.id))) ctx.addIssue({ code: 'custom', path: ['plans'], message: `duplicate plan id ${id}` });
    for (const id of dup(w.accounts.map((a) => a.id))) ctx.addIssue({ code: 'custom', path: ['accounts'], message: `duplicate account id ${id}` });
    w.accounts.forEach((a, i) => {
      if (!w.plans.some((p) => p.id === a.plan_id)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'plan_id'], message: `no plan ${a.plan_id}` });
      const locked = a.status === 'locked';
      if (locked !== (a.lock_reason !== null)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'lock_reason'], message: 'lock_reason is set exactly when status is locked' });
      if (!locked && a.locked_at !== null) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'locked_at'], message: 'locked_at is null unless status is locked' });
    });
  });

export type EntitlementsWorld = z.input<typeof EntitlementsWorldSchema>;
export type ParsedEntitlementsWorld = z.output<typeof EntitlementsWorldSchema>;
export type EntAccount = z.output<typeof EntAccountSchema>;
export type EntPlan = z.output<typeof EntPlanSchema>;
export type EntAuditEntry = z.output<typeof EntAuditEntrySchema>;
export type EntApiKey = ParsedEntitlementsWorld['api_keys'][number];
