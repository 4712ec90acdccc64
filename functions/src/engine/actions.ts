// How each action type is executed and then verified against its system of record.
// Every write carries the proposal's idempotency key, so a retry after a crash, a timeout or a
// redelivered job replays instead of acting twice.
import { connectorError, type ConnectorError } from '../domain/connectorError.js';
import { isMoney } from '../domain/rules.js';
import type { ActionType } from '../domain/playbook.js';
import type { Proposal } from '../domain/proposal.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Connectors } from './EngineDeps.js';
import type { ToolTrace } from './traced.js';

export type Verification = { state: 'confirmed' | 'pending' | 'failed'; detail: string };

export interface ActionHandler {
  execute(c: Connectors, p: Proposal, key: string, trace: ToolTrace): Promise<Result<{ externalId: string; output: Record<string, unknown> }, ConnectorError>>;
  verify(c: Connectors, p: Proposal, externalId: string, trace: ToolTrace): Promise<Result<Verification, ConnectorError>>;
}

const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string' || v.length === 0) throw new Error(`action parameter ${name} must be a non-empty string`);
  return v;
};

const refund: ActionHandler = {
  async execute(c, p, key, trace) {
    const chargeId = str(p.action.params['chargeId'], 'chargeId');
    const amount = p.action.amount;
    if (!amount || !isMoney(amount)) throw new Error('billing.refund needs an amount');
    // A refund made under this key earlier (even beyond the billing system's own idempotency
    // window) is found by its metadata and reused rather than made again.
    const existing = await trace.call('stripe', 'list_refunds', { chargeId }, () => c.billing.listRefunds(chargeId), (r) => ({ count: r.length }));
    if (!existing.ok) return existing;
    const prior = existing.value.find((r) => r.metadata['idempotency_key'] === key && r.status !== 'failed' && r.status !== 'canceled');
    if (prior) return ok({ externalId: prior.id, output: { refundId: prior.id, status: prior.status, reused: true } });
    const created = await trace.call(
      'stripe',
      'create_refund',
      { chargeId, amount, idempotencyKey: key },
      () => c.billing.createRefund({ chargeId, amount, reason: 'requested_by_customer', metadata: { idempotency_key: key, order_id: String(p.action.params['orderId'] ?? '') } }, key),
      (r) => ({ refundId: r.id, status: r.status }),
    );
    if (!created.ok) return created;
    return ok({ externalId: created.value.id, output: { refundId: created.value.id, status: created.value.status } });
  },
  async verify(c, _p, refundId, trace) {
    const r = await trace.call('stripe', 'get_refund', { refundId }, () => c.billing.getRefund(refundId), (x) => ({ status: x.status }));
    if (!r.ok) return r;
    const status = r.value.status;
    if (status === 'succeeded') return ok({ state: 'confirmed', detail: `refund ${refundId} succeeded` });
    if (status === 'pending' || status === 'requires_action') return ok({ state: 'pending', detail: `refund ${refundId} is ${status}` });
    return ok({ state: 'failed', detail: `refund ${refundId} is ${status}` });
  },
};

const cancelOrder: ActionHandler = {
  async execute(c, p, key, trace) {
    const orderId = str(p.action.params['orderId'], 'orderId');
    const reason = typeof p.action.params['reason'] === 'string' ? (p.action.params['reason'] as string) : 'customer_request';
    const r = await trace.call('oms', 'cancel_order', { orderId, reason, idempotencyKey: key }, () => c.orders.cancelOrder(orderId, reason, key), (o) => ({ status: o.status }));
    if (!r.ok) return r;
    return ok({ externalId: orderId, output: { status: r.value.status } });
  },
  async verify(c, _p, orderId, trace) {
    const r = await trace.call('oms', 'get_order', { orderId }, () => c.orders.getOrder(orderId), (o) => ({ status: o.status }));
    if (!r.ok) return r;
    return r.value.status === 'cancelled'
      ? ok({ state: 'confirmed', detail: `order ${orderId} is cancelled` })
      : ok({ state: 'failed', detail: `order ${orderId} is ${r.value.status}, not cancelled` });
  },
};

const unlockAccount: ActionHandler = {
  async execute(c, p, key, trace) {
    if (!c.entitlements) return err(connectorError('entitlements', 'invalid_request', 'no entitlement system is connected'));
    const system = c.entitlements;
    const accountId = str(p.action.params['accountId'], 'accountId');
    const change = { reason: str(p.action.params['reason'], 'reason'), evidenceRef: str(p.action.params['evidenceRef'], 'evidenceRef') };
    const r = await trace.call('entitlements', 'unlock_account', { accountId, ...change, idempotencyKey: key }, () => system.unlockAccount(accountId, change, key), (a) => ({ status: a.status }));
    if (!r.ok) return r;
    return ok({ externalId: accountId, output: { status: r.value.status } });
  },
  async verify(c, _p, accountId, trace) {
    if (!c.entitlements) return err(connectorError('entitlements', 'invalid_request', 'no entitlement system is connected'));
    const system = c.entitlements;
    const r = await trace.call('entitlements', 'get_account', { accountId }, () => system.getAccount(accountId), (a) => ({ status: a.status }));
    if (!r.ok) return r;
    return r.value.status === 'active'
      ? ok({ state: 'confirmed', detail: `account ${accountId} is active` })
      : ok({ state: 'failed', detail: `account ${accountId} is ${r.value.status}` });
  },
};

export const ACTION_HANDLERS: Record<ActionType, ActionHandler> = {
  'billing.refund': refund,
  'orders.cancel': cancelOrder,
  'entitlements.unlock': unlockAccount,
};

export function handlerFor(type: string): Result<ActionHandler, string> {
  const h = (ACTION_HANDLERS as Record<string, ActionHandler | undefined>)[type];
  return h ? ok(h) : err(`no handler for action type ${type}`);
}
