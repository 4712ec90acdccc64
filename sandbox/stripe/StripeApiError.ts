// Errors the Stripe sandbox answers with, in Stripe's envelope {error:{type,code,message,param?,decline_code?}}
// and with the status Stripe uses for each kind (the SDK picks its error class from the status).
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  code?: string;
  message: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 402 | 403 | 404 | 409 | 429 | 500,
    readonly body: StripeErrorBody,
    /**
     * Whether an idempotency key keeps this answer for replay. Stripe saves the result of any request
     * that started executing, but not of one that failed parameter validation or collided with a
     * concurrent request using the same key.
     */
    readonly saved = true,
  ) {
    super(body.message);
  }

  envelope(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

const docUrl = (code: string) => `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}`;

export function invalidRequest(code: string | null, message: string, param?: string, saved = true): StripeApiError {
  return new StripeApiError(
    400,
    { type: 'invalid_request_error', ...(code ? { code, doc_url: docUrl(code) } : {}), message, ...(param ? { param } : {}) },
    saved,
  );
}

/** A request that failed validation: Stripe does not save it under the idempotency key. */
export function invalidParam(code: string | null, message: string, param: string): StripeApiError {
  return invalidRequest(code, message, param, false);
}

/** Missing object: 404 when it is the object addressed by the URL, 400 when it is named by a parameter. */
export function resourceMissing(kind: string, id: string, param = 'id', status: 400 | 404 = 404): StripeApiError {
  return new StripeApiError(
    status,
    { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param, doc_url: docUrl('resource_missing') },
    false,
  );
}

export function unauthorized(message: string): StripeApiError {
  // Stripe answers bad keys with type invalid_request_error and status 401, without a code.
  return new StripeApiError(401, { type: 'invalid_request_error', message }, false);
}

export function idempotencyMismatch(key: string): StripeApiError {
  return new StripeApiError(
    400,
    {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    },
    false,
  );
}

export function idempotencyKeyInUse(key: string): StripeApiError {
  return new StripeApiError(
    409,
    {
      type: 'invalid_request_error',
      code: 'idempotency_key_in_use',
      message: `There is currently another in-progress request using this idempotency key ('${key}'). Please retry shortly.`,
      doc_url: docUrl('idempotency_key_in_use'),
    },
    false,
  );
}

export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return new StripeApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` }, false);
}

export function internalError(message: string): StripeApiError {
  return new StripeApiError(500, { type: 'api_error', message }, false);
}

/**
 * Stripe-shaped bodies for the kit's status faults, for errors the sandbox never produces on its own:
 * sb.faults.add({ path: '/v1/refunds', kind: 'status', status: 402, body: STRIPE_FAULT_BODIES.card_declined }).
 */
export const STRIPE_FAULT_BODIES = {
  /** status 402 */
  card_declined: {
    error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  },
  /** status 429 */
  rate_limit: {
    error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.' },
  },
  /** status 500 */
  api_error: { error: { type: 'api_error', message: 'Something went wrong on Stripe’s end.' } },
  /** status 403 */
  permission: { error: { type: 'invalid_request_error', message: 'The provided key does not have the required permissions for this endpoint.' } },
} as const;
