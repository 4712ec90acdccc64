// The resources of docs/entitlements-api.md as the adapter reads them, and their translation into
// the EntitlementSystem port's camelCase types. Unknown fields are ignored; enums are checked.
import { z } from 'zod';
import type { EntitlementAccount, Plan } from '../../ports/EntitlementSystem.js';

const Nullable = z.string().nullable().optional().transform((v) => v ?? null);

export const PlanSchema = z.object({
  id: z.string(),
  name: z.string(),
  seats: z.number().int(),
  features: z.array(z.string()),
  stripe_price_id: Nullable,
});

export const AccountSchema = z.object({
  id: z.string(),
  url: z.string(),
  name: z.string(),
  owner_email: z.string(),
  billing: z.object({ stripe_customer_id: Nullable, stripe_subscription_id: Nullable }),
  plan: z.object({ id: z.string(), name: z.string(), seats: z.number().int() }),
  status: z.enum(['active', 'locked', 'suspended', 'cancelled']),
  lock_reason: z.enum(['payment_failed', 'trial_expired', 'manual']).nullable(),
  locked_at: Nullable,
  features: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  audit: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      reason: z.string(),
      evidence_ref: Nullable,
      changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    }),
  ),
});

export const AccountListSchema = z.object({ data: z.array(AccountSchema), has_more: z.boolean() });
export const PlanListSchema = z.object({ data: z.array(PlanSchema) });

export function toPlan(p: z.output<typeof PlanSchema>): Plan {
  return { id: p.id, name: p.name, seats: p.seats, features: p.features, billingPriceId: p.stripe_price_id };
}

export function toAccount(a: z.output<typeof AccountSchema>): EntitlementAccount {
  return {
    id: a.id,
    name: a.name,
    ownerEmail: a.owner_email,
    billing: { customerId: a.billing.stripe_customer_id, subscriptionId: a.billing.stripe_subscription_id },
    plan: a.plan,
    status: a.status,
    lockReason: a.lock_reason,
    lockedAt: a.locked_at,
    features: a.features,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    audit: a.audit.map((e) => ({ id: e.id, at: e.at, actor: e.actor, action: e.action, reason: e.reason, evidenceRef: e.evidence_ref, changes: e.changes })),
    link: a.url,
  };
}
