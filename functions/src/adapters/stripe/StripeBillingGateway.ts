// BillingGateway over Stripe's API with the official SDK. Reads map Stripe objects to the port's
// types; every write carries the caller's idempotency key (rule in createStripeClient.ts); every
// Stripe failure comes back as a ConnectorError result (mapStripeError.ts).
import type Stripe from 'stripe';
import { connectorError, type ConnectorError } from '../../domain/connectorError.js';
import { err, ok, type Result } from '../../domain/result.js';
import type {
  BillingCustomer,
  BillingGateway,
  BillingResult,
  Charge,
  CreateRefundInput,
  Invoice,
  ProrationPreview,
  Refund,
  Subscription,
} from '../../ports/BillingGateway.js';
import { createStripeClient, writeOptions, type StripeClientOptions } from './createStripeClient.js';
import { mapStripeError } from './mapStripeError.js';
import {
  dashboardLinks,
  mapCharge,
  mapCustomer,
  mapInvoice,
  mapPreview,
  mapRefund,
  mapSubscription,
  type DashboardLinks,
} from './stripeMappers.js';

export type StripeBillingGatewayOptions = StripeClientOptions;

// Lists are read whole (auto-paginated) up to this many records; support cases need recent history.
const LIST_CAP = 1000;

// Preview and change use the same behaviour, so the preview shows exactly what the change bills:
// the prorations are invoiced at once (a downgrade becomes customer credit right away).
const PRORATION_BEHAVIOR = 'always_invoice' as const;

export class StripeBillingGateway implements BillingGateway {
  private readonly stripe: Stripe;
  private readonly links: DashboardLinks;

  constructor(opts: StripeBillingGatewayOptions) {
    this.stripe = createStripeClient(opts);
    this.links = dashboardLinks(opts.apiKey);
  }

  getCustomer(id: string): BillingResult<BillingCustomer> {
    return this.call(async () => {
      const c = await this.stripe.customers.retrieve(id);
      if (c.deleted) return err(connectorError('stripe', 'not_found', `customer ${id} was deleted`, 404));
      return ok(mapCustomer(c, this.links));
    });
  }

  findCustomersByEmail(email: string): BillingResult<BillingCustomer[]> {
    return this.call(async () => {
      const customers = await this.stripe.customers.list({ email, limit: 100 }).autoPagingToArray({ limit: LIST_CAP });
      return ok(customers.map((c) => mapCustomer(c, this.links)));
    });
  }

  getCharge(id: string): BillingResult<Charge> {
    return this.call(async () => ok(mapCharge(await this.stripe.charges.retrieve(id), this.links)));
  }

  getChargeForPaymentIntent(paymentIntentId: string): BillingResult<Charge> {
    return this.call(async () => {
      const pi = await this.stripe.paymentIntents.retrieve(paymentIntentId);
      const latest = pi.latest_charge;
      if (!latest) return err(connectorError('stripe', 'not_found', `payment intent ${paymentIntentId} has no charge`));
      const charge = typeof latest === 'string' ? await this.stripe.charges.retrieve(latest) : latest;
      return ok(mapCharge(charge, this.links));
    });
  }

  listCharges(customerId: string): BillingResult<Charge[]> {
    return this.call(async () => {
      const charges = await this.stripe.charges.list({ customer: customerId, limit: 100 }).autoPagingToArray({ limit: LIST_CAP });
      return ok(charges.map((c) => mapCharge(c, this.links)));
    });
  }

