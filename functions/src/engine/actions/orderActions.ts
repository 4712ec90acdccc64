// Order-system actions (the OMS through the OrderSystem port).
import { ok } from '../../domain/result.js';
import type { Address, ItemChange } from '../../ports/OrderSystem.js';
import { stringParam, type ActionHandler } from './ActionHandler.js';

export const cancelOrder: ActionHandler = {
  async execute(c, p, key, trace) {
    const orderId = stringParam(p, 'orderId');
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

function optionalString(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function stringListParam(p: Parameters<ActionHandler['execute']>[1], name: string): string[] {
  const v = p.action.params[name];
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && x.length > 0)) throw new Error(`action parameter ${name} must be a non-empty list of strings`);
  return v as string[];
}

/** A return authorization (RMA) with a prepaid label; verified by re-reading the order's returns. */
export const createReturn: ActionHandler = {
  async execute(c, p, key, trace) {
    const orderId = stringParam(p, 'orderId');
    const lineItemIds = stringListParam(p, 'lineItemIds');
    const reason = optionalString(p.action.params['reason']) ?? 'customer_request';
    const r = await trace.call('oms', 'create_return', { orderId, lineItemIds, reason, idempotencyKey: key }, () => c.orders.createReturn(orderId, { lineItemIds, reason }, key), (rma) => ({ id: rma.id, status: rma.status }));
    if (!r.ok) return r;
    return ok({ externalId: r.value.id, output: { rmaId: r.value.id, labelUrl: r.value.labelUrl, status: r.value.status, lineItemIds: r.value.lineItemIds } });
  },
  async verify(c, p, rmaId, trace) {
    const orderId = stringParam(p, 'orderId');
    const r = await trace.call('oms', 'get_order', { orderId }, () => c.orders.getOrder(orderId), (o) => ({ status: o.status, returns: o.returns.map((x) => ({ id: x.id, status: x.status })) }));
    if (!r.ok) return r;
    const rma = r.value.returns.find((x) => x.id === rmaId);
    if (!rma || rma.status === 'cancelled') return ok({ state: 'failed', detail: `order ${orderId} has no open return ${rmaId}` });
    const wanted = stringListParam(p, 'lineItemIds');
    if (!wanted.every((li) => rma.lineItemIds.includes(li))) return ok({ state: 'failed', detail: `return ${rmaId} does not cover ${wanted.join(', ')}` });
    if (!rma.labelUrl || rma.status === 'authorized') return ok({ state: 'pending', detail: `return ${rmaId} is ${rma.status}; no label issued yet` });
    return ok({ state: 'confirmed', detail: `return ${rmaId} on order ${orderId} is ${rma.status} with label ${rma.labelUrl}` });
  },
};

function addressParam(p: Parameters<ActionHandler['execute']>[1]): Address {
  const name = optionalString(p.action.params['name']);
  return {
    ...(name ? { name } : {}),
    line1: stringParam(p, 'line1'),
    line2: optionalString(p.action.params['line2']),
    city: stringParam(p, 'city'),
    state: optionalString(p.action.params['state']),
    postalCode: stringParam(p, 'postalCode'),
    country: stringParam(p, 'country'),
  };
}

const norm = (v: string | null | undefined) => (v ?? '').trim().toLowerCase();

/** The address the order ships to, changed before shipment; verified by re-reading the order. */
export const updateAddress: ActionHandler = {
  async execute(c, p, key, trace) {
    const orderId = stringParam(p, 'orderId');
    const address = addressParam(p);
    const r = await trace.call('oms', 'update_shipping_address', { orderId, address, idempotencyKey: key }, () => c.orders.updateShippingAddress(orderId, address, key), (o) => ({ status: o.status }));
    if (!r.ok) return r;
    return ok({ externalId: orderId, output: { status: r.value.status } });
  },
  async verify(c, p, orderId, trace) {
    const want = addressParam(p);
    const r = await trace.call('oms', 'get_order', { orderId }, () => c.orders.getOrder(orderId), (o) => ({ shippingAddress: o.shippingAddress }));
    if (!r.ok) return r;
    const got = r.value.shippingAddress;
    const fields = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const;
    const differs = fields.filter((f) => norm(got[f]) !== norm(want[f]));
    return differs.length === 0
      ? ok({ state: 'confirmed', detail: `order ${orderId} now ships to ${got.line1}, ${got.city} ${got.postalCode}, ${got.country}` })
      : ok({ state: 'failed', detail: `order ${orderId} address differs in ${differs.join(', ')}` });
  },
};

/**
 * A τ²-style return of delivered items, refunded to the original payment method or a gift card by
 * the OMS itself; verified by re-reading the order's return request.
 */
export const returnItems: ActionHandler = {
  async execute(c, p, key, trace) {
    const orderId = stringParam(p, 'orderId');
    const lineItemIds = stringListParam(p, 'lineItemIds');
    const refundPaymentMethodId = stringParam(p, 'refundPaymentMethodId');
    const r = await trace.call('oms', 'return_delivered_items', { orderId, lineItemIds, refundPaymentMethodId, idempotencyKey: key },
      () => c.orders.returnDeliveredItems(orderId, { lineItemIds, refundPaymentMethodId }, key), (o) => ({ status: o.status }));
    if (!r.ok) return r;
    return ok({ externalId: orderId, output: { status: r.value.status } });
  },
  async verify(c, p, orderId, trace) {
    const r = await trace.call('oms', 'get_order', { orderId }, () => c.orders.getOrder(orderId), (o) => ({ status: o.status }));
    if (!r.ok) return r;
    const req = r.value.returnRequest;
    const wanted = stringListParam(p, 'lineItemIds');
    const covered = !!req && wanted.every((li) => req.lineItemIds.includes(li)) && req.refundPaymentMethodId === stringParam(p, 'refundPaymentMethodId');
    return r.value.status === 'return_requested' && covered
      ? ok({ state: 'confirmed', detail: `order ${orderId} has a return request for ${wanted.join(', ')}` })
      : ok({ state: 'failed', detail: `order ${orderId} is ${r.value.status} without the requested return` });
  },
};

/** Line items paired with the variants they change to (`lineItemIds[i]` → `newSkus[i]`). */
function itemChangesParam(p: Parameters<ActionHandler['execute']>[1]): ItemChange[] {
  const lineItemIds = stringListParam(p, 'lineItemIds');
  const newSkus = stringListParam(p, 'newSkus');
  if (newSkus.length !== lineItemIds.length) throw new Error('action parameters lineItemIds and newSkus must pair up');
  return lineItemIds.map((lineItemId, i) => ({ lineItemId, newSku: newSkus[i]! }));
}

/** A pending order's payment moved to another of the customer's methods; verified by re-reading its payment history. */
export const modifyPayment: ActionHandler = {
  async execute(c, p, key, trace) {
    const orderId = stringParam(p, 'orderId');
    const paymentMethodId = stringParam(p, 'paymentMethodId');
    const r = await trace.call('oms', 'modify_pending_order_payment', { orderId, paymentMethodId, idempotencyKey: key },
      () => c.orders.modifyPendingOrderPayment(orderId, paymentMethodId, key), (o) => ({ status: o.status }));
    if (!r.ok) return r;
    return ok({ externalId: orderId, output: { status: r.value.status } });
  },
  async verify(c, p, orderId, trace) {
    const wanted = stringParam(p, 'paymentMethodId');
    const r = await trace.call('oms', 'get_order', { orderId }, () => c.orders.getOrder(orderId), (o) => ({ status: o.status, payments: (o.paymentHistory ?? []).length }));
    if (!r.ok) return r;
    const lastPayment = (r.value.paymentHistory ?? []).filter((t) => t.type === 'payment').at(-1);
    return lastPayment?.paymentMethodId === wanted
      ? ok({ state: 'confirmed', detail: `order ${orderId} is now paid with ${wanted}` })
      : ok({ state: 'failed', detail: `order ${orderId} is paid with ${lastPayment?.paymentMethodId ?? 'nothing'}, not ${wanted}` });
  },
};

/** A pending order's items changed to other variants of the same products (once); verified by re-reading the order. */
export const modifyItems: ActionHandler = {
  async execute(c, p, key, trace) {
    const orderId = stringParam(p, 'orderId');
    const items = itemChangesParam(p);
    const paymentMethodId = stringParam(p, 'paymentMethodId');
    const r = await trace.call('oms', 'modify_pending_order_items', { orderId, items, paymentMethodId, idempotencyKey: key },
      () => c.orders.modifyPendingOrderItems(orderId, { items, paymentMethodId }, key), (o) => ({ status: o.status }));
    if (!r.ok) return r;
    return ok({ externalId: orderId, output: { status: r.value.status } });
  },
  async verify(c, p, orderId, trace) {
    const items = itemChangesParam(p);
    const r = await trace.call('oms', 'get_order', { orderId }, () => c.orders.getOrder(orderId), (o) => ({ status: o.status, skus: o.lineItems.map((li) => li.sku) }));
    if (!r.ok) return r;
    const changed = items.every((ch) => r.value.lineItems.find((li) => li.id === ch.lineItemId)?.sku === ch.newSku);
    return r.value.status === 'pending_items_modified' && changed
      ? ok({ state: 'confirmed', detail: `order ${orderId} now has ${items.map((ch) => `${ch.lineItemId} → ${ch.newSku}`).join(', ')}` })
      : ok({ state: 'failed', detail: `order ${orderId} is ${r.value.status} without the requested item changes` });
  },
};

/** An exchange of delivered items for other variants of the same products (once); verified by re-reading the exchange request. */
export const exchangeItems: ActionHandler = {
  async execute(c, p, key, trace) {
    const orderId = stringParam(p, 'orderId');
    const items = itemChangesParam(p);
    const paymentMethodId = stringParam(p, 'paymentMethodId');
    const r = await trace.call('oms', 'exchange_delivered_items', { orderId, items, paymentMethodId, idempotencyKey: key },
      () => c.orders.exchangeDeliveredItems(orderId, { items, paymentMethodId }, key), (o) => ({ status: o.status }));
    if (!r.ok) return r;
    return ok({ externalId: orderId, output: { status: r.value.status } });
  },
  async verify(c, p, orderId, trace) {
    const items = itemChangesParam(p);
    const r = await trace.call('oms', 'get_order', { orderId }, () => c.orders.getOrder(orderId), (o) => ({ status: o.status }));
    if (!r.ok) return r;
    const req = r.value.exchangeRequest;
    const covered = !!req && req.paymentMethodId === stringParam(p, 'paymentMethodId')
      && items.every((ch) => req.items.some((x) => x.lineItemId === ch.lineItemId && x.newSku === ch.newSku));
    return r.value.status === 'exchange_requested' && covered
      ? ok({ state: 'confirmed', detail: `order ${orderId} has an exchange request for ${items.map((ch) => `${ch.lineItemId} → ${ch.newSku}`).join(', ')}` })
      : ok({ state: 'failed', detail: `order ${orderId} is ${r.value.status} without the requested exchange` });
  },
};

/** The customer's default address; verified by re-reading the customer. */
export const updateDefaultAddress: ActionHandler = {
  async execute(c, p, key, trace) {
    const customerId = stringParam(p, 'customerId');
    const address = addressParam(p);
    const r = await trace.call('oms', 'update_customer_default_address', { customerId, address, idempotencyKey: key },
      () => c.orders.updateCustomerDefaultAddress(customerId, address, key), (cu) => ({ id: cu.id }));
    if (!r.ok) return r;
    return ok({ externalId: customerId, output: { customerId: r.value.id } });
  },
  async verify(c, p, customerId, trace) {
    const want = addressParam(p);
    const r = await trace.call('oms', 'get_customer', { customerId }, () => c.orders.getCustomer(customerId), (cu) => ({ defaultAddress: cu.defaultAddress }));
    if (!r.ok) return r;
    const got = r.value.defaultAddress;
    const fields = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const;
    const differs = fields.filter((f) => norm(got[f]) !== norm(want[f]));
    return differs.length === 0
      ? ok({ state: 'confirmed', detail: `customer ${customerId}'s default address is now ${got.line1}, ${got.city} ${got.postalCode}, ${got.country}` })
      : ok({ state: 'failed', detail: `customer ${customerId}'s default address differs in ${differs.join(', ')}` });
  },
};
