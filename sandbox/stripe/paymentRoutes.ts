// Payments endpoints of the Stripe sandbox: customers, charges, payment intents and refunds, with
// Stripe's refund rules (never more than the unrefunded amount, nothing on a refunded or disputed
// charge) and per-charge refund outcomes for testing settlement follow-ups.
import { ParamReader } from './formParams.js';
import { chargeObject, customerObject, paymentIntentObject, refundObject } from './paymentObjects.js';
import { invalidParam, invalidRequest } from './StripeApiError.js';
import { listObject, paginate } from './stripeList.js';
import type { RouteFn } from './stripeRoute.js';
import { newestFirst, type StripeState } from './StripeState.js';
import type { ChargeRecord, RefundRecord } from './StripeWorld.js';

const PAGING = ['limit', 'starting_after', 'ending_before'] as const;
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

function formatAmount(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

/** The charge a refund request targets: named directly, or the succeeded charge of a payment intent. */
function refundTarget(state: StripeState, reader: ParamReader): ChargeRecord {
  const chargeId = reader.string('charge');
  const intentId = reader.string('payment_intent');
  if (!chargeId && !intentId) {
    throw invalidParam('parameter_missing', 'One of the following params should be provided for this request: payment_intent or charge.', 'charge');
  }
  if (chargeId) {
    const charge = state.charge(chargeId, 'charge');
    if (intentId && charge.payment_intent !== intentId) {
      throw invalidParam(null, `Charge ${chargeId} does not belong to PaymentIntent ${intentId}.`, 'payment_intent');
    }
    return charge;
  }
  const charges = state.chargesOfPaymentIntent(intentId!, 'payment_intent');
  return charges.find((c) => c.status === 'succeeded') ?? charges[0]!;
}

function createRefund(state: StripeState, reader: ParamReader): RefundRecord {
  const charge = refundTarget(state, reader);
  const amount = reader.int('amount', { min: 1 });
  const reason = reader.oneOf('reason', REFUND_REASONS) ?? null;
  const metadata = reader.metadata();
  if (charge.status !== 'succeeded') {
    throw invalidRequest('charge_not_refundable', `Charge ${charge.id} has not succeeded (status ${charge.status}) and cannot be refunded.`, 'charge');
  }
  if (charge.disputed) {
    throw invalidRequest('charge_disputed', `Charge ${charge.id} has been charged back; cannot issue a refund.`, 'charge');
  }
  const remaining = charge.amount - state.amountRefunded(charge);
  if (remaining <= 0) throw invalidRequest('charge_already_refunded', `Charge ${charge.id} has already been refunded.`, 'charge');
  const refundAmount = amount ?? remaining;
  if (refundAmount > remaining) {
    throw invalidRequest(
      'amount_too_large',
      `Refund amount (${formatAmount(refundAmount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      'amount',
    );
  }
  const outcome = charge.refund_outcome;
  const refund: RefundRecord = {
    id: state.newId('re'),
    charge: charge.id,
    amount: refundAmount,
    status: outcome === 'succeeded' ? 'succeeded' : 'pending',
    reason,
    created: state.nowIso(),
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).filter((e): e is [string, string] => e[1] !== null)),
    failure_reason: null,
    settles_to: outcome === 'failed' ? 'failed' : null,
  };
  state.world.refunds.push(refund);
  return refund;
}

export function registerPaymentRoutes(route: RouteFn, state: StripeState): void {
  route('GET', '/v1/customers', ({ params }) => {
    // Like Stripe, `email` matches the customer's email exactly (case-sensitive).
    const reader = new ParamReader(params, ['email', ...PAGING]);
    const email = reader.string('email');
    const customers = newestFirst(state.world.customers.filter((c) => email === undefined || c.email === email));
    const { page, hasMore } = paginate(customers, reader);
    return listObject(
      page.map((c) => customerObject(state, c)),
      '/v1/customers',
      hasMore,
    );
  });

  route('GET', '/v1/customers/:id', ({ params, path }) => {
    new ParamReader(params, []);
    return customerObject(state, state.customer(path.id!));
  });

  route('GET', '/v1/charges/:id', ({ params, path }) => {
    new ParamReader(params, []);
    return chargeObject(state, state.charge(path.id!));
  });

  route('GET', '/v1/charges', ({ params }) => {
    const reader = new ParamReader(params, ['customer', 'payment_intent', ...PAGING]);
    const customer = reader.string('customer');
    const intent = reader.string('payment_intent');
    const charges = newestFirst(
      state.world.charges.filter((c) => (!customer || c.customer === customer) && (!intent || c.payment_intent === intent)),
    );
    const { page, hasMore } = paginate(charges, reader);
    return listObject(
      page.map((c) => chargeObject(state, c)),
      '/v1/charges',
      hasMore,
    );
  });

  route('GET', '/v1/payment_intents/:id', ({ params, path }) => {
    new ParamReader(params, ['client_secret']);
    return paymentIntentObject(state, path.id!);
  });

  route('GET', '/v1/refunds/:id', ({ params, path }) => {
    new ParamReader(params, []);
    return refundObject(state, state.refund(path.id!));
  });

  route('GET', '/v1/refunds', ({ params }) => {
    const reader = new ParamReader(params, ['charge', 'payment_intent', ...PAGING]);
    const charge = reader.string('charge');
    const intent = reader.string('payment_intent');
    const refunds = newestFirst(
      state.world.refunds.filter(
        (r) => (!charge || r.charge === charge) && (!intent || state.charge(r.charge).payment_intent === intent),
      ),
    );
    const { page, hasMore } = paginate(refunds, reader);
    return listObject(
      page.map((r) => refundObject(state, r)),
      '/v1/refunds',
      hasMore,
    );
  });

  route('GET', '/v1/charges/:id/refunds', ({ params, path }) => {
    const reader = new ParamReader(params, [...PAGING]);
    const { page, hasMore } = paginate(state.refundsOf(state.charge(path.id!).id), reader);
    return listObject(
      page.map((r) => refundObject(state, r)),
      `/v1/charges/${path.id}/refunds`,
      hasMore,
    );
  });

  route('POST', '/v1/refunds', ({ params }) => {
    const reader = new ParamReader(params, ['charge', 'payment_intent', 'amount', 'reason', 'metadata']);
    return refundObject(state, createRefund(state, reader));
  });
}
