// The Stripe sandbox's memory: the world (kept in its seed format, so a dump is a valid seed), the
// clock, id generation, lookups that fail the way Stripe fails, and refund accounting.
import { IdempotencyStore } from './IdempotencyStore.js';
import { resourceMissing } from './StripeApiError.js';
import {
  StripeWorldSchema,
  type ChargeRecord,
  type CustomerRecord,
  type InvoiceRecord,
  type PriceRecord,
  type RefundRecord,
  type StripeWorld,
  type StripeWorldData,
  type SubscriptionRecord,
} from './StripeWorld.js';

export const toUnix = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
export const toIso = (unix: number): string => new Date(unix * 1000).toISOString();
/** The part of a Stripe id after its prefix, for ids derived from it (txn_, pm_…). */
export const idSuffix = (id: string): string => id.slice(id.indexOf('_') + 1);

/** Stripe lists newest first; among equal `created`, the later-inserted record first. */
export function newestFirst<T extends { created: string }>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => toUnix(b.item.created) - toUnix(a.item.created) || b.i - a.i)
    .map((x) => x.item);
}

/** Refund statuses that hold money back from the charge (a failed or canceled refund gives it back). */
const HOLDING: ReadonlySet<RefundRecord['status']> = new Set(['pending', 'requires_action', 'succeeded']);

export class StripeState {
  world!: StripeWorldData;
  readonly idempotency = new IdempotencyStore();
  private counter = 0;
  private readonly seed: StripeWorldData;

  constructor(seed: StripeWorld) {
    this.seed = StripeWorldSchema.parse(seed);
    this.reset();
  }

  reset(world?: unknown): void {
    this.world = structuredClone(world === undefined ? this.seed : StripeWorldSchema.parse(world));
    this.idempotency.clear();
    this.counter = 0;
  }

  /** Unix seconds. A world with `now` has a frozen clock, so prorations are reproducible. */
  now(): number {
    return this.world.now ? toUnix(this.world.now) : Math.floor(Date.now() / 1000);
  }

  nowIso(): string {
    return toIso(this.now());
  }

  newId(prefix: string): string {
    const taken = new Set(
      [
        this.world.customers,
        this.world.charges,
        this.world.refunds,
        this.world.prices,
        this.world.subscriptions,
        this.world.invoices,
        this.world.invoice_items,
      ].flatMap((list) => list.map((x: { id: string }) => x.id)),
    );
    let id: string;
    do id = `${prefix}_SBX${String(++this.counter).padStart(12, '0')}`;
    while (taken.has(id));
    return id;
  }

  isValidKey(key: string): boolean {
    return this.world.api_keys.includes(key);
  }

  /** Applies the scheduled outcome of refunds created by an earlier request (refund_outcome "failed"). */
  settleRefunds(): void {
    for (const r of this.world.refunds) {
      if (!r.settles_to) continue;
      r.status = r.settles_to;
      if (r.status === 'failed') r.failure_reason = 'expired_or_canceled_card';
      r.settles_to = null;
    }
  }

  customer(id: string, param?: string): CustomerRecord {
    return find(this.world.customers, id, 'customer', param);
  }

  charge(id: string, param?: string): ChargeRecord {
    return find(this.world.charges, id, 'charge', param);
  }

  refund(id: string, param?: string): RefundRecord {
    return find(this.world.refunds, id, 'refund', param);
  }

  price(id: string, param?: string): PriceRecord {
    return find(this.world.prices, id, 'price', param);
  }

  subscription(id: string, param?: string): SubscriptionRecord {
    return find(this.world.subscriptions, id, 'subscription', param);
  }

  invoice(id: string, param?: string): InvoiceRecord {
    return find(this.world.invoices, id, 'invoice', param);
  }

  /** The charges of a payment intent, newest first; a payment intent exists when a charge names it. */
  chargesOfPaymentIntent(paymentIntentId: string, param?: string): ChargeRecord[] {
    const charges = newestFirst(this.world.charges.filter((c) => c.payment_intent === paymentIntentId));
    if (charges.length === 0) throw resourceMissing('payment_intent', paymentIntentId, param ?? 'intent', param ? 400 : 404);
    return charges;
  }

  refundsOf(chargeId: string): RefundRecord[] {
    return newestFirst(this.world.refunds.filter((r) => r.charge === chargeId));
  }

  amountRefunded(charge: ChargeRecord): number {
    return this.refundsOf(charge.id)
      .filter((r) => HOLDING.has(r.status))
      .reduce((sum, r) => sum + r.amount, 0);
  }
}

function find<T extends { id: string }>(list: T[], id: string, kind: string, param?: string): T {
  const found = list.find((x) => x.id === id);
  // Addressed by the URL → 404; named by a request parameter → 400 with that param.
  if (!found) throw param ? resourceMissing(kind, id, param, 400) : resourceMissing(kind, id);
  return found;
}
