// The real built sidebar in headless Chromium, hosted by the demo help desk against the whole local
// stack: investigate, read cited facts, approve until verified and closed, deny with a reason, an
// unreachable backend and its Retry, a Spanish agent, a proposal that changed after it was shown,
// and the model's review (with a scripted model) with its sources, removed claims and cost.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../functions/src/http/caseView.js';
import type { Stack } from '../../sandbox/stack.js';
import { ScriptedOpenAiServer, SCRIPTED_OPENAI_KEY } from '../../sandbox/openai/ScriptedOpenAiServer.js';
import { appIsBuilt, ensureAppBuilt } from '../../sandbox/helpdesk/appAssets.js';
import { DEFAULT_ASSETS_DIR } from '../../sandbox/helpdesk/HelpDeskConfig.js';
import { launchChromium, openTicket, type Browser, type BrowserContext } from './browser.js';
import { openStack } from './stackFixture.js';

type Opened = Awaited<ReturnType<typeof openStack>>;
let browser: Browser;
let opened: Opened | null = null;
let context: BrowserContext | null = null;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // The test drives what app/ says now: a fresh clone has no build, an edited app/ an old one.
  ensureAppBuilt();
  if (!appIsBuilt(DEFAULT_ASSETS_DIR)) throw new Error('The sidebar is not built (assets/index.html is missing) and `npm run build:app` did not build it.');
  browser = await launchChromium();
});
afterEach(async () => {
  await context?.close();
  for (const c of cleanups.splice(0)) await c();
  await opened?.close();
  context = null;
  opened = null;
});
afterAll(async () => {
  await browser?.close();
});

async function freshStack(): Promise<Stack> {
  // The ticket page re-reads the ticket often, so the agent's view follows the backend quickly.
  opened = await openStack('pglite', { helpdesk: { liveRefreshMs: 200 } });
  return opened.stack;
}

/** A stack where ticket 101's webhook has landed and the investigation has run. */
async function investigatedStack(): Promise<Stack> {
  const stack = await freshStack();
  await stack.zendeskSandbox.fireWebhook(101, 'ticket.created');
  await stack.settle();
  return stack;
}

async function open(stack: Stack, query = '') {
  const o = await openTicket(browser, stack.helpdesk.url, 101, query);
  context = o.context;
  return o;
}

async function caseOf(stack: Stack): Promise<CaseView> {
  const r = await stack.sidebar('/v1/tickets/101/case');
  expect(r.status).toBe(200);
  return (await r.json()) as CaseView;
}

const stripeRefunds = async (stack: Stack) => ((await (await fetch(`${stack.stripe.url}/__sandbox/world`)).json()) as { refunds: { charge: string; amount: number }[] }).refunds;

