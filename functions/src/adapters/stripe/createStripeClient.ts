// Builds the official Stripe SDK client and holds the one rule for retries and idempotency of
// every Stripe write this adapter makes.
import Stripe from 'stripe';

export interface StripeClientOptions {
  apiKey: string;
  /** Where the API lives, e.g. http://127.0.0.1:1234; https://api.stripe.com when absent. */
  apiBase?: string;
  timeoutMs?: number;
  maxNetworkRetries?: number;
}

export function createStripeClient(opts: StripeClientOptions): Stripe {
  const config: Stripe.StripeConfig = {
    maxNetworkRetries: opts.maxNetworkRetries ?? 2,
    timeout: opts.timeoutMs ?? 20_000,
    telemetry: false,
  };
  if (opts.apiBase) {
    const url = new URL(opts.apiBase);
    // The SDK addresses /v1/… from the root of a host; a base path would be silently dropped.
    if (url.pathname !== '/' || url.search) throw new Error(`Stripe apiBase must be an origin (scheme://host[:port]), got ${opts.apiBase}`);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    config.host = url.hostname;
    config.protocol = protocol;
    config.port = url.port || (protocol === 'http' ? 80 : 443);
  }
  return new Stripe(opts.apiKey, config);
}

/**
 * Request options of every Stripe write. The retry/idempotency rule, in one place:
 * - The caller's key is derived from case + step (domain/proposal.ts idempotencyKey), so it is the
 *   same across SDK retries, job retries, crashes and double clicks; Stripe replays the first answer
 *   instead of acting twice.
 * - The SDK retries connection failures, 409 and 5xx itself (maxNetworkRetries, exponential backoff)
 *   and sends the same Idempotency-Key header on each attempt — ours, never its random default, which
 *   would only protect its own retries and not ours.
 * - Stripe honours keys on POST only. DELETE (cancel now) is made safe by state instead: cancelling a
 *   subscription that is already canceled is treated as done (see StripeBillingGateway).
 */
export function writeOptions(idempotencyKey: string): Stripe.RequestOptions {
  return { idempotencyKey };
}
