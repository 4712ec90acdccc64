// Renders entitlements state as the API's resources (docs/entitlements-api.md): the plan summary,
// the features in effect and the deep link are derived here so the stored world stays minimal.
import type { EntAccount, EntPlan } from './EntitlementsWorld.js';

export function planJson(p: EntPlan) {
  return { id: p.id, object: 'plan', name: p.name, seats: p.seats, features: [...p.features], stripe_price_id: p.stripe_price_id };
}

export function accountJson(a: EntAccount, plan: EntPlan, adminUrl: string) {
  return {
    id: a.id,
    object: 'account',
    url: `${adminUrl}/admin/accounts/${encodeURIComponent(a.id)}`,
    name: a.name,
    owner_email: a.owner_email,
    billing: { ...a.billing },
    plan: { id: plan.id, name: plan.name, seats: plan.seats },
    status: a.status,
    lock_reason: a.lock_reason,
    locked_at: a.locked_at,
    // A locked account keeps its plan but can use none of it until the lock is lifted.
    features: a.status === 'active' ? [...plan.features] : [],
    created_at: a.created_at,
    updated_at: a.updated_at ?? a.created_at,
    audit: a.audit.map((e) => ({ ...e, changes: e.changes.map((c) => ({ ...c })) })),
  };
}
