// EntitlementSystem port over the entitlements HTTP contract (docs/entitlements-api.md): Bearer API
// key, global fetch, the caller's idempotency key sent as Idempotency-Key on every write.
import type { ConnectorError } from '../../domain/connectorError.js';
import { ok, type Result } from '../../domain/result.js';
import type { EntitlementAccount, EntitlementChange, EntitlementResult, EntitlementSystem, Plan } from '../../ports/EntitlementSystem.js';
import { decode, fetchJson, type JsonRequest } from '../http/fetchJson.js';
import type { VendorCodeMap } from '../http/mapHttpFailure.js';
import { AccountListSchema, AccountSchema, PlanListSchema, toAccount, toPlan } from './entitlementsResources.js';

export interface HttpEntitlementSystemConfig {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

/**
 * 409 codes by which the system refuses the operation itself (the account is not in a state that
 * allows it): retrying cannot succeed, so they are `declined`. Any other 409 is a race (`conflict`).
 */
export const ENTITLEMENTS_ERROR_CODES: VendorCodeMap = {
  already_active: 'declined',
  account_cancelled: 'declined',
  account_suspended: 'declined',
  manual_lock: 'declined',
  already_on_plan: 'declined',
  idempotency_key_reused: 'idempotency_conflict',
};

const PAGE_SIZE = 100;
const MAX_PAGES = 10;

export class HttpEntitlementSystem implements EntitlementSystem {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  constructor(config: HttpEntitlementSystemConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.apiKey = config.apiKey;
    this.timeoutMs = config.timeoutMs ?? 10_000;
  }

  async getAccount(id: string): EntitlementResult<EntitlementAccount> {
    return this.account(await this.call('GET', `/v1/accounts/${encodeURIComponent(id)}`));
  }

  findAccountsByEmail(email: string): EntitlementResult<EntitlementAccount[]> {
    return this.findAccounts({ email });
  }

  findAccountsByBillingCustomer(customerId: string): EntitlementResult<EntitlementAccount[]> {
    return this.findAccounts({ stripe_customer_id: customerId });
  }

  async unlockAccount(id: string, change: EntitlementChange, idempotencyKey: string): EntitlementResult<EntitlementAccount> {
    const body = { reason: change.reason, evidence_ref: change.evidenceRef };
    return this.account(await this.call('POST', `/v1/accounts/${encodeURIComponent(id)}/unlock`, body, idempotencyKey));
  }

  async setPlan(id: string, change: EntitlementChange & { planId: string }, idempotencyKey: string): EntitlementResult<EntitlementAccount> {
    const body = { plan_id: change.planId, reason: change.reason, evidence_ref: change.evidenceRef };
    return this.account(await this.call('POST', `/v1/accounts/${encodeURIComponent(id)}/plan`, body, idempotencyKey));
  }

  async listPlans(): EntitlementResult<Plan[]> {
    const res = await this.call('GET', '/v1/plans');
    if (!res.ok) return res;
    const list = decode('entitlements', PlanListSchema, res.value);
    return list.ok ? ok(list.value.data.map(toPlan)) : list;
  }

  private async findAccounts(filter: Record<string, string>): EntitlementResult<EntitlementAccount[]> {
    const accounts: EntitlementAccount[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ ...filter, limit: String(PAGE_SIZE), ...(after ? { starting_after: after } : {}) });
      const res = await this.call('GET', `/v1/accounts?${query}`);
      if (!res.ok) return res;
      const list = decode('entitlements', AccountListSchema, res.value);
      if (!list.ok) return list;
      accounts.push(...list.value.data.map(toAccount));
      after = list.value.data.at(-1)?.id ?? null;
      if (!list.value.has_more || !after) break;
    }
    return ok(accounts);
  }

  private account(res: Result<unknown, ConnectorError>): Result<EntitlementAccount, ConnectorError> {
    if (!res.ok) return res;
    const account = decode('entitlements', AccountSchema, res.value);
    return account.ok ? ok(toAccount(account.value)) : account;
  }

  private async call(method: JsonRequest['method'], path: string, body?: unknown, idempotencyKey?: string): Promise<Result<unknown, ConnectorError>> {
    const res = await fetchJson({
      system: 'entitlements',
      method,
      url: `${this.baseUrl}${path}`,
      headers: { authorization: `Bearer ${this.apiKey}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      ...(body === undefined ? {} : { body }),
      timeoutMs: this.timeoutMs,
      vendorCodes: ENTITLEMENTS_ERROR_CODES,
    });
    return res.ok ? ok(res.value.body) : res;
  }
}
