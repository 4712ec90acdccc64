// Money the OMS moves itself on store-paid orders: the customer's payment methods, gift-card
// balances, and the transactions appended to an order's payment_history. Gift cards move at once
// (a refund to a gift card is spendable immediately); other methods are only recorded.
import type { OmsCustomer, OmsMoney, OmsOrder, OmsPaymentMethod, ParsedOmsWorld } from './OmsWorld.js';
import { fail, type OmsRefusal } from './omsOutcome.js';

type Transaction = OmsOrder['payment_history'][number];

export function customerOf(world: ParsedOmsWorld, order: OmsOrder): OmsCustomer | undefined {
  return world.customers.find((c) => c.id === order.customer.id);
}

/** The order's customer's payment method, or a 422 naming what is missing. */
export function paymentMethodFor(world: ParsedOmsWorld, order: OmsOrder, paymentMethodId: string): { ok: true; value: OmsPaymentMethod } | OmsRefusal {
  const method = customerOf(world, order)?.payment_methods.find((m) => m.id === paymentMethodId);
  if (method) return { ok: true, value: method };
  return fail(422, 'unknown_payment_method', `customer ${order.customer.id} has no payment method ${paymentMethodId}`);
}

/** A gift card must hold at least `amount` (a price difference may be negative: nothing to cover). */
export function coverable(method: OmsPaymentMethod, amount: OmsMoney): OmsRefusal | null {
  if (method.type !== 'gift_card') return null;
  const balance = method.balance?.amount ?? 0;
  if (balance >= amount.amount) return null;
  return fail(409, 'insufficient_gift_card_balance', `gift card ${method.id} holds ${balance} ${amount.currency}, ${amount.amount} is needed`);
}

/** Spends (positive) or credits (negative) a gift card; other methods settle outside the OMS. */
export function charge(method: OmsPaymentMethod, amount: OmsMoney): void {
  if (method.type !== 'gift_card') return;
  method.balance = { amount: (method.balance?.amount ?? 0) - amount.amount, currency: method.balance?.currency ?? amount.currency };
}

/**
 * The refunds a cancellation appends. By default each method gets back what it paid net of earlier
 * refunds. τ²'s quirk instead refunds every entry as it stands, refunds included (it only differs
 * after a payment-method change).
 */
export function cancellationRefunds(order: OmsOrder, everyTransaction: boolean): Transaction[] {
  if (everyTransaction) return order.payment_history.map((t) => ({ transaction_type: 'refund', amount: { ...t.amount }, payment_method_id: t.payment_method_id }));
  const net = new Map<string, OmsMoney>();
  for (const t of order.payment_history) {
    const sign = t.transaction_type === 'payment' ? 1 : -1;
    const prev = net.get(t.payment_method_id)?.amount ?? 0;
    net.set(t.payment_method_id, { amount: prev + sign * t.amount.amount, currency: t.amount.currency });
  }
  return [...net].filter(([, m]) => m.amount > 0).map(([id, amount]) => ({ transaction_type: 'refund', amount, payment_method_id: id }));
}

/** Applies refunds to gift cards and appends them to the order's history. */
export function recordRefunds(world: ParsedOmsWorld, order: OmsOrder, refunds: Transaction[]): void {
  const methods = customerOf(world, order)?.payment_methods ?? [];
  for (const r of refunds) {
    const method = methods.find((m) => m.id === r.payment_method_id);
    if (method) charge(method, { amount: -r.amount.amount, currency: r.amount.currency });
  }
  order.payment_history.push(...refunds);
}
