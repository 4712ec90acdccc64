// Order-system actions (the OMS through the OrderSystem port).
import { ok } from '../../domain/result.js';
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
