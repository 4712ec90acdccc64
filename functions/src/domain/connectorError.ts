// The one shape every adapter uses to report an expected failure of an outside system.
// Vendor error types never leave adapters/; the engine decides on `code` and `retryable` only.
export type SystemName = 'zendesk' | 'stripe' | 'oms' | 'entitlements' | 'openai';

export type ConnectorErrorCode =
  | 'not_found' // the record does not exist
  | 'invalid_request' // we sent something the system rejects; retrying will not help
  | 'declined' // the system refused the business operation (card declined, order already shipped…)
  | 'conflict' // state changed under us (409)
  | 'idempotency_conflict' // same key reused with different parameters
  | 'auth_failed' // credentials rejected
  | 'rate_limited' // 429
  | 'unavailable' // 5xx or connection failure
  | 'timeout'; // no answer in time

export interface ConnectorError {
  system: SystemName;
  code: ConnectorErrorCode;
  retryable: boolean;
  message: string;
  status?: number;
}

const RETRYABLE: ReadonlySet<ConnectorErrorCode> = new Set(['rate_limited', 'unavailable', 'timeout', 'conflict']);

export function connectorError(
  system: SystemName,
  code: ConnectorErrorCode,
  message: string,
  status?: number,
): ConnectorError {
  return { system, code, retryable: RETRYABLE.has(code), message, ...(status === undefined ? {} : { status }) };
}
