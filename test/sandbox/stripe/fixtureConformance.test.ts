// Every object the Stripe sandbox returns over HTTP carries every field of Stripe's own fixture for
// that resource, with the same JSON type — so code written against the sandbox meets real shapes.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createStripeSandbox } from '../../../sandbox/stripe/createStripeSandbox.js';
import { shapeProblems } from './fixtureShape.js';
import { stripeCall, stripeTestWorld } from './stripeTestWorld.js';

type Resources = Record<string, Record<string, unknown>>;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED = `${repoRoot}../shared/datasets/stripe-fixtures/fixtures3.json`;
const LOCAL = `${repoRoot}sandbox/stripe/fixtures.json`;
const readResources = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { resources: Resources }).resources;
const local = readResources(LOCAL);
const fixtures: Resources = existsSync(SHARED) ? readResources(SHARED) : local;

const RESOURCES = ['customer', 'charge', 'payment_intent', 'refund', 'price', 'subscription', 'invoice'] as const;
type Resource = (typeof RESOURCES)[number];

// Fields the sandbox may send as null although the fixture shows a value: each is declared `| null` in
// stripe-node's type definitions (node_modules/stripe/esm/resources/*.d.ts) and is null on real objects
// in these states (no discount, no shipping, not canceled, no trial, no transfer…).
const NULLABLE: Record<Resource, string[]> = {
  customer: ['discount', 'shipping'],
  charge: [
    'balance_transaction',
    'description',
    'payment_method_details.card.installments',
    'payment_method_details.card.wallet',
    'shipping',
    'source',
    'transfer_data',
  ],
  payment_intent: ['canceled_at', 'last_payment_error', 'next_action', 'processing', 'shipping', 'transfer_data'],
  refund: [],
  price: ['custom_unit_amount', 'transform_quantity'],
  subscription: [
    'automatic_tax.liability',
    'billing_cycle_anchor_config',
    'billing_thresholds',
    'cancel_at',
    'canceled_at',
    'ended_at',
    'items.data[].billing_thresholds',
    'items.data[].plan.transform_usage',
    'items.data[].price.custom_unit_amount',
    'items.data[].price.transform_quantity',
    'next_pending_invoice_item_invoice',
    'pause_collection',
    'pending_invoice_item_interval',
    'pending_update',
    'transfer_data',
    'trial_end',
    'trial_start',
  ],
  invoice: [
    'automatic_tax.liability',
    'customer_shipping',
    'due_date',
    'effective_at',
    'from_invoice',
    'last_finalization_error',
    'lines.data[].parent.invoice_item_details',
    'lines.data[].parent.subscription_item_details.proration_details.credited_items',
    'next_payment_attempt',
    'parent.quote_details',
    'shipping_cost',
    'shipping_details',
    'webhooks_delivered_at',
  ],
};

function conforms(label: string, resource: Resource, obj: unknown): void {
  expect(shapeProblems(fixtures[resource], obj, new Set(NULLABLE[resource])), label).toEqual([]);
  expect((obj as { object?: unknown }).object, label).toBe(fixtures[resource]!.object);
}

/** Stripe's list envelope, as the fixture embeds it (charge.refunds). */
const LIST_FIXTURE = { ...(fixtures.charge!.refunds as Record<string, unknown>), data: [] };