  createRefund(input: CreateRefundInput, idempotencyKey: string): BillingResult<Refund> {
    return this.call(async () => {
      // Stripe refunds in the charge's currency and takes a bare amount: check the currency first so a
      // 1000 "eur" never becomes 1000 usd cents.
      const charge = await this.stripe.charges.retrieve(input.chargeId);
      if (charge.currency !== input.amount.currency) {
        return err(
          connectorError('stripe', 'invalid_request', `refund currency ${input.amount.currency} does not match charge currency ${charge.currency}`),
        );
      }
      const refund = await this.stripe.refunds.create(
        {
          charge: input.chargeId,
          amount: input.amount.amount,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.metadata ? { metadata: input.metadata } : {}),
        },
        writeOptions(idempotencyKey),
      );
      return ok(mapRefund(refund, this.links));
    });
  }

  getRefund(id: string): BillingResult<Refund> {
    return this.call(async () => ok(mapRefund(await this.stripe.refunds.retrieve(id), this.links)));
  }

  listRefunds(chargeId: string): BillingResult<Refund[]> {
    return this.call(async () => {
      const refunds = await this.stripe.refunds.list({ charge: chargeId, limit: 100 }).autoPagingToArray({ limit: LIST_CAP });
      return ok(refunds.map((r) => mapRefund(r, this.links)));
    });
  }

  getSubscription(id: string): BillingResult<Subscription> {
    return this.call(async () => ok(mapSubscription(await this.stripe.subscriptions.retrieve(id), this.links)));
  }

  listSubscriptions(customerId: string): BillingResult<Subscription[]> {
    return this.call(async () => {
      // status "all": by default Stripe leaves canceled subscriptions out, and a case may be about one.
      const subs = await this.stripe.subscriptions
        .list({ customer: customerId, status: 'all', limit: 100 })
        .autoPagingToArray({ limit: LIST_CAP });
      return ok(subs.map((s) => mapSubscription(s, this.links)));
    });
  }

  previewPriceChange(subscriptionId: string, newPriceId: string): BillingResult<ProrationPreview> {
    return this.call(async () => {
      const item = await this.soleItem(subscriptionId);
      if (!item.ok) return item;
      const preview = await this.stripe.invoices.createPreview({
        subscription: subscriptionId,
        subscription_details: { items: [{ id: item.value, price: newPriceId }], proration_behavior: PRORATION_BEHAVIOR },
      });
      return ok(mapPreview(subscriptionId, preview));
    });
  }

  changePrice(subscriptionId: string, newPriceId: string, idempotencyKey: string): BillingResult<Subscription> {
    return this.call(async () => {
      const item = await this.soleItem(subscriptionId);
      if (!item.ok) return item;
      const sub = await this.stripe.subscriptions.update(
        subscriptionId,
        { items: [{ id: item.value, price: newPriceId }], proration_behavior: PRORATION_BEHAVIOR },
        writeOptions(idempotencyKey),
      );
      return ok(mapSubscription(sub, this.links));
    });
  }

  cancelSubscription(
    subscriptionId: string,
    options: { prorate: boolean; atPeriodEnd: boolean },
    idempotencyKey: string,
  ): BillingResult<Subscription> {
    return this.call(async () => {
      if (options.atPeriodEnd) {
        const sub = await this.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true }, writeOptions(idempotencyKey));
        return ok(mapSubscription(sub, this.links));
      }
      try {
        // invoice_now with prorate: the unused-time credit is booked now, not left pending on a dead subscription.
        const sub = await this.stripe.subscriptions.cancel(
          subscriptionId,
          { prorate: options.prorate, invoice_now: options.prorate },
          writeOptions(idempotencyKey),
        );
        return ok(mapSubscription(sub, this.links));
      } catch (e) {
        // DELETE is not covered by Stripe's idempotency: a repeat of a cancel that already happened is
        // refused, and counts as done when the subscription is indeed canceled.
        const error = mapStripeError(e);
        if (error.code !== 'invalid_request') return err(error);
        const current = await this.stripe.subscriptions.retrieve(subscriptionId);
        return current.status === 'canceled' ? ok(mapSubscription(current, this.links)) : err(error);
      }
    });
  }

  listInvoices(customerId: string): BillingResult<Invoice[]> {
    return this.call(async () => {
      const invoices = await this.stripe.invoices.list({ customer: customerId, limit: 100 }).autoPagingToArray({ limit: LIST_CAP });
      return ok(invoices.map((i) => mapInvoice(i, this.links)));
    });
  }

  /** The one item a price change moves; several items would make "the new price" ambiguous. */
  private async soleItem(subscriptionId: string): Promise<Result<string, ConnectorError>> {
    const sub = await this.stripe.subscriptions.retrieve(subscriptionId);
    const items = sub.items.data;
    if (items.length !== 1) {
      return err(connectorError('stripe', 'invalid_request', `subscription ${subscriptionId} has ${items.length} items; a price change needs exactly one`));
    }
    return ok(items[0]!.id);
  }

  private async call<T>(run: () => Promise<Result<T, ConnectorError>>): Promise<Result<T, ConnectorError>> {
    try {
      return await run();
    } catch (e) {
      return err(mapStripeError(e));
    }
  }
}
