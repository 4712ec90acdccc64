// What the engine needs from the billing system (Stripe in production).
import type { ConnectorError } from '../domain/connectorError.js';
import type { Money } from '../domain/money.js';
import type { Result } from '../domain/result.js';

export type BillingResult<T> = Promise<Result<T, ConnectorError>>;

export interface BillingCustomer {
  id: string;
  email: string | null;
  name: string | null;
  link: string;
}

export interface Charge {
  id: string;
  amount: Money;
  amountRefunded: Money;
  status: 'succeeded' | 'pending' | 'failed';
  paid: boolean;
  refunded: boolean;
  customerId: string | null;
  paymentIntentId: string | null;
  created: string; // ISO-8601
  link: string;
}

export interface Refund {
  id: string;
  chargeId: string;
  amount: Money;
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';
  created: string;
  metadata: Record<string, string>;
  link: string;
}

export interface CreateRefundInput {
  chargeId: string;
  amount: Money;
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
  metadata?: Record<string, string>;
}

export interface Subscription {
  id: string;
  customerId: string;
  status: 'active' | 'past_due' | 'unpaid' | 'canceled' | 'incomplete' | 'incomplete_expired' | 'trialing' | 'paused';
  items: { id: string; priceId: string; quantity: number; unitAmount: Money }[];
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  link: string;
}

export interface Invoice {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  amountDue: Money;
  amountPaid: Money;
  created: string;
  lines: { description: string | null; amount: Money; proration: boolean }[];
  link: string;
}

export interface ProrationPreview {
  subscriptionId: string;
  amountDue: Money; // negative amount = credit to the customer
  lines: { description: string | null; amount: Money; proration: boolean }[];
}

export interface BillingGateway {
  getCustomer(id: string): BillingResult<BillingCustomer>;
  /** Customers whose email is exactly this address, newest first. */
  findCustomersByEmail(email: string): BillingResult<BillingCustomer[]>;
  getCharge(id: string): BillingResult<Charge>;
  /** Charges of a payment intent, newest first (the latest charge is what gets refunded). */
  getChargeForPaymentIntent(paymentIntentId: string): BillingResult<Charge>;
  listCharges(customerId: string): BillingResult<Charge[]>;
  createRefund(input: CreateRefundInput, idempotencyKey: string): BillingResult<Refund>;
  getRefund(id: string): BillingResult<Refund>;
  listRefunds(chargeId: string): BillingResult<Refund[]>;
  getSubscription(id: string): BillingResult<Subscription>;
  listSubscriptions(customerId: string): BillingResult<Subscription[]>;
  /** Prorated preview of moving a subscription item to another price. */
  previewPriceChange(subscriptionId: string, newPriceId: string): BillingResult<ProrationPreview>;
  changePrice(subscriptionId: string, newPriceId: string, idempotencyKey: string): BillingResult<Subscription>;
  cancelSubscription(
    subscriptionId: string,
    options: { prorate: boolean; atPeriodEnd: boolean },
    idempotencyKey: string,
  ): BillingResult<Subscription>;
  listInvoices(customerId: string): BillingResult<Invoice[]>;
}
