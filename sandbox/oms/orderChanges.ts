// The order changes a customer can ask for after checkout, as the contract in docs/oms-api.md
// states them: switch the payment method or the item variants before shipment (items once), and
// request a return or an exchange of delivered items (once per order, one or the other).
import { z } from 'zod';
import type { OmsLineItem, OmsMoney, OmsOrder, OmsOrderStatus, OmsVariant, ParsedOmsWorld } from './OmsWorld.js';
import { done, fail, validate, type OmsOutcome, type OmsRefusal } from './omsOutcome.js';
import { charge, coverable, paymentMethodFor } from './storePayments.js';

export interface ChangeContext {
  world: ParsedOmsWorld;
  /** ISO time of the change. */
  now: string;
}

const unique = (ids: string[]) => new Set(ids).size === ids.length;
const ItemChanges = z
  .array(z.object({ line_item_id: z.string().min(1), new_sku: z.string().min(1) }))
  .min(1)
  .refine((items) => unique(items.map((i) => i.line_item_id)), 'each line item may appear once');
const Reason = z.string().trim().min(1).max(500).optional();

const PaymentInput = z.object({ payment_method_id: z.string().min(1) });
const ItemsInput = z.object({ items: ItemChanges, payment_method_id: z.string().min(1) });
const ReturnInput = z.object({
  line_item_ids: z.array(z.string().min(1)).min(1).refine(unique, 'each line item may appear once'),
  refund_payment_method_id: z.string().min(1),
  reason: Reason,
});
const ExchangeInput = z.object({ items: ItemChanges, payment_method_id: z.string().min(1), reason: Reason });

/** Before shipment, payment can change even after the items did; the items themselves change once. */
const PAYMENT_CHANGEABLE = new Set<OmsOrderStatus>(['pending', 'processing', 'pending_items_modified']);
const ITEMS_CHANGEABLE = new Set<OmsOrderStatus>(['pending', 'processing']);

function lineItems(order: OmsOrder, ids: string[]): { ok: true; value: OmsLineItem[] } | OmsRefusal {
  const found = ids.map((id) => order.line_items.find((li) => li.id === id));
  const unknown = ids.filter((_, i) => !found[i]);
  if (unknown.length) return fail(422, 'unknown_line_item', `order ${order.id} has no line item ${unknown.join(', ')}`);
  return { ok: true, value: found as OmsLineItem[] };
}

interface PricedChange {
  item: OmsLineItem;
  variant: OmsVariant;
}

/** Resolves each new sku as a variant of the same product and sums new minus old prices. */
function priceChanges(
  ctx: ChangeContext,
  order: OmsOrder,
  changes: { line_item_id: string; new_sku: string }[],
  allowSameSku: boolean,
): { ok: true; value: { changes: PricedChange[]; difference: OmsMoney } } | OmsRefusal {
  const items = lineItems(order, changes.map((c) => c.line_item_id));
  if (!items.ok) return items;
  const priced: PricedChange[] = [];
  let difference = 0;
  for (const [i, change] of changes.entries()) {
    const item = items.value[i]!;
    if (!allowSameSku && change.new_sku === item.sku) return fail(422, 'same_variant', `line item ${item.id} already is ${item.sku}`);
    const product = ctx.world.products.find((p) => p.id === item.product_id);
    const variant = product?.variants.find((v) => v.sku === change.new_sku);
    if (!product || !variant) return fail(422, 'unknown_variant', `${change.new_sku} is not a variant of the product of line item ${item.id} (${item.product_id ?? 'not in the catalog'})`);
    if (!variant.available) return fail(409, 'variant_unavailable', `variant ${variant.sku} of ${product.name} is not available`);
    if (variant.price.currency !== order.total.currency) return fail(422, 'currency_mismatch', `variant ${variant.sku} is priced in ${variant.price.currency}, order ${order.id} in ${order.total.currency}`);
    difference += (variant.price.amount - item.unit_price.amount) * item.quantity;
    priced.push({ item, variant });
  }
  return { ok: true, value: { changes: priced, difference: { amount: difference, currency: order.total.currency } } };
}

/** Items in a return authorization that is not cancelled cannot be returned or exchanged again. */
function inOpenReturn(order: OmsOrder, ids: string[]): OmsRefusal | null {
  const taken = ids.filter((id) => order.returns.some((r) => r.status !== 'cancelled' && r.line_item_ids.includes(id)));
  return taken.length ? fail(409, 'line_items_already_returned', `line items ${taken.join(', ')} of ${order.id} already have a return`) : null;
}

