// The backend client: every call goes through client.request with the signing options, and every
// failure becomes a BackendError that tells unreachable (status 0) from an error the backend sent.
import { describe, expect, it } from 'vitest';
import { BackendError, createBackend } from '../../../app/src/api/backend.js';
import type { ZafClient, ZafRequestOptions } from '../../../app/src/zaf/types.js';
import { caseView } from '../support/caseFixtures.js';

function clientAnswering(answer: (o: ZafRequestOptions) => Promise<unknown>): ZafClient & { seen: ZafRequestOptions[] } {
  const seen: ZafRequestOptions[] = [];
  const refuse = () => Promise.reject(new Error('not used'));
  return {
    seen,
    request: (o) => {
      seen.push(o);
      return answer(o) as never;
    },
    get: refuse, invoke: refuse, metadata: refuse, context: refuse, on: () => undefined, trigger: () => undefined,
  };
}

const target = { backendUrl: 'https://cc.example', installationId: '42', agentId: '7' };

async function failureOf(p: Promise<unknown>): Promise<BackendError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BackendError);
    return e as BackendError;
  }
  throw new Error('expected a failure');
}

describe('createBackend', () => {
  it('signs each request through the proxy with the installation and the agent, and sends JSON bodies only on POST', async () => {
    const client = clientAnswering(async () => ({ status: 200, responseJSON: { alreadyDecided: false, case: caseView() } }));
    const backend = createBackend(client, target);
    await backend.deny('case 1', 'p/1', 'h', 'other', null);
    await backend.audit('case_1');
    const [deny, audit] = client.seen;
    expect(deny).toMatchObject({ url: 'https://cc.example/v1/cases/case%201/proposals/p%2F1/deny', type: 'POST', data: '{"contentHash":"h","reason":"other"}' });
    expect(audit).toEqual({
      url: 'https://cc.example/v1/cases/case_1/audit', type: 'GET', contentType: 'application/json', secure: true, httpCompleteResponse: true,
      jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 3600, claims: { iss: '42', sub: '7' } },
    });
  });

  it('getCase answers null for 404 not_found and the view otherwise; responseText is parsed when responseJSON is absent', async () => {
    const view = caseView();
    const missing = clientAnswering(async () => Promise.reject({ status: 404, responseText: JSON.stringify({ error: { code: 'not_found', message: 'no case', requestId: 'r' } }) }));
    expect(await createBackend(missing, target).getCase('101')).toBeNull();
    const found = clientAnswering(async () => ({ status: 200, responseText: JSON.stringify(view) }));
    expect(await createBackend(found, target).getCase('101')).toEqual(view);
  });

  it.each([
    ['status 0', { status: 0 }, { status: 0, code: 'unreachable', unreachable: true }],
    ['a thrown Error (the SDK timed out)', new Error('Timeout when invoking "request"'), { status: 0, code: 'unreachable', message: 'Timeout when invoking "request"' }],
    ['409 stale_proposal', { status: 409, responseJSON: { error: { code: 'stale_proposal', message: 'changed', requestId: 'req_1' } } }, { status: 409, code: 'stale_proposal', message: 'changed', requestId: 'req_1', unreachable: false }],
    ['502 with an HTML body', { status: 502, responseText: '<html>Bad gateway</html>' }, { status: 502, code: 'http_502', message: '<html>Bad gateway</html>' }],
  ])('%s', async (_name, rejection, expected) => {
    const backend = createBackend(clientAnswering(() => Promise.reject(rejection)), target);
    expect(await failureOf(backend.approve('c', 'p', 'h'))).toMatchObject(expected);
  });

  it('a resolved non-2xx answer is a failure too', async () => {
    const backend = createBackend(clientAnswering(async () => ({ status: 500, responseJSON: { error: { code: 'internal', message: 'boom' } } })), target);
    expect(await failureOf(backend.escalate('c', null))).toMatchObject({ status: 500, code: 'internal', message: 'boom' });
  });
});
