// The one place an HTTP outcome becomes a ConnectorError, for every fetch-based adapter.
// Status decides by default; a vendor's error code may refine a 400/409/422 (an OMS 409
// `order_not_cancellable` is a business refusal, not a race) but can never turn a 5xx or an auth
// failure into something else.
import { connectorError, type ConnectorError, type ConnectorErrorCode, type SystemName } from '../../domain/connectorError.js';

export type HttpFailure =
  | { kind: 'status'; status: number; code?: string | undefined; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; message: string };

/** Vendor error code → our code, for the statuses a vendor code may refine. */
export type VendorCodeMap = Readonly<Record<string, ConnectorErrorCode>>;

const REFINABLE = new Set([400, 409, 422]);

/** The code an HTTP status means by itself, before any vendor detail (shared by every adapter). */
export function codeForStatus(status: number): ConnectorErrorCode {
  if (status === 404 || status === 410) return 'not_found';
  if (status === 401 || status === 403) return 'auth_failed';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'invalid_request';
}

export function mapHttpFailure(system: SystemName, failure: HttpFailure, vendorCodes: VendorCodeMap = {}): ConnectorError {
  switch (failure.kind) {
    case 'timeout':
      return connectorError(system, 'timeout', failure.message);
    case 'network':
      return connectorError(system, 'unavailable', failure.message);
    case 'status': {
      const { status, code } = failure;
      const refined = code !== undefined && REFINABLE.has(status) && Object.hasOwn(vendorCodes, code) ? vendorCodes[code] : undefined;
      const message = code ? `${code}: ${failure.message}` : failure.message;
      return connectorError(system, refined ?? codeForStatus(status), message, status);
    }
  }
}
