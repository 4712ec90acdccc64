// @vitest-environment happy-dom
// The model's review in the ticket sidebar, against a scripted fake ZAF client: the cited summary
// with its sources, the flagged claims, the recommendations judged against the plan (never run),
// the model's cost, its reply draft into the composer, and what shows when there is no review.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_USE, caseView, ok, reviewedCase } from '../support/caseFixtures.js';
import { FakeZafClient } from '../support/FakeZafClient.js';
import { renderSidebar } from '../support/renderSidebar.js';

const CASE = '/v1/tickets/101/case';

let client: FakeZafClient;
afterEach(() => {
  cleanup();
  expect(client.unexpected).toEqual([]);
});

async function show(view: ReturnType<typeof caseView>, locale = 'en-US') {
  client = new FakeZafClient({ locale }).reply('GET', CASE, ok(view));
  await renderSidebar(client);
  await screen.findAllByTestId('fact');
}

const section = () => screen.getByTestId('model-review');
const composerCalls = () => client.invocations.filter((i) => i.name === 'ticket.comment.appendText');

describe('the model review section', () => {
  it('shows each summary sentence with a marker for every fact it cites, linked to the record', async () => {
    await show(reviewedCase());
    expect(within(section()).getByRole('heading', { name: 'Model review' })).toBeTruthy();
    const sentences = within(section()).getAllByTestId('review-sentence');
    expect(sentences).toHaveLength(2);
    expect(sentences[0]!.textContent).toContain('Order ORD-1001 arrived 5 days late.');

    const late = sentences[0]!.querySelector('[data-testid="review-source"][data-key="delivery.daysLate"]') as HTMLElement;
    expect(late.getAttribute('data-known')).toBe('true');
    expect(late.textContent).toBe('Days late (Order system · shipment SHP-1001)');
    const link = within(late).getByRole('link', { name: 'Open shipment SHP-1001' });
    expect(link.getAttribute('href')).toBe('https://oms.test/admin/orders/ORD-1001');
    expect(link.getAttribute('target')).toBe('_blank');

    // A key the case has no fact for is shown as the bare key, with no link.
    const unknown = sentences[1]!.querySelector('[data-testid="review-source"][data-key="payment.disputed"]') as HTMLElement;
    expect(unknown.getAttribute('data-known')).toBe('false');
    expect(unknown.textContent).toBe('payment.disputed');
    expect(within(unknown).queryByRole('link')).toBeNull();
  });

  it('lists the claims the citation check removed, with the reason in words, apart from a claim kept with a flag', async () => {
    await show(reviewedCase());
    const alert = screen.getByRole('region', { name: 'Removed claims (no cited source)' });
    const flags = within(alert).getAllByTestId('review-flag');
    expect(flags.map((f) => [f.getAttribute('data-reason'), f.getAttribute('data-removed')])).toEqual([['uncited_fact', 'true'], ['unknown_citation', 'false']]);
    expect(flags[0]!.textContent).toContain('Jane has ordered 12 times before.');
    expect(flags[0]!.textContent).toContain('Removed · Summary · states a fact without citing a source');
    expect(flags[1]!.textContent).toContain('Kept, flagged · Reply draft · cites a fact that does not exist');
    // A removed claim is not presented as part of the summary.
    expect(within(section()).getAllByTestId('review-sentence').map((s) => s.textContent).join(' ')).not.toContain('12 times');
  });

  it('judges each recommendation against the plan, says it is never executed, and offers no Approve for it', async () => {
    await show(reviewedCase());
    const box = within(section()).getByTestId('review-proposals');
    expect(box.textContent).toContain('Case Closer never executes them');
    const [match, rejected] = within(box).getAllByTestId('review-proposal');

    expect(match!.getAttribute('data-verdict')).toBe('matches');
    expect(within(match!).getByRole('heading').textContent).toBe('Refund');
    expect(within(match!).getByTestId('review-verdict').textContent).toBe('Matches the plan');
    expect(within(match!).getByTestId('review-proposal-amount').textContent).toBe('Amount: $16.80');
    expect(within(match!).getByTestId('review-proposal-decision').textContent).toBe('Guardrails: Needs approval');

    expect(rejected!.getAttribute('data-verdict')).toBe('rejected');
    expect(within(rejected!).getByTestId('review-verdict').textContent).toBe("Not followed: the amount is above the plan's");
    expect(within(rejected!).getByTestId('review-proposal-amount').textContent).toBe('Amount: $84.00');
    expect(within(rejected!).getByTestId('review-proposal-decision').textContent).toBe('Guardrails: Forbidden');

    expect(within(section()).queryByRole('button', { name: 'Approve' })).toBeNull();
    // The plan's own proposal is still the one card that can be approved.
    expect(screen.getAllByRole('button', { name: 'Approve' })).toHaveLength(1);
  });

  it("shows the model's cost: calls, input plus output tokens, and dollars to four decimals", async () => {
    await show(reviewedCase());
    expect(within(section()).getByTestId('model-cost').textContent).toBe('Model: 2 calls · 2,734 tokens · $0.0041');
    expect(screen.getAllByTestId('model-cost')).toHaveLength(1);
  });

  it("Use this draft appends the model's reply, sentences joined, to the ticket composer", async () => {
    await show(reviewedCase());
    const draft = within(section()).getByTestId('review-reply');
    expect(within(draft).getByTestId('review-reply-text').textContent).toBe('Hi Jane, your order ORD-1001 arrived 5 days late. We are refunding $16.80 to your card.');
    expect(composerCalls()).toEqual([]);
    fireEvent.click(within(draft).getByRole('button', { name: 'Use this draft' }));
    await waitFor(() => expect(composerCalls()).toEqual([
      { name: 'ticket.comment.appendText', args: ['Hi Jane, your order ORD-1001 arrived 5 days late. We are refunding $16.80 to your card.'] },
    ]));
    expect((await screen.findByTestId('notice')).textContent).toBe('The reply is in the composer.');
  });

  it('offers no Use this draft when the model reply has no sentence left', async () => {
    await show(reviewedCase({ reply: { locale: 'en', sentences: [] } }));
    expect(within(section()).getByTestId('review-reply').textContent).toContain('The model wrote no reply draft that passed the citation check.');
    expect(screen.queryByRole('button', { name: 'Use this draft' })).toBeNull();
  });

  it('a failed review says why in one line, with the cost, and nothing else of the review', async () => {
    await show(reviewedCase({ status: 'failed', reason: 'the model timed out twice', summary: [], reply: null, flagged: [], proposals: [] }));
    expect(section().getAttribute('data-status')).toBe('failed');
    expect(within(section()).getByTestId('review-unavailable').textContent).toBe('Model review unavailable: the model timed out twice');
    expect(within(section()).queryByTestId('review-sentence')).toBeNull();
    expect(within(section()).queryByTestId('review-proposals')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Use this draft' })).toBeNull();
    expect(within(section()).getByTestId('model-cost').textContent).toBe('Model: 2 calls · 2,734 tokens · $0.0041');
  });

  it('shows nothing of the review when the case has neither a review nor model use', async () => {
    await show(caseView());
    expect(screen.queryByTestId('model-review')).toBeNull();
    expect(screen.queryByTestId('model-cost')).toBeNull();
    expect(screen.queryByText('Model review')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Use this draft' })).toBeNull();
  });

  it('shows the cost line alone when the model was used but wrote no review', async () => {
    await show(caseView({ agent: { ...AGENT_USE, calls: 1, inputTokens: 900, outputTokens: 100, usd: 0.5 } }));
    expect(screen.queryByTestId('model-review')).toBeNull();
    expect(screen.getByTestId('model-cost').textContent).toBe('Model: 1 call · 1,000 tokens · $0.50');
  });

  it('speaks Spanish to a Spanish agent', async () => {
    await show(reviewedCase(), 'es');
    expect(within(section()).getByRole('heading', { name: 'Revisión del modelo' })).toBeTruthy();
    const rejected = within(section()).getAllByTestId('review-proposal')[1]!;
    expect(within(rejected).getByTestId('review-verdict').textContent).toBe('No seguida: el importe supera el del plan');
    expect(within(rejected).getByTestId('review-proposal-decision').textContent).toBe('Reglas de control: Prohibido');
    expect(screen.getByRole('region', { name: 'Afirmaciones eliminadas (sin fuente citada)' })).toBeTruthy();
    expect(within(section()).getByTestId('model-cost').textContent).toMatch(/^Modelo: 2 llamadas · 2\.?734 tokens · 0,0041\s?US\$$/);
    expect(screen.getByRole('button', { name: 'Usar este borrador' })).toBeTruthy();
  });
});
