// A JSON request over global fetch with a deadline, for adapters that speak plain HTTP (Zendesk,
// the OMS). Every failure comes back as a ConnectorError through mapHttpFailure; nothing throws
// for an expected failure. No retries here: the engine decides from `retryable`.
import type { z } from 'zod';
import { connectorError, type ConnectorError, type SystemName } from '../../domain/connectorError.js';
import { err, ok, type Result } from '../../domain/result.js';
import { mapHttpFailure, type VendorCodeMap } from './mapHttpFailure.js';

export interface JsonRequest {
  system: SystemName;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON when present. */
  body?: unknown;
  timeoutMs: number;
  vendorCodes?: VendorCodeMap;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Reads `{error:{code,message}}` (our OMS) and `{error:"Code",description}` (Zendesk) alike. */
function vendorError(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  if (b.error && typeof b.error === 'object') {
    const e = b.error as Record<string, unknown>;
    return { code: str(e.code) ?? str(e.title), message: str(e.message) };
  }
  return { code: str(b.error), message: str(b.description) ?? str(b.message) };
}

const describe = (e: unknown) => {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
};

export async function fetchJson(req: JsonRequest): Promise<Result<JsonResponse, ConnectorError>> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  const where = `${req.method} ${new URL(req.url).pathname}`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: { accept: 'application/json', ...(req.body === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
      ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
      signal,
    });
    // The deadline covers the body too: a server that stalls mid-response is a timeout.
    text = await res.text();
  } catch (e) {
    return err(
      mapHttpFailure(
        req.system,
        signal.aborted ? { kind: 'timeout', message: `${where}: no answer within ${req.timeoutMs} ms` } : { kind: 'network', message: `${where}: ${describe(e)}` },
      ),
    );
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const v = vendorError(body);
    return err(mapHttpFailure(req.system, { kind: 'status', status: res.status, code: v.code, message: `${where} → ${res.status}${v.message ? ` ${v.message}` : ''}` }, req.vendorCodes));
  }
  if (body === undefined) return err(connectorError(req.system, 'unavailable', `${where}: response is not JSON`, res.status));
  return ok({ status: res.status, headers: res.headers, body });
}

/**
 * Checks a response body against the shape the adapter relies on. A system answering in a shape
 * we do not understand is treated as not working (unavailable), not as our mistake.
 */
export function decode<S extends z.ZodType>(system: SystemName, schema: S, body: unknown): Result<z.output<S>, ConnectorError> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return ok(parsed.data);
  const where = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return err(connectorError(system, 'unavailable', `unexpected response shape (${where})`));
}
