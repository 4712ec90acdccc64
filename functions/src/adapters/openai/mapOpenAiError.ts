// The one place an OpenAI SDK error becomes a ConnectorError; no SDK error type leaves adapters/.
// By the time an error gets here the SDK has already spent its retries (429, 408, 409, 5xx,
// connection failures and timeouts), so `retryable` tells the loop whether a later try may help.
import OpenAI from 'openai';
import { connectorError, type ConnectorError, type ConnectorErrorCode } from '../../domain/connectorError.js';
import { codeForStatus } from '../http/mapHttpFailure.js';

// 404 from the API means an unknown model or route we configured, not a missing record.
function byStatus(status: number): ConnectorErrorCode {
  const code = codeForStatus(status);
  return code === 'not_found' ? 'invalid_request' : code;
}

export function mapOpenAiError(e: unknown): ConnectorError {
  // Subclass order matters: the timeout class extends the connection class, both extend APIError.
  if (e instanceof OpenAI.APIConnectionTimeoutError) return connectorError('openai', 'timeout', `no answer in time: ${e.message}`);
  if (e instanceof OpenAI.APIConnectionError) return connectorError('openai', 'unavailable', `connection failed: ${connectionDetail(e)}`);
  if (e instanceof OpenAI.APIUserAbortError) return connectorError('openai', 'timeout', 'request aborted');
  if (e instanceof OpenAI.APIError && typeof e.status === 'number') {
    const code = typeof e.code === 'string' && e.code ? `[${e.code}] ` : '';
    return connectorError('openai', byStatus(e.status), `${code}${e.message}`, e.status);
  }
  if (e instanceof OpenAI.OpenAIError) return connectorError('openai', 'invalid_request', e.message);
  // A body that is not the JSON it claims to be, or a connection dropped while it was read: the
  // server is not working as an OpenAI-compatible API should.
  return connectorError('openai', 'unavailable', `unreadable response: ${e instanceof Error ? e.message : String(e)}`);
}

function connectionDetail(e: Error): string {
  const cause = (e as { cause?: unknown }).cause;
  if (!(cause instanceof Error)) return e.message;
  const inner = (cause as { cause?: unknown }).cause;
  return inner instanceof Error ? `${e.message} (${cause.message}: ${inner.message})` : `${e.message} (${cause.message})`;
}