/** A TCP forwarder in front of the backend that can go away and come back on the same port. */
async function switchableForwarder(targetUrl: string) {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const up = async () => {
    const s = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      for (const x of [client, upstream]) {
        sockets.add(x);
        x.on('error', () => x.destroy());
        x.on('close', () => {
          sockets.delete(x);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => s.listen(port, '127.0.0.1', () => r()));
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const down = async () => {
    for (const x of sockets) x.destroy();
    const s = server;
    server = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  await up();
  return { url: () => `http://127.0.0.1:${port}`, up, down };
}

// Each test starts its own stack and browser context; under a loaded CI machine that takes a while.
describe('sidebar in the demo help desk', { timeout: 60_000 }, () => {
  it('investigates on request, shows cited facts, inserts the reply, and an approval ends verified and closed', async () => {
    const stack = await freshStack();
    const { app, page } = await open(stack);
    await app.getByRole('button', { name: 'Investigate now' }).click();
    await app.locator('[data-testid="case-state"]').waitFor();
    await stack.settle();

    const late = app.locator('[data-testid="fact"][data-key="delivery.daysLate"]');
    await late.waitFor();
    const citation = late.locator('[data-testid="citation"]').first();
    expect(await citation.isVisible()).toBe(true);
    expect([await citation.getAttribute('data-system'), await citation.getAttribute('data-record-id')]).toEqual(['oms', 'SHP-1001']);
    expect(await late.locator('[data-testid="fact-value"]').textContent()).toBe('5');

    await app.getByRole('button', { name: 'Insert into reply' }).click();
    await page.waitForFunction(() => (document.getElementById('composer') as HTMLTextAreaElement).value.includes('$16.80'));

    const proposal = app.locator('[data-testid="proposal"]');
    expect(await proposal.getAttribute('data-status')).toBe('pending');
    await proposal.getByRole('button', { name: 'Approve' }).click();
    await app.locator('[data-testid="proposal"][data-status="approved"]').waitFor();
    await stack.settle();
    await app.locator('[data-testid="proposal"][data-status="verified"]').waitFor();
    await app.locator('[data-testid="case-state"][data-state="closed"]').waitFor();
    // The help desk around the app shows what the backend did to the ticket.
    await page.locator('[data-testid="ticket-status"]', { hasText: 'solved' }).waitFor();
    await page.locator('[data-testid="comment"].public', { hasText: '$16.80' }).waitFor();

    const after = await caseOf(stack);
    expect(after).toMatchObject({ state: 'closed', proposals: [{ status: 'verified', approval: { by: { kind: 'agent', id: '1' } } }] });
    expect(await stripeRefunds(stack)).toEqual([expect.objectContaining({ charge: 'ch_demo_1001', amount: 1680 })]);
  });

  it("shows the model's review: cited summary, removed claims, judged recommendations, cost; the draft goes to the composer", async () => {
    const model = await ScriptedOpenAiServer.start([
      {
        name: 'triage',
        reply: {
          kind: 'completion',
          toolCalls: [{ id: 'c1', name: 'record_requests', arguments: JSON.stringify({ requests: [{ intent: 'late_delivery_refund', orderIds: ['ORD-1001'], quote: 'Can I get something back for the delay?', fallbackFor: null, amounts: [], dates: [] }] }) }],
          usage: { promptTokens: 1200, completionTokens: 60 },
        },
      },
      {
        name: 'review',
        match: { tools: ['propose_action', 'submit_review'], userContains: '"F6":["delivery.daysLate",5]' },
        reply: {
          kind: 'completion',
          toolCalls: [
            { id: 'c2', name: 'propose_action', arguments: JSON.stringify({ type: 'billing.refund', params: { chargeId: 'ch_demo_1001', orderId: 'ORD-1001', reason: 'requested_by_customer' }, amount: { amount: 500000, currency: 'usd' }, citations: ['F1'] }) },
            { id: 'c3', name: 'submit_review', arguments: JSON.stringify({
              summary: [{ text: 'The order was delivered 5 days late.', citations: ['F6'] }, { text: 'A refund of $5,000 is due.', citations: ['F2'] }],
              reply: [{ text: 'Sorry your order arrived 5 days late.', citations: ['F6'] }],
            }) },
          ],
          usage: { promptTokens: 1500, completionTokens: 200 },
        },
      },
    ]);
    cleanups.push(() => model.close());
    opened = await openStack('pglite', { helpdesk: { liveRefreshMs: 200 }, env: { OPENAI_API_KEY: SCRIPTED_OPENAI_KEY, OPENAI_BASE_URL: model.baseUrl, OPENAI_PRICE_INPUT_PER_MTOK: '1', OPENAI_PRICE_OUTPUT_PER_MTOK: '2' } });
    const stack = opened.stack;
    await stack.zendeskSandbox.fireWebhook(101, 'ticket.created');
    await stack.settle();
    model.assertDone();
    const { app, page } = await open(stack);

    const sentence = app.locator('[data-testid="review-sentence"]');
    await sentence.first().waitFor();
    expect(await sentence.allTextContents()).toEqual([expect.stringContaining('The order was delivered 5 days late.')]);
    const source = sentence.first().locator('[data-testid="review-source"]');
    expect([await source.getAttribute('data-key'), await source.getAttribute('data-known')]).toEqual(['delivery.daysLate', 'true']);
    const flag = app.locator('[data-testid="review-flag"]');
    expect([await flag.getAttribute('data-reason'), await flag.getAttribute('data-removed')]).toEqual(['unsupported_number', 'true']);
    expect(await flag.textContent()).toContain('A refund of $5,000 is due.');
    const recommendation = app.locator('[data-testid="review-proposal"]');
    expect([await recommendation.getAttribute('data-verdict'), await recommendation.getAttribute('data-reason')]).toEqual(['rejected', 'amount_above_plan']);
    expect(await recommendation.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    // 2 calls, 2,960 tokens: 2,700 in at $1 and 260 out at $2 per million = $0.00322.
    expect(await app.locator('[data-testid="model-cost"]').textContent()).toBe('Model: 2 calls · 2,960 tokens · $0.0032');

    await app.getByRole('button', { name: 'Use this draft' }).click();
    await page.waitForFunction(() => (document.getElementById('composer') as HTMLTextAreaElement).value.includes('Sorry your order arrived 5 days late.'));
    // The plan is untouched: one policy-sized refund waiting for a person.
    expect((await caseOf(stack)).proposals.map((p) => [p.action.amount?.amount, p.status])).toEqual([[1680, 'pending']]);
  });

  it('records a denial with its reason label and note', async () => {
    const stack = await investigatedStack();
    const { app } = await open(stack);
    const card = app.locator('[data-testid="proposal"]');
    await card.getByRole('button', { name: 'Deny' }).click();
    const form = app.locator('[data-testid="deny-form"]');
    // Garden draws its own radio over the input, so the agent clicks the label text.
    await form.getByText('Wrong policy').click();
    expect(await form.getByLabel('Wrong policy').isChecked()).toBe(true);
    await form.getByLabel('Note (optional)').fill('Goodwill voucher already sent');
    await form.getByRole('button', { name: 'Send denial' }).click();
    await app.locator('[data-testid="proposal"][data-status="denied"]').waitFor();

    const after = await caseOf(stack);
    expect(after.proposals[0]).toMatchObject({ status: 'denied', denial: { reason: 'wrong_policy', note: 'Goodwill voucher already sent', by: { kind: 'agent', id: '1' } } });
    expect(await stripeRefunds(stack)).toEqual([]);
  });

  it('is operable by keyboard alone: Tab to Approve, Enter approves', async () => {
    const stack = await investigatedStack();
    const { app, page } = await open(stack);
    await app.locator('[data-testid="proposal"]').waitFor();
    const focusedName = () => app.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName}:${(el.textContent ?? '').trim()}` : '';
    });
    // Keyboard focus enters the sidebar from the page, as an agent tabbing through Zendesk would.
    await page.locator('#app-frame').focus();
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusedName()) === 'BUTTON:Approve';
    }
    expect(reached).toBe(true);
    const outline = await app.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle + getComputedStyle(document.activeElement as Element).boxShadow);
    expect(outline).not.toBe('nonenone'); // the focused button shows where focus is
    await page.keyboard.press('Enter');
    await app.locator('[data-testid="proposal"][data-status="approved"]').waitFor();
    expect((await caseOf(stack)).proposals[0]).toMatchObject({ status: 'approved', approval: { by: { kind: 'agent', id: '1' } } });
  });

  it('says the backend is unreachable and recovers with Retry once it is back', async () => {
    const stack = await investigatedStack();
    const forwarder = await switchableForwarder(stack.backend.url);
    cleanups.push(forwarder.down);
    stack.helpdesk.configure({ settings: { backend_url: forwarder.url() }, domainWhitelist: [forwarder.url()] });
    await forwarder.down();

    const { app } = await open(stack);
    const problem = app.locator('[data-testid="unreachable"]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain("Can't reach the Case Closer backend");
    expect(await app.locator('[data-testid="fact"]').count()).toBe(0);

    await forwarder.up();
    await problem.getByRole('button', { name: 'Retry' }).click();
    await app.locator('[data-testid="fact"] [data-testid="citation"]').first().waitFor();
    expect(await app.locator('[data-testid="unreachable"]').count()).toBe(0);
  });

  it('speaks Spanish to an agent whose Zendesk language is es, and no secret reaches the browser', async () => {
    const stack = await investigatedStack();
    const bodies: Promise<string>[] = [];
    const o = await openTicket(browser, stack.helpdesk.url, 101, '?locale=es');
    context = o.context;
    o.context.on('response', (r) => bodies.push(r.text().catch(() => '')));
    await o.page.reload();
    const app = (await (await o.page.waitForSelector('#app-frame')).contentFrame())!;
    await app.getByRole('button', { name: 'Aprobar' }).waitFor();
    expect(await app.getByRole('button', { name: 'Rechazar' }).isVisible()).toBe(true);
    expect(await app.getByRole('heading', { name: 'Investigación' }).isVisible()).toBe(true);
    expect(await app.locator('[data-testid="case-state"]').textContent()).toContain('Pendiente de aprobación');

    const served = await Promise.all(bodies);
    expect(served.length).toBeGreaterThan(3);
    expect(served.some((b) => b.includes('"facts"'))).toBe(true);
    for (const body of served) expect(body).not.toContain('demo-shared-secret-change-me');
  });

  it('refuses to approve a proposal that was superseded after it was shown, then shows the current one', async () => {
    const stack = await investigatedStack();
    const { app } = await open(stack);
    const shown = app.locator('[data-testid="proposal"][data-status="pending"]');
    await shown.waitFor();
    const oldId = (await shown.getAttribute('data-proposal-id'))!;
    const old = app.locator(`[data-testid="proposal"][data-proposal-id="${oldId}"]`);

    // Someone re-investigates behind the agent's back: the proposal on screen is replaced.
    expect((await stack.sidebar('/v1/tickets/101/investigate', { body: {} })).status).toBe(202);
    await stack.settle();
    await old.getByRole('button', { name: 'Approve' }).click();

    const notice = app.locator('[data-testid="notice"]');
    await notice.waitFor();
    expect(['stale', 'alreadyDecided']).toContain(await notice.getAttribute('data-notice'));
    await old.waitFor({ state: 'detached' });
    const current = app.locator('[data-testid="proposal"][data-status="pending"]');
    await current.waitFor();
    expect(await current.getAttribute('data-proposal-id')).not.toBe(oldId);

    const after = await caseOf(stack);
    expect(after.proposals.find((p) => p.id === oldId)).toMatchObject({ status: 'superseded', approval: null });
    expect(await stripeRefunds(stack)).toEqual([]);
  });
});
