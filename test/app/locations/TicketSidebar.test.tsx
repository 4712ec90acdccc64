// @vitest-environment happy-dom
// The ticket sidebar against a scripted fake ZAF client: what the agent sees in each state and
// exactly which requests and invocations their clicks make.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_UNCHANGED_POLLS } from '../../../app/src/case/useCase.js';
import { startApp } from '../../../app/src/startApp.js';
import {
  CASE_ID, HASH, NEW_HASH, PROPOSAL_ID, afterApproval, caseView, notFound, ok, proposal,
} from '../support/caseFixtures.js';
import { BACKEND_URL, FakeZafClient, deferred } from '../support/FakeZafClient.js';
import { renderSidebar } from '../support/renderSidebar.js';

const CASE = '/v1/tickets/101/case';
const APPROVE = `/v1/cases/${CASE_ID}/proposals/${PROPOSAL_ID}/approve`;
const DENY = `/v1/cases/${CASE_ID}/proposals/${PROPOSAL_ID}/deny`;

let client: FakeZafClient;
afterEach(() => {
  cleanup();
  expect(client.unexpected).toEqual([]);
});

const signed = { secure: true, httpCompleteResponse: true, contentType: 'application/json', jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 3600, claims: { iss: '42', sub: '7' } } };
const caseState = () => screen.getByTestId('case-state').getAttribute('data-state');
const proposalStatus = () => screen.getByTestId('proposal').getAttribute('data-status');

describe('loading the case', () => {
  it('renders nothing until the host registers the app, then shows a skeleton and the cited facts', async () => {
    const gate = deferred();
    client = new FakeZafClient().reply('GET', CASE, { ...ok(caseView()), gate: gate.promise });
    const container = document.createElement('div');
    document.body.append(container);
    const root = startApp(client, container, { pollMs: 5 });
    await act(async () => undefined);
    expect(container.innerHTML).toBe('');

    await act(async () => client.register());
    expect(await screen.findByTestId('loading')).toBeTruthy();
    await act(async () => gate.resolve());

    const facts = await screen.findAllByTestId('fact');
    expect(facts).toHaveLength(7);
    const first = facts[0]!;
    expect(first.textContent).toContain('Order');
    expect(first.textContent).toContain('ORD-1001');
    const citation = within(first).getByTestId('citation');
    expect(citation.textContent).toMatch(/Order system · order ORD-1001.*id.*fetched/);
    const link = within(citation).getByRole('link', { name: 'Open order ORD-1001' });
    expect(link.getAttribute('href')).toBe('https://oms.test/admin/orders/ORD-1001');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    // Money is formatted from minor units in the agent's locale; two citations stay two.
    expect(facts[1]!.textContent).toContain('$84.00');
    expect(within(facts[4]!).getAllByTestId('citation')).toHaveLength(2);
    expect(caseState()).toBe('awaiting_approval');

    expect(client.requests).toEqual([{ url: `${BACKEND_URL}${CASE}`, type: 'GET', ...signed }]);
    act(() => root.unmount());
    container.remove();
  });

  it('shows the proposal with amount, target, risk, decision reasons and policy id@version', async () => {
    client = new FakeZafClient().reply('GET', CASE, ok(caseView()));
    await renderSidebar(client);
    const card = await screen.findByTestId('proposal');
    expect(card.getAttribute('data-status')).toBe('pending');
    const text = card.textContent ?? '';
    expect(text).toContain('Partial refund for the late delivery');
    expect(text).toContain('$16.80');
    expect(text).toContain('Refund: order ORD-1001 and charge ch_demo_1001');
    expect(text).toContain('Low risk');
    expect(text).toContain('Needs approval');
    expect(text).toContain('late_delivery_refund / low risk requires approval');
    expect(text).toContain('standard-retail@1');
    expect(within(card).getByRole('button', { name: 'Approve' })).toBeTruthy();
  });

  it('calls out conflicts between systems and a case waiting on a system with its next retry', async () => {
    client = new FakeZafClient().reply('GET', CASE, ok(caseView({
      state: 'waiting_on_system',
      proposals: [],
      conflicts: [{ key: 'payment.amount', description: 'The order system says 8400 usd, billing charged 9400 usd.', citations: caseView().facts[1]!.citations }],
      waiting: { reason: 'stripe answered 503 three times', system: 'stripe', since: '2026-11-20T12:00:00.000Z', retryAt: '2026-11-20T12:05:00.000Z' },
    })));
    await renderSidebar(client);
    const conflicts = await screen.findByTestId('conflicts');
    expect(conflicts.textContent).toContain('The systems disagree');
    expect(within(conflicts).getByTestId('citation')).toBeTruthy();
    const waiting = screen.getByTestId('waiting');
    expect(waiting.textContent).toContain('Waiting on Stripe');
    expect(waiting.textContent).toContain('stripe answered 503 three times');
    expect(within(waiting).getByTestId('retry-at').textContent).toMatch(/^Next retry: .*2026/);
  });

  it('shows the facts the decision rests on first and folds the rest of the evidence', async () => {
    client = new FakeZafClient().reply('GET', CASE, ok(caseView({ keyFacts: ['delivery.daysLate', 'payment.refundable'] })));
    await renderSidebar(client);
    await screen.findAllByTestId('fact');
    const more = screen.getByTestId('more-evidence') as HTMLDetailsElement;
    const outside = screen.getAllByTestId('fact').filter((f) => !more.contains(f)).map((f) => f.getAttribute('data-key'));
    expect(outside).toEqual(['delivery.daysLate', 'payment.refundable']);
    expect(more.open).toBe(false);
    expect(within(more).getAllByTestId('fact')).toHaveLength(5);
    expect(more.querySelector('summary')?.textContent).toBe('All evidence (5)');
  });
});