export function modifyPayment(ctx: ChangeContext, order: OmsOrder, body: unknown): OmsOutcome<OmsOrder> {
  const input = validate(PaymentInput, body);
  if (!input.ok) return input;
  if (!PAYMENT_CHANGEABLE.has(order.status)) return fail(409, 'order_not_modifiable', `order ${order.id} is ${order.status}; only orders not yet shipped can change payment`);
  const method = paymentMethodFor(ctx.world, order, input.value.payment_method_id);
  if (!method.ok) return method;
  const [paid, ...rest] = order.payment_history;
  if (!paid || rest.length || paid.transaction_type !== 'payment') {
    return fail(409, 'payment_not_changeable', `order ${order.id} is not paid by exactly one payment the OMS holds`);
  }
  if (paid.payment_method_id === method.value.id) return fail(422, 'payment_method_unchanged', `order ${order.id} is already paid with ${method.value.id}`);
  const short = coverable(method.value, paid.amount);
  if (short) return short;
  const old = paymentMethodFor(ctx.world, order, paid.payment_method_id);
  order.payment_history.push(
    { transaction_type: 'payment', amount: { ...paid.amount }, payment_method_id: method.value.id },
    { transaction_type: 'refund', amount: { ...paid.amount }, payment_method_id: paid.payment_method_id },
  );
  charge(method.value, paid.amount);
  if (old.ok) charge(old.value, { amount: -paid.amount.amount, currency: paid.amount.currency });
  order.updated_at = ctx.now;
  return done(order);
}

export function modifyItems(ctx: ChangeContext, order: OmsOrder, body: unknown): OmsOutcome<OmsOrder> {
  const input = validate(ItemsInput, body);
  if (!input.ok) return input;
  if (order.status === 'pending_items_modified') return fail(409, 'order_items_already_modified', `the items of order ${order.id} were already modified once`);
  if (!ITEMS_CHANGEABLE.has(order.status)) return fail(409, 'order_not_modifiable', `order ${order.id} is ${order.status}; only pending or processing orders can change items`);
  const priced = priceChanges(ctx, order, input.value.items, false);
  if (!priced.ok) return priced;
  const method = paymentMethodFor(ctx.world, order, input.value.payment_method_id);
  if (!method.ok) return method;
  const { changes, difference } = priced.value;
  const short = coverable(method.value, difference);
  if (short) return short;

  order.payment_history.push({
    transaction_type: difference.amount > 0 ? 'payment' : 'refund',
    amount: { amount: Math.abs(difference.amount), currency: difference.currency },
    payment_method_id: method.value.id,
  });
  charge(method.value, difference);
  // τ² prices every changed item from the loop's last variant; the quirk reproduces that.
  const last = changes.at(-1)!.variant;
  for (const { item, variant } of changes) {
    const source = ctx.world.quirks.modify_items_uses_last_variant ? last : variant;
    item.sku = variant.sku;
    item.unit_price = { ...source.price };
    item.options = { ...source.options };
  }
  order.total = { amount: order.total.amount + difference.amount, currency: order.total.currency };
  order.status = 'pending_items_modified';
  order.updated_at = ctx.now;
  return done(order);
}

export function requestReturn(ctx: ChangeContext, order: OmsOrder, body: unknown): OmsOutcome<OmsOrder> {
  const input = validate(ReturnInput, body);
  if (!input.ok) return input;
  if (order.status !== 'delivered') return fail(409, 'order_not_returnable', `order ${order.id} is ${order.status}; only delivered orders can be returned`);
  const method = paymentMethodFor(ctx.world, order, input.value.refund_payment_method_id);
  if (!method.ok) return method;
  const original = order.payment_history[0]?.payment_method_id;
  if (method.value.type !== 'gift_card' && method.value.id !== original) {
    return fail(409, 'refund_method_not_allowed', `a refund for ${order.id} goes to its original payment method (${original ?? 'none held by the OMS'}) or a gift card, not ${method.value.id}`);
  }
  const items = lineItems(order, input.value.line_item_ids);
  if (!items.ok) return items;
  const taken = inOpenReturn(order, input.value.line_item_ids);
  if (taken) return taken;
  order.return_request = { line_item_ids: input.value.line_item_ids, refund_payment_method_id: method.value.id, reason: input.value.reason ?? null, requested_at: ctx.now };
  order.status = 'return_requested';
  order.updated_at = ctx.now;
  return done(order);
}

export function requestExchange(ctx: ChangeContext, order: OmsOrder, body: unknown): OmsOutcome<OmsOrder> {
  const input = validate(ExchangeInput, body);
  if (!input.ok) return input;
  if (order.status !== 'delivered') return fail(409, 'order_not_exchangeable', `order ${order.id} is ${order.status}; only delivered orders can be exchanged`);
  // τ² lets an item be exchanged for the same variant (a like-for-like replacement).
  const priced = priceChanges(ctx, order, input.value.items, true);
  if (!priced.ok) return priced;
  const method = paymentMethodFor(ctx.world, order, input.value.payment_method_id);
  if (!method.ok) return method;
  const short = coverable(method.value, priced.value.difference);
  if (short) return short;
  const taken = inOpenReturn(order, input.value.items.map((i) => i.line_item_id));
  if (taken) return taken;
  order.exchange_request = {
    items: input.value.items,
    payment_method_id: method.value.id,
    price_difference: priced.value.difference,
    reason: input.value.reason ?? null,
    requested_at: ctx.now,
  };
  order.status = 'exchange_requested';
  order.updated_at = ctx.now;
  return done(order);
}
