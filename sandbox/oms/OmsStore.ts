// In-memory state of the OMS sandbox and the order state rules of the contract (docs/oms-api.md):
// cancel only before shipment, address changes only before shipment, refunds never above the
// order total and at most once per external refund id, returns only for delivered orders. The
// later order changes (payment, items, return and exchange requests) live in orderChanges.ts.
import { z } from 'zod';
import { modifyItems, modifyPayment, requestExchange, requestReturn, type ChangeContext } from './orderChanges.js';
import { done, fail, isoSeconds, validate, type OmsOutcome, type OmsRefusal } from './omsOutcome.js';
import {
  OmsAddressSchema,
  OmsMoneySchema,
  OmsWorldSchema,
  type OmsCustomer,
  type OmsOrder,
  type OmsProduct,
  type OmsReturn,
  type OmsVariant,
  type OmsWorld,
  type ParsedOmsWorld,
} from './OmsWorld.js';
import { cancellationRefunds, recordRefunds } from './storePayments.js';

export { isoSeconds, type OmsFailure, type OmsOutcome } from './omsOutcome.js';

const CancelInput = z.object({ reason: z.string().trim().min(1).max(500) });
const RefundInput = z.object({
  amount: OmsMoneySchema,
  reason: z.string().trim().min(1).max(500),
  external_refund_id: z.string().min(1).max(255).nullable().optional(),
});
const ReturnInput = z.object({
  line_item_ids: z.array(z.string().min(1)).min(1),
  reason: z.string().trim().min(1).max(500),
});

const CANCELLABLE = new Set(['pending', 'processing']);
/** The address can change until something ships, including after an item change. */
const ADDRESS_CHANGEABLE = new Set(['pending', 'processing', 'pending_items_modified']);

/** Case- and accent-insensitive, as a name spelled out on the phone carries no accents. */
export const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

export class OmsStore {
  private world!: ParsedOmsWorld;
  private seq = { refund: 0, rma: 0 };

  constructor(
    seed: OmsWorld,
    private readonly now: () => Date,
  ) {
    this.reset(seed);
  }

  reset(seed: unknown): void {
    this.world = OmsWorldSchema.parse(seed);
    const num = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
    const max = (start: number, ids: string[]) => ids.reduce((m, id) => Math.max(m, num(id)), start);
    this.seq = {
      refund: max(7000, this.world.orders.flatMap((o) => o.refunds.map((r) => r.id))),
      rma: max(5000, this.world.orders.flatMap((o) => o.returns.map((r) => r.id))),
    };
  }

  get adminUrl(): string | undefined {
    return this.world.admin_url;
  }

  apiKey(key: string) {
    return this.world.api_keys.find((k) => k.key === key);
  }

  order(id: string): OmsOrder | undefined {
    return this.world.orders.find((o) => o.id === id);
  }

  hasReturn(rmaId: string): boolean {
    return this.world.orders.some((o) => o.returns.some((r) => r.id === rmaId));
  }

  customer(id: string): OmsCustomer | undefined {
    return this.world.customers.find((c) => c.id === id);
  }

  /** The customer's orders, oldest first. */
  ordersOf(customerId: string): OmsOrder[] {
    return this.world.orders
      .filter((o) => o.customer.id === customerId)
      .sort((a, b) => Date.parse(a.placed_at) - Date.parse(b.placed_at) || a.id.localeCompare(b.id));
  }

  findCustomers(q: { email: string } | { firstName: string; lastName: string; postalCode: string }): OmsCustomer[] {
    if ('email' in q) return this.world.customers.filter((c) => fold(c.email) === fold(q.email));
    const [first, last, zip] = [fold(q.firstName), fold(q.lastName), q.postalCode.trim()];
    return this.world.customers.filter((c) => fold(c.first_name) === first && fold(c.last_name) === last && c.default_address.postal_code === zip);
  }

  products(): OmsProduct[] {
    return this.world.products;
  }

  product(id: string): OmsProduct | undefined {
    return this.world.products.find((p) => p.id === id);
  }

  variant(sku: string): { product: OmsProduct; variant: OmsVariant } | undefined {
    for (const product of this.world.products) {
      const variant = product.variants.find((v) => v.sku === sku);
      if (variant) return { product, variant };
    }
    return undefined;
  }

  /** Newest first; `startingAfter` is the id of the last order of the previous page. */
  listOrders(q: { customerEmail?: string; status?: string; delayed?: boolean; limit: number; startingAfter?: string }): OmsOutcome<{ orders: OmsOrder[]; hasMore: boolean }> {
    let orders = [...this.world.orders].sort((a, b) => b.placed_at.localeCompare(a.placed_at) || a.id.localeCompare(b.id));
    if (q.customerEmail) orders = orders.filter((o) => o.customer.email.toLowerCase() === q.customerEmail!.toLowerCase());
    if (q.status) orders = orders.filter((o) => o.status === q.status);
    if (q.delayed) orders = orders.filter(hasDelayedShipment);
    if (q.startingAfter) {
      const i = orders.findIndex((o) => o.id === q.startingAfter);
      if (i < 0) return fail(400, 'invalid_parameter', `starting_after: no order ${q.startingAfter} in this list`);
      orders = orders.slice(i + 1);
    }
    return done({ orders: orders.slice(0, q.limit), hasMore: orders.length > q.limit });
  }