describe('no case yet', () => {
  it('offers Investigate now, posts it, and follows the case until it rests', async () => {
    client = new FakeZafClient()
      .reply('GET', CASE, notFound, ok(caseView({ state: 'investigation', proposals: [], facts: [], version: 3 })), ok(caseView()))
      .reply('POST', '/v1/tickets/101/investigate', { status: 202, body: caseView({ state: 'intake', proposals: [], facts: [], version: 1 }) });
    await renderSidebar(client);
    expect(await screen.findByText('No case yet')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Investigate now' }));
    await waitFor(() => expect(caseState()).toBe('awaiting_approval'));
    expect(client.requestsTo('POST', '/v1/tickets/101/investigate')).toEqual([
      { url: `${BACKEND_URL}/v1/tickets/101/investigate`, type: 'POST', data: '{}', ...signed },
    ]);
    expect(client.requestsTo('GET', CASE).length).toBeGreaterThanOrEqual(3);
    expect(screen.getAllByTestId('fact')).toHaveLength(7);
  });
});

describe('deciding a proposal', () => {
  it('approve sends the contentHash through the signed proxy and then shows execution and verification', async () => {
    client = new FakeZafClient()
      .reply('GET', CASE, ok(caseView()), ok(afterApproval('executing')), ok(afterApproval('closed')))
      .reply('POST', APPROVE, ok({ alreadyDecided: false, case: afterApproval('approved') }));
    await renderSidebar(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(proposalStatus()).toBe('verified'));
    expect(caseState()).toBe('closed');
    expect(screen.getByTestId('proposal').textContent).toContain('Reference re_SBX000000000001');
    expect(screen.getByTestId('action-log').textContent).toContain('refund re_SBX000000000001 succeeded');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(client.requestsTo('POST', APPROVE)).toEqual([
      { url: `${BACKEND_URL}${APPROVE}`, type: 'POST', data: JSON.stringify({ contentHash: HASH }), ...signed },
    ]);
  });

  it('deny needs a reason before it can be sent, then sends the reason, the note and the contentHash', async () => {
    const denied = caseView({ state: 'closed', proposals: [proposal({ status: 'denied', denial: { by: { kind: 'agent', id: '7' }, at: '2026-11-20T12:00:00.000Z', reason: 'missing_context', note: 'customer sent photos' } })], version: 18 });
    client = new FakeZafClient().reply('GET', CASE, ok(caseView())).reply('POST', DENY, ok({ alreadyDecided: false, case: denied }));
    await renderSidebar(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Deny' }));

    const send = screen.getByRole('button', { name: 'Send denial' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(send);
    expect(client.requestsTo('POST', DENY)).toHaveLength(0);

    fireEvent.click(screen.getByRole('radio', { name: 'Missing context' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Note (optional)' }), { target: { value: ' customer sent photos ' } });
    expect(send.disabled).toBe(false);
    fireEvent.click(send);

    await waitFor(() => expect(proposalStatus()).toBe('denied'));
    expect(client.requestsTo('POST', DENY)).toEqual([
      { url: `${BACKEND_URL}${DENY}`, type: 'POST', data: JSON.stringify({ contentHash: HASH, reason: 'missing_context', note: 'customer sent photos' }), ...signed },
    ]);
    expect(screen.getByTestId('proposal').textContent).toContain('Denied by agent 7');
  });

  it('a stale proposal (409) says it changed, reloads the case and approves the new content', async () => {
    const changed = caseView({ proposals: [proposal({ contentHash: NEW_HASH, action: { ...proposal().action, amount: { amount: 2000, currency: 'usd' } } })], version: 16 });
    client = new FakeZafClient()
      .reply('GET', CASE, ok(caseView()), ok(changed))
      .reply('POST', APPROVE,
        { status: 409, body: { error: { code: 'stale_proposal', message: 'the proposal changed since it was shown; reload and decide again', requestId: 'req_9' } } },
        ok({ alreadyDecided: false, case: afterApproval('closed') }));
    await renderSidebar(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));

    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toBe('This proposal changed; here is the current one.');
    await waitFor(() => expect(screen.getByTestId('proposal-amount').textContent).toBe('$20.00'));
    expect(client.requestsTo('GET', CASE)).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(proposalStatus()).toBe('verified'));
    expect(client.requestsTo('POST', APPROVE).map((r) => JSON.parse(r.data!).contentHash)).toEqual([HASH, NEW_HASH]);
  });

  it('escalates with one click', async () => {
    client = new FakeZafClient()
      .reply('GET', CASE, ok(caseView()))
      .reply('POST', `/v1/cases/${CASE_ID}/escalate`, ok(caseView({ state: 'escalated', escalation: { reason: 'agent_request', detail: 'escalated by agent 7', groupId: '360001', at: '2026-11-20T12:00:00.000Z' }, version: 16 })));
    await renderSidebar(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Escalate' }));
    await waitFor(() => expect(caseState()).toBe('escalated'));
    expect(client.requestsTo('POST', `/v1/cases/${CASE_ID}/escalate`)).toHaveLength(1);
    expect(screen.getByTestId('escalation').textContent).toContain('Assigned to group 360001');
    expect(screen.queryByRole('button', { name: 'Escalate' })).toBeNull();
  });
});

describe('polling', () => {
  it('stops polling a case that stops moving and says so; Refresh looks again', async () => {
    client = new FakeZafClient().reply('GET', CASE, ok(afterApproval('executing')));
    await renderSidebar(client);
    const notice = await screen.findByTestId('notice', {}, { timeout: 20_000 });
    expect(notice.getAttribute('data-notice')).toBe('stillWorking');
    const polls = client.requestsTo('GET', CASE).length;
    expect(polls).toBe(MAX_UNCHANGED_POLLS + 1);
    client.rescript('GET', CASE, ok(afterApproval('closed')));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(caseState()).toBe('closed'));
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});

describe('when the backend fails', () => {
  it('status 0 reads as unreachable, and Retry loads the case once it answers', async () => {
    client = new FakeZafClient().reply('GET', CASE, { status: 0 }, ok(caseView()));
    await renderSidebar(client);
    expect(await screen.findByText("Can't reach the Case Closer backend")).toBeTruthy();
    expect(screen.queryByTestId('fact')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect((await screen.findAllByTestId('fact')).length).toBe(7);
    expect(client.requestsTo('GET', CASE)).toHaveLength(2);
  });

  it('an error the backend reports shows its message and request id, with Retry', async () => {
    client = new FakeZafClient().reply('GET', CASE, { status: 500, body: { error: { code: 'internal', message: 'storage is read-only', requestId: 'req_abc' } } });
    await renderSidebar(client);
    const error = await screen.findByTestId('error');
    expect(error.textContent).toContain('storage is read-only');
    expect(error.textContent).toContain('Request id: req_abc');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});

describe('the reply, the audit trail and the frame', () => {
  it('Insert into reply appends the (edited) draft to the ticket composer', async () => {
    client = new FakeZafClient().reply('GET', CASE, ok(caseView()));
    await renderSidebar(client);
    const box = await screen.findByRole('textbox', { name: 'Reply to the customer' });
    fireEvent.change(box, { target: { value: 'Hi Jane, the refund is on its way.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Insert into reply' }));
    await waitFor(() => expect(client.invocations.filter((i) => i.name === 'ticket.comment.appendText')).toEqual([
      { name: 'ticket.comment.appendText', args: ['Hi Jane, the refund is on its way.'] },
    ]));
    expect((await screen.findByTestId('notice')).textContent).toBe('The reply is in the composer.');
  });

  it('the audit trail loads when opened and shows the chain verdict', async () => {
    const events = [
      { caseId: CASE_ID, installationId: '42', seq: 1, type: 'case.opened', at: '2026-11-20T12:00:00.000Z', actor: { kind: 'system', id: null }, data: {}, prevHash: '0'.repeat(64), hash: 'a'.repeat(64) },
      { caseId: CASE_ID, installationId: '42', seq: 2, type: 'proposal.approved', at: '2026-11-20T12:00:00.000Z', actor: { kind: 'agent', id: '7' }, data: {}, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) },
    ];
    client = new FakeZafClient().reply('GET', CASE, ok(caseView()))
      .reply('GET', `/v1/cases/${CASE_ID}/audit`, ok({ caseId: CASE_ID, chain: { ok: true, count: 2, head: 'b'.repeat(64) }, events }));
    await renderSidebar(client);
    const toggle = await screen.findByRole('button', { name: 'Audit trail' });
    expect(client.requestsTo('GET', `/v1/cases/${CASE_ID}/audit`)).toHaveLength(0);
    fireEvent.click(toggle);
    expect((await screen.findByTestId('audit-chain')).textContent).toBe('Chain verified ✓ (2 events)');
    const rows = screen.getAllByTestId('audit-event');
    expect(rows.map((r) => r.getAttribute('data-type'))).toEqual(['case.opened', 'proposal.approved']);
    expect(rows[1]!.textContent).toContain('agent 7');
  });

  it('asks the host to resize the frame to the content height', async () => {
    client = new FakeZafClient().reply('GET', CASE, ok(caseView()));
    await renderSidebar(client);
    await screen.findAllByTestId('fact');
    const resize = client.invocations.find((i) => i.name === 'resize');
    expect(resize?.args).toEqual([{ width: '100%', height: expect.stringMatching(/^\d+px$/) }]);
  });
});

describe('in Spanish', () => {
  it('an agent with locale es sees Spanish labels and money formatted for es', async () => {
    client = new FakeZafClient({ locale: 'es' }).reply('GET', CASE, ok(caseView()));
    await renderSidebar(client);
    const facts = await screen.findAllByTestId('fact');
    expect(facts[1]!.textContent).toContain('Total del pedido');
    expect(facts[1]!.textContent).toMatch(/84,00\s?US\$/);
    expect(screen.getByRole('button', { name: 'Aprobar' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rechazar' })).toBeTruthy();
    expect(screen.getByTestId('case-state').textContent).toBe('Pendiente de aprobación');
    expect(screen.getByText('Investigación')).toBeTruthy();
    // The proposal's title and the guardrail's reasons are the backend's English; they are shown in Spanish.
    const proposal = screen.getByTestId('proposal');
    expect(within(proposal).getByRole('heading').textContent).toBe('Reembolso');
    expect(proposal.querySelector('[data-code="approve_mode"]')?.textContent).toBe('Este tipo de caso y nivel de riesgo requieren aprobación');
    expect(document.documentElement.lang).toBe('es');
  });
});
