// Billing actions (Stripe through the BillingGateway port).
import { ok } from '../../domain/result.js';
import { isMoney } from '../../domain/rules.js';
import { stringParam, type ActionHandler } from './ActionHandler.js';

export const refund: ActionHandler = {
  async execute(c, p, key, trace) {
    const chargeId = stringParam(p, 'chargeId');
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
