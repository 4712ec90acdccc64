// The one place a Stripe SDK error becomes a ConnectorError; no Stripe error type leaves adapters/.
// Errors that are not Stripe's are bugs in our code and are rethrown.
import Stripe from 'stripe';
import { connectorError, type ConnectorError } from '../../domain/connectorError.js';

// Business refusals Stripe reports as invalid requests: the request was well-formed, the charge's state
// says no — the same class as a card decline for the engine (do not retry, tell a human).
const REFUSALS: ReadonlySet<string> = new Set(['charge_already_refunded', 'charge_disputed', 'charge_not_refundable']);

const HTTP_TIMEOUT_CODE = 'ETIMEDOUT'; // what stripe-node's HTTP client reports when `timeout` passes

export function mapStripeError(e: unknown): ConnectorError {
  const E = Stripe.errors;
  if (!(e instanceof E.StripeError)) throw e;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const message = e.code ? `[${e.code}] ${e.message}` : e.message;
  const make = (code: ConnectorError['code']) => connectorError('stripe', code, message, status);

  if (e instanceof E.StripeCardError) return make('declined');
  if (e instanceof E.StripeIdempotencyError) return make('idempotency_conflict');
  if (e instanceof E.StripeAuthenticationError || e instanceof E.StripePermissionError) return make('auth_failed');
  if (e instanceof E.StripeRateLimitError) return make('rate_limited');
  if (e instanceof E.StripeInvalidRequestError) {
    if (e.code === 'resource_missing' || status === 404) return make('not_found');
    if (e.code && REFUSALS.has(e.code)) return make('declined');
    return make('invalid_request');
  }
  if (e instanceof E.StripeConnectionError) {
    const detail = e.detail as { code?: unknown } | undefined;
    return detail?.code === HTTP_TIMEOUT_CODE ? make('timeout') : make('unavailable');
  }
  // 409: a concurrent request holds our idempotency key (or a lock) — state is moving, retry later.
  if (status === 409) return make('conflict');
  // StripeAPIError, 5xx and anything unknown from Stripe's side.
  return make('unavailable');
}
