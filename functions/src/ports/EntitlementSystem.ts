// What the engine needs from the product's admin / entitlement system (the HTTP contract in
// docs/entitlements-api.md): who has which plan, whether their account is usable, and the two
// corrections a "paid but locked" case makes — lift a lock, or set the plan billing says they pay for.
import type { ConnectorError } from '../domain/connectorError.js';
import type { Result } from '../domain/result.js';

export type EntitlementResult<T> = Promise<Result<T, ConnectorError>>;

export type AccountStatus = 'active' | 'locked' | 'suspended' | 'cancelled';
export type LockReason = 'payment_failed' | 'trial_expired' | 'manual';

export interface Plan {
  id: string;
  name: string;
  seats: number;
  features: string[];
  /** The billing system's (Stripe) price that pays for this plan; null for free plans. */
  billingPriceId: string | null;
}

export interface AccountAuditEntry {
  id: string;
  at: string; // ISO-8601
  /** Who made the change: a person, or the name of the API key that called. */
  actor: string;
  action: string; // account.created | account.locked | account.unlocked | plan.changed | …
  reason: string;
  evidenceRef: string | null;
  changes: { field: string; from: string | null; to: string | null }[];
}

export interface EntitlementAccount {
  id: string;
  name: string;
  ownerEmail: string;
  /** The account's ids in the billing system (Stripe); null when it has none (free accounts). */
  billing: { customerId: string | null; subscriptionId: string | null };
  plan: { id: string; name: string; seats: number };
  status: AccountStatus;
  /** Set exactly when status is `locked`. */
  lockReason: LockReason | null;
  lockedAt: string | null;
  /** What the account can use right now: its plan's features while active, none otherwise. */
  features: string[];
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  audit: AccountAuditEntry[];
  link: string;
}

export interface EntitlementChange {
  reason: string;
  /** Where the justification lives, e.g. `stripe:in_…` — stored in the account's audit. */
  evidenceRef: string;
}

export interface EntitlementSystem {
  getAccount(id: string): EntitlementResult<EntitlementAccount>;
  /** Every account the address owns (an owner may have several); none is an empty list. */
  findAccountsByEmail(email: string): EntitlementResult<EntitlementAccount[]>;
  /** Every account billed to this billing-system customer; none is an empty list. */
  findAccountsByBillingCustomer(customerId: string): EntitlementResult<EntitlementAccount[]>;
  /** Lifts a lock. `declined` when the account is not locked, is cancelled or suspended, or was locked by a person. */
  unlockAccount(id: string, change: EntitlementChange, idempotencyKey: string): EntitlementResult<EntitlementAccount>;
  /** Moves the account to `planId` (the plan billing says is paid for); a lock is left as it is. */
  setPlan(id: string, change: EntitlementChange & { planId: string }, idempotencyKey: string): EntitlementResult<EntitlementAccount>;
  listPlans(): EntitlementResult<Plan[]>;
}
