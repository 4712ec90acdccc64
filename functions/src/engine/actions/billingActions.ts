// Billing actions (Stripe through the BillingGateway port).
import { ok } from '../../domain/result.js';
import type { Proposal } from '../../domain/proposal.js';
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

function boolParam(p: Proposal, name: string): boolean {
  const v = p.action.params[name];
  if (typeof v !== 'boolean') throw new Error(`action parameter ${name} must be a boolean`);
  return v;
}

/** Cancels a subscription now (crediting unused time when `prorate`) or at the end of its period. */
export const cancelSubscription: ActionHandler = {
  async execute(c, p, key, trace) {
    const subscriptionId = stringParam(p, 'subscriptionId');
    const options = { prorate: boolParam(p, 'prorate'), atPeriodEnd: boolParam(p, 'atPeriodEnd') };
    const r = await trace.call(
      'stripe',
      'cancel_subscription',
      { subscriptionId, ...options, idempotencyKey: key },
      () => c.billing.cancelSubscription(subscriptionId, options, key),
      (s) => ({ status: s.status, cancelAtPeriodEnd: s.cancelAtPeriodEnd }),
    );
    if (!r.ok) return r;
    return ok({ externalId: subscriptionId, output: { status: r.value.status, cancelAtPeriodEnd: r.value.cancelAtPeriodEnd, canceledAt: r.value.canceledAt } });
  },
  async verify(c, p, subscriptionId, trace) {
    const r = await trace.call('stripe', 'get_subscription', { subscriptionId }, () => c.billing.getSubscription(subscriptionId), (s) => ({ status: s.status, cancelAtPeriodEnd: s.cancelAtPeriodEnd }));
    if (!r.ok) return r;
    const s = r.value;
    if (s.status === 'canceled') return ok({ state: 'confirmed', detail: `subscription ${subscriptionId} is canceled` });
    if (boolParam(p, 'atPeriodEnd') && s.cancelAtPeriodEnd) return ok({ state: 'confirmed', detail: `subscription ${subscriptionId} ends at ${s.currentPeriodEnd}` });
    return ok({ state: 'failed', detail: `subscription ${subscriptionId} is ${s.status}${s.cancelAtPeriodEnd ? ', ending at period end' : ''}` });
  },
};

/** Moves a subscription to another price, with the proration the billing adapter applies. */
export const changePlan: ActionHandler = {
  async execute(c, p, key, trace) {
    const subscriptionId = stringParam(p, 'subscriptionId');
    const newPriceId = stringParam(p, 'newPriceId');
    // Already on the new price (a change made under this key before a crash): nothing to do again.
    const current = await trace.call('stripe', 'get_subscription', { subscriptionId }, () => c.billing.getSubscription(subscriptionId), (s) => ({ priceId: s.items[0]?.priceId ?? null }));
    if (!current.ok) return current;
    if (current.value.items[0]?.priceId === newPriceId) return ok({ externalId: subscriptionId, output: { priceId: newPriceId, reused: true } });
    const r = await trace.call(
      'stripe',
      'change_price',
      { subscriptionId, newPriceId, idempotencyKey: key },
      () => c.billing.changePrice(subscriptionId, newPriceId, key),
      (s) => ({ priceId: s.items[0]?.priceId ?? null }),
    );
    if (!r.ok) return r;
    return ok({ externalId: subscriptionId, output: { priceId: r.value.items[0]?.priceId ?? null, status: r.value.status } });
  },
  async verify(c, p, subscriptionId, trace) {
    const newPriceId = stringParam(p, 'newPriceId');
    const r = await trace.call('stripe', 'get_subscription', { subscriptionId }, () => c.billing.getSubscription(subscriptionId), (s) => ({ priceId: s.items[0]?.priceId ?? null }));
    if (!r.ok) return r;
    const priceId = r.value.items[0]?.priceId ?? null;
    return priceId === newPriceId
      ? ok({ state: 'confirmed', detail: `subscription ${subscriptionId} is on ${newPriceId}` })
      : ok({ state: 'failed', detail: `subscription ${subscriptionId} is on ${priceId}, not ${newPriceId}` });
  },
};
