// Billing endpoints of the Stripe sandbox: prices, subscriptions (retrieve, list, price change with a
// proration behaviour, cancel at period end, cancel now) and invoices (list, retrieve, and the proration
// preview POST /v1/invoices/create_preview that stripe-node's invoices.createPreview calls).
import { invoiceObject, priceObject, subscriptionObject } from './billingObjects.js';
import { applyMetadata, ParamReader } from './formParams.js';
import { invalidParam } from './StripeApiError.js';
import { listObject, paginate } from './stripeList.js';
import type { RouteFn } from './stripeRoute.js';
import { newestFirst, type StripeState } from './StripeState.js';
import {
  assertUpdatable,
  cancelNow,
  changePrices,
  previewInvoice,
  PRORATION_BEHAVIORS,
  validateChanges,
  type ItemChange,
} from './subscriptionBilling.js';

const PAGING = ['limit', 'starting_after', 'ending_before'] as const;
const ITEM_FIELDS = ['id', 'price', 'quantity'] as const;
const SUBSCRIPTION_STATUSES = ['active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'trialing', 'paused', 'all', 'ended'] as const;
const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const;

function itemChanges(items: ParamReader[], param: string): ItemChange[] {
  return items.map((item, i) => {
    const where = `${param}[${i}]`;
    if (item.string('quantity') !== undefined) item.int('quantity', { min: 1 }); // validated; quantity changes are not modelled
    const itemId = item.string('id');
    if (!itemId) throw invalidParam('parameter_missing', `Missing required param: ${where}[id]. The sandbox only moves existing items.`, `${where}[id]`);
    return { itemId, priceId: item.requiredString('price'), param: where };
  });
}

export function registerBillingRoutes(route: RouteFn, state: StripeState): void {
  route('GET', '/v1/prices/:id', ({ params, path }) => {
    new ParamReader(params, []);
    return priceObject(state.price(path.id!));
  });

  route('GET', '/v1/subscriptions/:id', ({ params, path }) => {
    new ParamReader(params, []);
    return subscriptionObject(state, state.subscription(path.id!));
  });

  route('GET', '/v1/subscriptions', ({ params }) => {
    const reader = new ParamReader(params, ['customer', 'price', 'status', ...PAGING]);
    const customer = reader.string('customer');
    const price = reader.string('price');
    const status = reader.oneOf('status', SUBSCRIPTION_STATUSES);
    // Like Stripe, the default list leaves out canceled subscriptions.
    const statusMatches = (s: string) =>
      status === 'all' ? true : status === 'ended' ? s === 'canceled' || s === 'incomplete_expired' : status ? s === status : s !== 'canceled';
    const subs = newestFirst(
      state.world.subscriptions.filter(
        (s) => (!customer || s.customer === customer) && (!price || s.items.some((it) => it.price === price)) && statusMatches(s.status),
      ),
    );
    const { page, hasMore } = paginate(subs, reader);
    return listObject(
      page.map((s) => subscriptionObject(state, s)),
      '/v1/subscriptions',
      hasMore,
    );
  });

  route('POST', '/v1/subscriptions/:id', ({ params, path }) => {
    const reader = new ParamReader(params, ['items', 'proration_behavior', 'proration_date', 'cancel_at_period_end', 'metadata']);
    const sub = state.subscription(path.id!);
    const changes = itemChanges(reader.list('items', ITEM_FIELDS), 'items');
    const behavior = reader.oneOf('proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations';
    const at = reader.int('proration_date') ?? state.now();
    const cancelAtPeriodEnd = reader.bool('cancel_at_period_end');
    const metadata = reader.metadata();
    if (changes.length > 0 || cancelAtPeriodEnd !== undefined) assertUpdatable(sub);
    validateChanges(state, sub, changes);
    if (changes.length > 0) changePrices(state, sub, changes, behavior, at);
    if (cancelAtPeriodEnd !== undefined) sub.cancel_at_period_end = cancelAtPeriodEnd;
    sub.metadata = applyMetadata(sub.metadata, metadata);
    return subscriptionObject(state, sub);
  });

  route('DELETE', '/v1/subscriptions/:id', ({ params, path }) => {
    const reader = new ParamReader(params, ['prorate', 'invoice_now', 'cancellation_details']);
    reader.object('cancellation_details', ['comment', 'feedback']);
    const sub = state.subscription(path.id!);
    cancelNow(state, sub, { prorate: reader.bool('prorate') ?? false, invoiceNow: reader.bool('invoice_now') ?? false }, state.now());
    return subscriptionObject(state, sub);
  });

  route('GET', '/v1/invoices/:id', ({ params, path }) => {
    new ParamReader(params, []);
    return invoiceObject(state, state.invoice(path.id!));
  });

  route('GET', '/v1/invoices', ({ params }) => {
    const reader = new ParamReader(params, ['customer', 'subscription', 'status', ...PAGING]);
    const customer = reader.string('customer');
    const subscription = reader.string('subscription');
    const status = reader.oneOf('status', INVOICE_STATUSES);
    const invoices = newestFirst(
      state.world.invoices.filter(
        (i) => (!customer || i.customer === customer) && (!subscription || i.subscription === subscription) && (!status || i.status === status),
      ),
    );
    const { page, hasMore } = paginate(invoices, reader);
    return listObject(
      page.map((i) => invoiceObject(state, i)),
      '/v1/invoices',
      hasMore,
    );
  });

  route('POST', '/v1/invoices/create_preview', ({ params }) => {
    const reader = new ParamReader(params, ['customer', 'subscription', 'subscription_details']);
    const sub = state.subscription(reader.requiredString('subscription'), 'subscription');
    const customer = reader.string('customer');
    if (customer && customer !== sub.customer) {
      throw invalidParam(null, `Subscription ${sub.id} does not belong to customer ${customer}.`, 'customer');
    }
    const details = reader.object('subscription_details', ['items', 'proration_behavior', 'proration_date']);
    const changes = itemChanges(details.list('items', ITEM_FIELDS), 'subscription_details[items]');
    const behavior = details.oneOf('proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations';
    const at = details.int('proration_date') ?? state.now();
    if (changes.length > 0) assertUpdatable(sub);
    validateChanges(state, sub, changes);
    return invoiceObject(state, previewInvoice(state, sub, changes, behavior, at), { preview: true });
  });
}