describe('fixture conformance of the Stripe sandbox', () => {
  let sb: SandboxHandle;
  const get = async (path: string, params: Record<string, unknown> = {}) => {
    const r = await stripeCall(sb.url, 'GET', path, params);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const post = async (path: string, params: Record<string, unknown>) => {
    const r = await stripeCall(sb.url, 'POST', path, params);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const objects: { label: string; resource: Resource; obj: unknown }[] = [];
  const lists: { label: string; resource: Resource; list: { data: unknown[] } }[] = [];

  beforeAll(async () => {
    sb = await startSandbox(createStripeSandbox(stripeTestWorld()));
    const add = (label: string, resource: Resource, obj: unknown) => objects.push({ label, resource, obj });
    add('created refund', 'refund', await post('/v1/refunds', { charge: 'ch_demo_1001', amount: 1000, reason: 'requested_by_customer' }));
    add('pending refund', 'refund', await post('/v1/refunds', { charge: 'ch_test_failing', amount: 500 }));
    const failed = (await get('/v1/refunds', { charge: 'ch_test_failing' })).data[0];
    add('failed refund', 'refund', failed);
    add('customer', 'customer', await get('/v1/customers/cus_demo_jane'));
    const charge = await get('/v1/charges/ch_demo_1001');
    add('charge with refunds', 'charge', charge);
    for (const r of charge.refunds.data) add('refund embedded in a charge', 'refund', r);
    add('failed charge', 'charge', await get('/v1/charges/ch_demo_1002_declined'));
    add('succeeded payment intent', 'payment_intent', await get('/v1/payment_intents/pi_demo_1001'));
    add('payment intent with a failed attempt', 'payment_intent', await get('/v1/payment_intents/pi_demo_1002'));
    add('price', 'price', await get('/v1/prices/price_basic_monthly'));
    add('active subscription', 'subscription', await get('/v1/subscriptions/sub_demo_ana'));
    add('seeded invoice', 'invoice', await get('/v1/invoices/in_demo_ana_nov'));
    const details = { items: [{ id: 'si_demo_ana_pro', price: 'price_basic_monthly' }] };
    for (const behavior of ['always_invoice', 'create_prorations']) {
      const preview = await post('/v1/invoices/create_preview', { subscription: 'sub_demo_ana', subscription_details: { ...details, proration_behavior: behavior } });
      add(`preview invoice (${behavior})`, 'invoice', preview);
    }
    add('subscription after a price change', 'subscription', await post('/v1/subscriptions/sub_demo_ana', { ...details, proration_behavior: 'always_invoice' }));
    const proration = (await get('/v1/invoices', { customer: 'cus_demo_ana', limit: 1 })).data[0];
    add('proration invoice', 'invoice', proration);
    const canceled = await stripeCall(sb.url, 'DELETE', '/v1/subscriptions/sub_demo_ana', { prorate: true, invoice_now: true });
    add('canceled subscription', 'subscription', canceled.body);
    lists.push(
      { label: 'charges', resource: 'charge', list: await get('/v1/charges', { customer: 'cus_demo_jane' }) },
      { label: 'refunds', resource: 'refund', list: await get('/v1/refunds', { charge: 'ch_demo_1001' }) },
      { label: 'subscriptions', resource: 'subscription', list: await get('/v1/subscriptions', { customer: 'cus_demo_ana', status: 'all' }) },
      { label: 'invoices', resource: 'invoice', list: await get('/v1/invoices', { customer: 'cus_demo_ana' }) },
    );
  });
  afterAll(() => sb.close());

  it('reads the fixtures of every resource the sandbox serves', () => {
    for (const r of RESOURCES) expect(fixtures[r], r).toBeTypeOf('object');
    // The copy in sandbox/stripe is what the sandbox builds from: it must not drift from the shared original.
    for (const r of RESOURCES) expect(local[r], r).toEqual(fixtures[r]);
  });

  it('returns objects shaped like the fixture of their resource', () => {
    expect(objects.length).toBeGreaterThanOrEqual(17);
    for (const { label, resource, obj } of objects) conforms(label, resource, obj);
  });

  it('returns lists in Stripe’s envelope with fixture-shaped elements', () => {
    for (const { label, resource, list } of lists) {
      expect(shapeProblems(LIST_FIXTURE, list), label).toEqual([]);
      expect(list.data.length, label).toBeGreaterThan(0);
      for (const obj of list.data) conforms(`${label} list element`, resource, obj);
    }
  });
});

describe('shapeProblems', () => {
  it.each([
    { name: 'identical shapes', fixture: { a: 1, b: 's' }, actual: { a: 2, b: 't', extra: true }, problems: [] },
    { name: 'a missing field', fixture: { a: 1, b: 's' }, actual: { a: 2 }, problems: ['b: missing (fixture has string)'] },
    { name: 'a different type', fixture: { a: 1 }, actual: { a: '1' }, problems: ['a: string where the fixture has number'] },
    { name: 'null in the fixture allows anything', fixture: { a: null }, actual: { a: { deep: 1 } }, problems: [] },
    { name: 'null in the object where the fixture has a value', fixture: { a: {} }, actual: { a: null }, problems: ['a: null where the fixture has object'] },
    { name: 'nested array elements', fixture: { l: { data: [{ id: 'x' }] } }, actual: { l: { data: [{ id: 'y' }, { id: 3 }] } }, problems: ['l.data[].id: number where the fixture has string'] },
    { name: 'an array where an object is expected', fixture: { o: { k: 1 } }, actual: { o: [] }, problems: ['o: array where the fixture has object'] },
  ])('reports $name', ({ fixture, actual, problems }) => {
    expect(shapeProblems(fixture, actual)).toEqual(problems);
  });

  it('accepts null at listed nullable paths only', () => {
    const fixture = { a: { b: 1 }, c: 2 };
    expect(shapeProblems(fixture, { a: null, c: null }, new Set(['a']))).toEqual(['c: null where the fixture has number']);
  });
});
