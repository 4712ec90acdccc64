// Builds the API objects of the payments side — customer, charge, payment_intent, refund — from the
// world's records: Stripe's fixture for the resource overlaid with the sandbox's real values.
import { fixtureTemplate, sub, type Json } from './fixtureTemplate.js';
import { listObject } from './stripeList.js';
import { idSuffix, toUnix, type StripeState } from './StripeState.js';
import type { ChargeRecord, CustomerRecord, RefundRecord } from './StripeWorld.js';

export function customerObject(state: StripeState, c: CustomerRecord): Json {
  const t = fixtureTemplate('customer');
  return {
    ...t,
    id: c.id,
    balance: c.balance,
    created: toUnix(c.created),
    currency: c.currency,
    default_source: null,
    delinquent: false,
    description: c.description,
    discount: null,
    email: c.email,
    invoice_prefix: idSuffix(c.id).toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8),
    metadata: c.metadata,
    name: c.name,
    next_invoice_sequence: state.world.invoices.filter((i) => i.customer === c.id).length + 1,
    phone: c.phone,
    preferred_locales: c.preferred_locales,
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function refundObject(state: StripeState, r: RefundRecord): Json {
  const t = fixtureTemplate('refund');
  const charge = state.charge(r.charge);
  const settled = r.status === 'succeeded' || r.status === 'pending';
  return {
    ...t,
    id: r.id,
    amount: r.amount,
    balance_transaction: settled ? `txn_${idSuffix(r.id)}` : null,
    charge: r.charge,
    created: toUnix(r.created),
    currency: charge.currency,
    destination_details: { ...sub(t, 'destination_details'), card: { type: r.status === 'pending' ? 'pending' : 'refund' }, type: 'card' },
    metadata: r.metadata,
    payment_intent: charge.payment_intent,
    reason: r.reason,
    receipt_number: null,
    status: r.status,
    customer: null,
    payment_method: null,
    ...(r.status === 'failed'
      ? { failure_reason: r.failure_reason ?? 'unknown', failure_balance_transaction: `txn_fail_${idSuffix(r.id)}` }
      : {}),
  };
}

export function chargeObject(state: StripeState, c: ChargeRecord): Json {
  const t = fixtureTemplate('charge');
  const customer = c.customer ? state.customer(c.customer) : null;
  const refunded = state.amountRefunded(c);
  const succeeded = c.status === 'succeeded';
  const pmd = sub(t, 'payment_method_details');
  const card = pmd.card as Json;
  return {
    ...t,
    id: c.id,
    amount: c.amount,
    amount_captured: succeeded ? c.amount : 0,
    amount_refunded: refunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: succeeded ? `txn_${idSuffix(c.id)}` : null,
    billing_details: { ...sub(t, 'billing_details'), email: customer?.email ?? null, name: customer?.name ?? null },
    calculated_statement_descriptor: 'CASE CLOSER SANDBOX',
    captured: succeeded,
    created: toUnix(c.created),
    currency: c.currency,
    customer: c.customer,
    description: c.description,
    disputed: c.disputed,
    failure_balance_transaction: null,
    failure_code: c.failure_code,
    failure_message: c.failure_message,
    fraud_details: {},
    metadata: c.metadata,
    outcome: {
      ...sub(t, 'outcome'),
      network_status: c.status === 'failed' ? 'declined_by_network' : 'approved_by_network',
      reason: c.status === 'failed' ? (c.failure_code ?? 'generic_decline') : null,
      seller_message: c.status === 'failed' ? 'The bank did not return any further details with this decline.' : 'Payment complete.',
      type: c.status === 'failed' ? 'issuer_declined' : 'authorized',
    },
    paid: succeeded,
    payment_intent: c.payment_intent,
    payment_method: `pm_${idSuffix(c.id)}`,
    payment_method_details: {
      ...pmd,
      card: {
        ...card,
        amount_authorized: c.status === 'failed' ? null : c.amount,
        brand: c.card.brand,
        network: c.card.brand,
        exp_month: c.card.exp_month,
        exp_year: c.card.exp_year,
        last4: c.card.last4,
        fingerprint: `fp${idSuffix(c.id)}`.slice(0, 16),
        installments: null,
        overcapture: { maximum_amount_capturable: c.amount, status: 'unavailable' },
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: customer?.email ?? null,
    receipt_number: null,
    receipt_url: `https://pay.stripe.com/receipts/payment/sandbox_${c.id}`,
    refunded: refunded >= c.amount,
    refunds: listObject(
      state.refundsOf(c.id).map((r) => refundObject(state, r)),
      `/v1/charges/${c.id}/refunds`,
    ),
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: c.status,
    transfer_data: null,
    transfer_group: null,
  };
}

/** A payment intent is derived from its charges (the world records charges only). */
export function paymentIntentObject(state: StripeState, id: string): Json {
  const t = fixtureTemplate('payment_intent');
  const charges = state.chargesOfPaymentIntent(id);
  const latest = charges[0]!;
  const customer = latest.customer ? state.customer(latest.customer) : null;
  const status = { succeeded: 'succeeded', pending: 'processing', failed: 'requires_payment_method' }[latest.status];
  return {
    ...t,
    id,
    amount: latest.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: latest.status === 'succeeded' ? latest.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_sandbox`,
    confirmation_method: 'automatic',
    created: toUnix(charges[charges.length - 1]!.created),
    currency: latest.currency,
    customer: latest.customer,
    description: latest.description,
    last_payment_error:
      latest.status === 'failed'
        ? { type: 'card_error', code: latest.failure_code ?? 'card_declined', message: latest.failure_message ?? 'Your card was declined.' }
        : null,
    latest_charge: latest.id,
    metadata: latest.metadata,
    next_action: null,
    payment_method: latest.status === 'failed' ? null : `pm_${idSuffix(latest.id)}`,
    payment_method_types: ['card'],
    processing: null,
    receipt_email: customer?.email ?? null,
    review: null,
    shipping: null,
    source: null,
    status,
    transfer_data: null,
    transfer_group: null,
    managed_payments: { enabled: false },
  };
}
