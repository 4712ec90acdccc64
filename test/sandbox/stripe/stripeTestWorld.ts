// Shared by the Stripe sandbox and adapter tests: the demo world plus charges that exercise the
// business rules (refund outcomes, a disputed charge), and a raw HTTP client that speaks Stripe's
// wire format the way the SDK does (form encoding with brackets, bearer key, Idempotency-Key).
import { readFileSync } from 'node:fs';
import type { StripeWorld } from '../../../sandbox/stripe/StripeWorld.js';

export const TEST_KEY = 'sk_test_sandbox';
export const OTHER_KEY = 'sk_test_other_account';

export function demoStripeWorld(): StripeWorld {
  return JSON.parse(readFileSync(new URL('../../../sandbox/worlds/demo/stripe.json', import.meta.url), 'utf8')) as StripeWorld;
}

export function stripeTestWorld(): StripeWorld {
  const demo = demoStripeWorld();
  const charge = (id: string, extra: Record<string, unknown>) => ({
    id,
    payment_intent: `pi_${id.slice(3)}`,
    customer: 'cus_demo_jane',
    amount: 5000,
    currency: 'usd',
    created: '2026-11-10T12:00:00Z',
    ...extra,
  });
  return {
    ...demo,
    api_keys: [TEST_KEY, OTHER_KEY],
    charges: [
      ...(demo.charges ?? []),
      charge('ch_test_pending', { refund_outcome: 'pending' }),
      charge('ch_test_failing', { refund_outcome: 'failed' }),
      charge('ch_test_disputed', { disputed: true }),
    ],
  } as StripeWorld;
}

export function formEncode(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (key: string, v: unknown) => {
    if (v === undefined) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(`${key}[${i}]`, x));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${key}[${k}]`, x);
    else pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v ?? ''))}`);
  };
  for (const [k, v] of Object.entries(params)) walk(k, v);
  return pairs.join('&');
}

export interface StripeReply {
  status: number;
  headers: Headers;
  body: any; // JSON under test: assertions read into it freely
}

export async function stripeCall(
  baseUrl: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  params: Record<string, unknown> = {},
  opts: { key?: string | null; idempotencyKey?: string } = {},
): Promise<StripeReply> {
  const query = method === 'POST' ? '' : formEncode(params);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const key = opts.key === undefined ? TEST_KEY : opts.key;
  if (key) headers.Authorization = `Bearer ${key}`;
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  const res = await fetch(`${baseUrl}${path}${query ? `?${query}` : ''}`, {
    method,
    headers,
    ...(method === 'POST' ? { body: formEncode(params) } : {}),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}
