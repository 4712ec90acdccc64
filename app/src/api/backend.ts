// Typed calls to the Case Closer backend, all through client.request so Zendesk's proxy signs
// them: the JWT's secret is the `{{setting.shared_secret}}` placeholder, substituted server-side,
// so the iframe never holds a secret. Types come from functions/ as type-only imports.
import type { AuditEvent, ChainVerdict } from '../../../functions/src/domain/audit.js';
import type { DenyReason } from '../../../functions/src/domain/proposal.js';
import type { CaseView } from '../../../functions/src/http/caseView.js';
import type { ZafClient, ZafCompleteResponse, ZafRequestOptions } from '../zaf/types.js';

export type { CaseView };

export interface DecisionResult {
  alreadyDecided: boolean;
  case: CaseView;
}

export interface AuditTrail {
  caseId: string;
  chain: ChainVerdict;
  events: AuditEvent[];
}

/** A failed backend call: `status` 0 means the backend could not be reached at all. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

export interface BackendTarget {
  backendUrl: string;
  installationId: string;
  agentId: string;
}

export interface Backend {
  /** The ticket's case, or null when there is none yet (404). */
  getCase(ticketId: string): Promise<CaseView | null>;
  investigate(ticketId: string): Promise<CaseView>;
  approve(caseId: string, proposalId: string, contentHash: string): Promise<DecisionResult>;
  deny(caseId: string, proposalId: string, contentHash: string, reason: DenyReason, note: string | null): Promise<DecisionResult>;
  escalate(caseId: string, note: string | null): Promise<CaseView>;
  audit(caseId: string): Promise<AuditTrail>;
}

function isCompleteResponse(value: unknown): value is ZafCompleteResponse {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'number';
}

function bodyOf(r: ZafCompleteResponse): unknown {
  if (r.responseJSON !== undefined && r.responseJSON !== null) return r.responseJSON;
  if (!r.responseText) return null;
  try {
    return JSON.parse(r.responseText) as unknown;
  } catch {
    return null;
  }
}

function toBackendError(failure: unknown): BackendError {
  if (!isCompleteResponse(failure)) {
    const message = failure instanceof Error ? failure.message : 'the request did not complete';
    return new BackendError(0, 'unreachable', message);
  }
  if (failure.status === 0) return new BackendError(0, 'unreachable', 'the backend did not answer');
  const body = bodyOf(failure) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | null;
  const e = body?.error;
  return new BackendError(
    failure.status,
    typeof e?.code === 'string' ? e.code : `http_${failure.status}`,
    typeof e?.message === 'string' ? e.message : (failure.responseText || `HTTP ${failure.status}`),
    typeof e?.requestId === 'string' ? e.requestId : null,
  );
}

export function createBackend(client: ZafClient, target: BackendTarget): Backend {
  const call = async <T>(type: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const options: ZafRequestOptions = {
      url: target.backendUrl + path,
      type,
      contentType: 'application/json',
      ...(type === 'POST' ? { data: JSON.stringify(body ?? {}) } : {}),
      secure: true,
      jwt: {
        algorithm: 'HS256',
        secret_key: '{{setting.shared_secret}}',
        expiry: 3600,
        claims: { iss: target.installationId, sub: target.agentId },
      },
      httpCompleteResponse: true,
    };
    let response: ZafCompleteResponse;
    try {
      response = await client.request(options);
    } catch (failure) {
      throw toBackendError(failure);
    }
    if (!isCompleteResponse(response) || response.status < 200 || response.status >= 300) throw toBackendError(response);
    return bodyOf(response) as T;
  };
  const enc = encodeURIComponent;
  return {
    async getCase(ticketId) {
      try {
        return await call<CaseView>('GET', `/v1/tickets/${enc(ticketId)}/case`);
      } catch (e) {
        if (e instanceof BackendError && e.status === 404 && e.code === 'not_found') return null;
        throw e;
      }
    },
    investigate: (ticketId) => call('POST', `/v1/tickets/${enc(ticketId)}/investigate`, {}),
    approve: (caseId, proposalId, contentHash) => call('POST', `/v1/cases/${enc(caseId)}/proposals/${enc(proposalId)}/approve`, { contentHash }),
    deny: (caseId, proposalId, contentHash, reason, note) =>
      call('POST', `/v1/cases/${enc(caseId)}/proposals/${enc(proposalId)}/deny`, { contentHash, reason, ...(note ? { note } : {}) }),
    escalate: (caseId, note) => call('POST', `/v1/cases/${enc(caseId)}/escalate`, note ? { note } : {}),
    audit: (caseId) => call('GET', `/v1/cases/${enc(caseId)}/audit`),
  };
}
