// Replays one τ²-bench retail write (a gold action from train-tickets.json) through the OrderSystem
// port, so τ² tasks can check the OMS contract, the adapter and the sandbox end to end. τ² names
// items by item id (a variant, repeated for duplicates); the OMS by line item: the k-th occurrence
// of an item id is the k-th line item with that sku, as τ² itself walks the order's items.
import type { ConnectorError } from '../../../functions/src/domain/connectorError.js';
import { ok, type Result } from '../../../functions/src/domain/result.js';
import type { Address, ItemChange, OrderSystem } from '../../../functions/src/ports/OrderSystem.js';
import { lineItemIdsFor, toAlpha2 } from './tau2Records.js';

export interface Tau2Write {
  name: string;
  arguments: Record<string, unknown>;
}

export const TAU2_WRITE_TOOLS = [
  'cancel_pending_order',
  'modify_pending_order_address',
  'modify_pending_order_payment',
  'modify_pending_order_items',
  'return_delivered_order_items',
  'exchange_delivered_order_items',
  'modify_user_address',
] as const;

const str = (a: Record<string, unknown>, k: string) => {
  const v = a[k];
  if (typeof v !== 'string') throw new Error(`τ² argument ${k} must be a string, got ${JSON.stringify(v)}`);
  return v;
};
const strs = (a: Record<string, unknown>, k: string) => {
  const v = a[k];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`τ² argument ${k} must be a list of strings`);
  return v as string[];
};

const address = (a: Record<string, unknown>): Address => ({
  line1: str(a, 'address1'),
  line2: str(a, 'address2'),
  city: str(a, 'city'),
  state: str(a, 'state'),
  postalCode: str(a, 'zip'),
  country: toAlpha2(str(a, 'country')),
});

/** Maps τ² item ids to line item ids; an id the order lacks is sent as is, so the OMS refuses it. */
async function lineItemIds(orders: OrderSystem, orderId: string, itemIds: string[]): Promise<Result<string[], ConnectorError>> {
  const order = await orders.getOrder(orderId);
  if (!order.ok) return order;
  return ok(lineItemIdsFor(order.value.lineItems, itemIds).map((id, i) => id ?? itemIds[i]!));
}

async function itemChanges(orders: OrderSystem, a: Record<string, unknown>): Promise<Result<ItemChange[], ConnectorError>> {
  const olds = strs(a, 'item_ids');
  const news = strs(a, 'new_item_ids');
  if (olds.length !== news.length) throw new Error('τ² item_ids and new_item_ids differ in length');
  const ids = await lineItemIds(orders, str(a, 'order_id'), olds);
  return ids.ok ? ok(ids.value.map((lineItemId, i) => ({ lineItemId, newSku: news[i]! }))) : ids;
}

/** Runs the write; the value is whatever the port returned (an order or a customer). */
export async function applyTau2Write(orders: OrderSystem, write: Tau2Write, idempotencyKey: string): Promise<Result<unknown, ConnectorError>> {
  const a = write.arguments;
  switch (write.name) {
    case 'cancel_pending_order':
      return orders.cancelOrder(str(a, 'order_id'), str(a, 'reason'), idempotencyKey);
    case 'modify_pending_order_address':
      return orders.updateShippingAddress(str(a, 'order_id'), address(a), idempotencyKey);
    case 'modify_pending_order_payment':
      return orders.modifyPendingOrderPayment(str(a, 'order_id'), str(a, 'payment_method_id'), idempotencyKey);
    case 'modify_pending_order_items': {
      const items = await itemChanges(orders, a);
      return items.ok ? orders.modifyPendingOrderItems(str(a, 'order_id'), { items: items.value, paymentMethodId: str(a, 'payment_method_id') }, idempotencyKey) : items;
    }
    case 'exchange_delivered_order_items': {
      const items = await itemChanges(orders, a);
      return items.ok ? orders.exchangeDeliveredItems(str(a, 'order_id'), { items: items.value, paymentMethodId: str(a, 'payment_method_id') }, idempotencyKey) : items;
    }
    case 'return_delivered_order_items': {
      const ids = await lineItemIds(orders, str(a, 'order_id'), strs(a, 'item_ids'));
      return ids.ok ? orders.returnDeliveredItems(str(a, 'order_id'), { lineItemIds: ids.value, refundPaymentMethodId: str(a, 'payment_method_id') }, idempotencyKey) : ids;
    }
    case 'modify_user_address':
      return orders.updateCustomerDefaultAddress(str(a, 'user_id'), address(a), idempotencyKey);
    default:
      throw new Error(`${write.name} is not a τ² retail write`);
  }
}
