// In-memory state of the entitlements sandbox and the account state rules of the contract
// (docs/entitlements-api.md): only a `locked` account whose lock was not placed by a person can be
// unlocked over the API, a cancelled account changes no more, and every change appends an audit
// entry naming the API key that made it.
import { z } from 'zod';
import { EntitlementsWorldSchema, type EntAccount, type EntApiKey, type EntAuditEntry, type EntitlementsWorld, type EntPlan, type ParsedEntitlementsWorld } from './EntitlementsWorld.js';

export interface EntFailure {
  status: 400 | 404 | 409 | 422;
  code: string;
  message: string;
  details?: unknown;
}
export type EntOutcome<T> = { ok: true; status: 200; value: T } | { ok: false; failure: EntFailure };

const Text = z.string().trim().min(1).max(500);
const UnlockInput = z.object({ reason: Text, evidence_ref: Text });
const PlanInput = z.object({ plan_id: z.string().min(1).max(255), reason: Text, evidence_ref: Text });

const fail = (status: EntFailure['status'], code: string, message: string, details?: unknown): { ok: false; failure: EntFailure } => ({
  ok: false,
  failure: { status, code, message, ...(details === undefined ? {} : { details }) },
});

function validate<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; failure: EntFailure } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  return fail(422, 'validation_failed', `invalid request body: ${details.map((d) => `${d.field || 'body'} ${d.message}`).join('; ')}`, details);
}

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class EntitlementsStore {
  private world!: ParsedEntitlementsWorld;
  private auditSeq = 0;

  constructor(
    seed: EntitlementsWorld,
    private readonly now: () => Date,
  ) {
    this.reset(seed);
  }

  reset(seed: unknown): void {
    // Cloned so that changes never reach back into the seed a later reset starts from.
    this.world = EntitlementsWorldSchema.parse(structuredClone(seed));
    const num = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
    this.auditSeq = Math.max(0, ...this.world.accounts.flatMap((a) => a.audit.map((e) => num(e.id))));
  }

  get adminUrl(): string | undefined {
    return this.world.admin_url;
  }

  apiKey(key: string): EntApiKey | undefined {
    return this.world.api_keys.find((k) => k.key === key);
  }

  account(id: string): EntAccount | undefined {
    return this.world.accounts.find((a) => a.id === id);
  }

  plan(id: string): EntPlan | undefined {
    return this.world.plans.find((p) => p.id === id);
  }

  plans(): EntPlan[] {
    return this.world.plans;
  }

  /** Ordered by id; `startingAfter` is the id of the last account of the previous page. */
  findAccounts(q: { email?: string; stripeCustomerId?: string; limit: number; startingAfter?: string }): EntOutcome<{ accounts: EntAccount[]; hasMore: boolean }> {
    if (!q.email && !q.stripeCustomerId) return fail(400, 'invalid_parameter', 'give email or stripe_customer_id (listing every account is not supported)');
    let found = [...this.world.accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (q.email) found = found.filter((a) => a.owner_email.toLowerCase() === q.email!.toLowerCase());
    if (q.stripeCustomerId) found = found.filter((a) => a.billing.stripe_customer_id === q.stripeCustomerId);
    if (q.startingAfter) {
      const i = found.findIndex((a) => a.id === q.startingAfter);
      if (i < 0) return fail(400, 'invalid_parameter', `starting_after: no account ${q.startingAfter} in this list`);
      found = found.slice(i + 1);
    }
    return { ok: true, status: 200, value: { accounts: found.slice(0, q.limit), hasMore: found.length > q.limit } };
  }

  unlock(id: string, body: unknown, actor: string): EntOutcome<EntAccount> {
    const a = this.account(id);
    if (!a) return notFound(id);
    const input = validate(UnlockInput, body);
    if (!input.ok) return input;
    if (a.status === 'active') return fail(409, 'already_active', `account ${id} is already active; nothing to unlock`);
    if (a.status === 'cancelled') return fail(409, 'account_cancelled', `account ${id} is cancelled and cannot be unlocked`);
    if (a.status === 'suspended') return fail(409, 'account_suspended', `account ${id} is suspended; only a person can lift a suspension, in the admin console`);
    if (a.lock_reason === 'manual') return fail(409, 'manual_lock', `account ${id} was locked by a person; only a person can unlock it`);
    const changes = [
      { field: 'status', from: a.status, to: 'active' },
      { field: 'lock_reason', from: a.lock_reason, to: null },
    ];
    Object.assign(a, { status: 'active', lock_reason: null, locked_at: null });
    this.audit(a, { actor, action: 'account.unlocked', reason: input.value.reason, evidence_ref: input.value.evidence_ref, changes });
    return { ok: true, status: 200, value: a };
  }

  setPlan(id: string, body: unknown, actor: string): EntOutcome<EntAccount> {
    const a = this.account(id);
    if (!a) return notFound(id);
    const input = validate(PlanInput, body);
    if (!input.ok) return input;
    const plan = this.plan(input.value.plan_id);
    if (!plan) return fail(422, 'unknown_plan', `no plan ${input.value.plan_id}; see GET /v1/plans`, [{ field: 'plan_id', message: 'unknown plan' }]);
    if (a.status === 'cancelled') return fail(409, 'account_cancelled', `account ${id} is cancelled; its plan cannot change`);
    if (a.plan_id === plan.id) return fail(409, 'already_on_plan', `account ${id} is already on plan ${plan.id}`);
    const changes = [{ field: 'plan_id', from: a.plan_id, to: plan.id }];
    a.plan_id = plan.id;
    this.audit(a, { actor, action: 'plan.changed', reason: input.value.reason, evidence_ref: input.value.evidence_ref, changes });
    return { ok: true, status: 200, value: a };
  }

  dump(): ParsedEntitlementsWorld {
    return structuredClone(this.world);
  }

  private audit(a: EntAccount, entry: Omit<EntAuditEntry, 'id' | 'at'>): void {
    const at = isoSeconds(this.now());
    a.audit.push({ id: `AUD-${++this.auditSeq}`, at, ...entry });
    a.updated_at = at;
  }
}

function notFound(id: string): { ok: false; failure: EntFailure } {
  return fail(404, 'account_not_found', `no account ${id}`);
}