  cancel(id: string, body: unknown): OmsOutcome<OmsOrder> {
    const o = this.order(id);
    if (!o) return notFound(id);
    const input = validate(CancelInput, body);
    if (!input.ok) return input;
    if (!CANCELLABLE.has(o.status)) return fail(409, 'order_not_cancellable', `order ${id} is ${o.status}; only pending or processing orders can be cancelled`);
    const allowed = this.world.cancel_reasons;
    if (allowed && !allowed.includes(input.value.reason)) {
      return fail(422, 'invalid_cancel_reason', `the reason must be one of: ${allowed.map((r) => JSON.stringify(r)).join(', ')}`);
    }
    // A store-paid order is refunded by the OMS itself, on the methods that paid.
    if (o.payment.provider === 'store') recordRefunds(this.world, o, cancellationRefunds(o, this.world.quirks.cancel_refunds_every_transaction));
    const now = isoSeconds(this.now());
    Object.assign(o, { status: 'cancelled', cancelled_at: now, cancel_reason: input.value.reason, updated_at: now });
    return done(o);
  }

  updateShippingAddress(id: string, body: unknown): OmsOutcome<OmsOrder> {
    const o = this.order(id);
    if (!o) return notFound(id);
    const input = validate(OmsAddressSchema, body);
    if (!input.ok) return input;
    if (o.status === 'cancelled') return fail(409, 'order_cancelled', `order ${id} is cancelled`);
    if (!ADDRESS_CHANGEABLE.has(o.status) || o.shipments.some((s) => s.shipped_at !== null)) {
      return fail(409, 'order_already_shipped', `order ${id} is ${o.status}; the address can only change before shipment`);
    }
    o.shipping_address = input.value;
    o.updated_at = isoSeconds(this.now());
    return done(o);
  }

  recordRefund(id: string, body: unknown): OmsOutcome<OmsOrder> {
    const o = this.order(id);
    if (!o) return notFound(id);
    const input = validate(RefundInput, body);
    if (!input.ok) return input;
    const { amount, reason, external_refund_id } = input.value;
    if (amount.amount <= 0) return fail(422, 'validation_failed', 'amount.amount must be a positive integer of minor units', [{ field: 'amount.amount', message: 'must be positive' }]);
    if (amount.currency !== o.total.currency) return fail(422, 'currency_mismatch', `order ${id} is in ${o.total.currency}, refund is in ${amount.currency}`);
    if (external_refund_id && o.refunds.some((r) => r.external_refund_id === external_refund_id)) {
      return fail(409, 'refund_already_recorded', `a refund with external_refund_id ${external_refund_id} is already recorded on ${id}`);
    }
    const refunded = o.refunds.reduce((s, r) => s + r.amount.amount, 0);
    if (refunded + amount.amount > o.total.amount) {
      return fail(409, 'refund_exceeds_order_total', `order ${id} total is ${o.total.amount}, already refunded ${refunded}, cannot record ${amount.amount} more`);
    }
    const now = isoSeconds(this.now());
    o.refunds.push({ id: `RF-${++this.seq.refund}`, amount, reason, external_refund_id: external_refund_id ?? null, created_at: now });
    o.updated_at = now;
    return done(o, 201);
  }

  createReturn(id: string, body: unknown, labelBaseUrl: string): OmsOutcome<OmsReturn> {
    const o = this.order(id);
    if (!o) return notFound(id);
    const input = validate(ReturnInput, body);
    if (!input.ok) return input;
    if (o.status !== 'delivered') return fail(409, 'order_not_returnable', `order ${id} is ${o.status}; only delivered orders can be returned`);
    const ids = [...new Set(input.value.line_item_ids)];
    const unknown = ids.filter((li) => !o.line_items.some((x) => x.id === li));
    if (unknown.length) return fail(422, 'unknown_line_item', `order ${id} has no line item ${unknown.join(', ')}`);
    const taken = ids.filter((li) => o.returns.some((r) => r.status !== 'cancelled' && r.line_item_ids.includes(li)));
    if (taken.length) return fail(409, 'line_items_already_returned', `line items ${taken.join(', ')} of ${id} already have a return`);
    const rmaId = `RMA-${++this.seq.rma}`;
    const now = isoSeconds(this.now());
    const rma: OmsReturn = { id: rmaId, line_item_ids: ids, status: 'label_issued', label_url: `${labelBaseUrl}/labels/${rmaId}.pdf`, reason: input.value.reason, created_at: now };
    o.returns.push(rma);
    o.updated_at = now;
    return done(rma, 201);
  }

  modifyPayment = this.change(modifyPayment);
  modifyItems = this.change(modifyItems);
  requestReturn = this.change(requestReturn);
  requestExchange = this.change(requestExchange);

  updateCustomerAddress(customerId: string, body: unknown): OmsOutcome<OmsCustomer> {
    const c = this.customer(customerId);
    if (!c) return fail(404, 'customer_not_found', `no customer ${customerId}`);
    const input = validate(OmsAddressSchema, body);
    if (!input.ok) return input;
    c.default_address = input.value;
    return done(c);
  }

  dump(): ParsedOmsWorld {
    return structuredClone(this.world);
  }

  private change(op: (ctx: ChangeContext, order: OmsOrder, body: unknown) => OmsOutcome<OmsOrder>) {
    return (id: string, body: unknown): OmsOutcome<OmsOrder> => {
      const o = this.order(id);
      return o ? op({ world: this.world, now: isoSeconds(this.now()) }, o, body) : notFound(id);
    };
  }
}

/** docs/oms-api.md: a live order with a shipment not yet delivered whose current ETA is after the promised date. */
export function hasDelayedShipment(o: OmsOrder): boolean {
  if (o.status === 'cancelled') return false;
  return o.shipments.some(
    (s) => s.status !== 'delivered' && s.status !== 'returned' && s.delivered_at === null && s.estimated_delivery_at !== null && s.promised_delivery_at !== null && Date.parse(s.estimated_delivery_at) > Date.parse(s.promised_delivery_at),
  );
}

function notFound(id: string): OmsRefusal {
  return fail(404, 'order_not_found', `no order ${id}`);
}
