// In-memory state of the OMS sandbox and the order state rules of the contract (docs/oms-api.md):
// cancel only before shipment, address changes only before shipment, refunds never above the
// order total and at most once per external refund id, returns only for delivered orders.
import { z } from 'zod';
import { OmsAddressSchema, OmsMoneySchema, OmsWorldSchema, type OmsOrder, type OmsReturn, type OmsWorld, type ParsedOmsWorld } from './OmsWorld.js';

export interface OmsFailure {
  status: 400 | 404 | 409 | 422;
  code: string;
  message: string;
  details?: unknown;
}
export type OmsOutcome<T> = { ok: true; status: 200 | 201; value: T } | { ok: false; failure: OmsFailure };

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

const fail = (status: OmsFailure['status'], code: string, message: string, details?: unknown): { ok: false; failure: OmsFailure } => ({
  ok: false,
  failure: { status, code, message, ...(details === undefined ? {} : { details }) },
});

function validate<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; failure: OmsFailure } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  return fail(422, 'validation_failed', `invalid request body: ${details.map((d) => `${d.field || 'body'} ${d.message}`).join('; ')}`, details);
}

export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const BEFORE_SHIPMENT = new Set(['pending', 'processing']);

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
    this.seq = {
      refund: Math.max(7000, ...this.world.orders.flatMap((o) => o.refunds.map((r) => num(r.id)))),
      rma: Math.max(5000, ...this.world.orders.flatMap((o) => o.returns.map((r) => num(r.id)))),
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

  /** Newest first; `startingAfter` is the id of the last order of the previous page. */
  listOrders(q: { customerEmail?: string; status?: string; limit: number; startingAfter?: string }): OmsOutcome<{ orders: OmsOrder[]; hasMore: boolean }> {
    let orders = [...this.world.orders].sort((a, b) => b.placed_at.localeCompare(a.placed_at) || a.id.localeCompare(b.id));
    if (q.customerEmail) orders = orders.filter((o) => o.customer.email.toLowerCase() === q.customerEmail!.toLowerCase());
    if (q.status) orders = orders.filter((o) => o.status === q.status);
    if (q.startingAfter) {
      const i = orders.findIndex((o) => o.id === q.startingAfter);
      if (i < 0) return fail(400, 'invalid_parameter', `starting_after: no order ${q.startingAfter} in this list`);
      orders = orders.slice(i + 1);
    }
    return { ok: true, status: 200, value: { orders: orders.slice(0, q.limit), hasMore: orders.length > q.limit } };
  }

  cancel(id: string, body: unknown): OmsOutcome<OmsOrder> {
    const o = this.order(id);
    if (!o) return notFound(id);
    const input = validate(CancelInput, body);
    if (!input.ok) return input;
    if (!BEFORE_SHIPMENT.has(o.status)) return fail(409, 'order_not_cancellable', `order ${id} is ${o.status}; only pending or processing orders can be cancelled`);
    const now = isoSeconds(this.now());
    Object.assign(o, { status: 'cancelled', cancelled_at: now, cancel_reason: input.value.reason, updated_at: now });
    return { ok: true, status: 200, value: o };
  }

  updateShippingAddress(id: string, body: unknown): OmsOutcome<OmsOrder> {
    const o = this.order(id);
    if (!o) return notFound(id);
    const input = validate(OmsAddressSchema, body);
    if (!input.ok) return input;
    if (o.status === 'cancelled') return fail(409, 'order_cancelled', `order ${id} is cancelled`);
    if (!BEFORE_SHIPMENT.has(o.status) || o.shipments.some((s) => s.shipped_at !== null)) {
      return fail(409, 'order_already_shipped', `order ${id} is ${o.status}; the address can only change before shipment`);
    }
    o.shipping_address = input.value;
    o.updated_at = isoSeconds(this.now());
    return { ok: true, status: 200, value: o };
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
    return { ok: true, status: 201, value: o };
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
    return { ok: true, status: 201, value: rma };
  }

  dump(): ParsedOmsWorld {
    return structuredClone(this.world);
  }
}

function notFound(id: string): { ok: false; failure: OmsFailure } {
  return fail(404, 'order_not_found', `no order ${id}`);
}
