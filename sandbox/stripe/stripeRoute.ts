// The shape every Stripe sandbox endpoint shares: a synchronous handler over parsed params that
// returns the response body or throws a StripeApiError. Keeping handlers synchronous matters: the
// only await of a request is reading its body, so a write is atomic with respect to other requests.
import type { Params } from './formParams.js';

export type StripeMethod = 'GET' | 'POST' | 'DELETE';

export interface StripeRequest {
  params: Params;
  path: Record<string, string>;
}

export type StripeHandler = (req: StripeRequest) => unknown;

export type RouteFn = (method: StripeMethod, pattern: string, handler: StripeHandler) => void;
