// The agent's ticket view: requester on the left, the conversation and the reply composer in the
// middle, and on the right the app's iframe, which the host script (zafHost.js) talks to over ZAF's
// postMessage protocol. Everything the host script knows is in one JSON block: no secure setting
// is ever part of it.
import { html } from 'hono/html';
import type { AgentComment, AgentTicket, AgentUser } from '../ZendeskAgentApi.js';
import { layout, relativeTime, scriptJson } from './layout.js';

export const LOCALES = ['en', 'es', 'pt-BR'] as const;

/** What zafHost.js answers the app with: app.registered's metadata and context, and get() values. */
export interface HostBootstrap {
  appGuid: string;
  appOrigin: string;
  proxyPath: string;
  /** Where the page polls the ticket so status, tags and comments change live, as in Zendesk. */
  livePath: string;
  liveRefreshMs: number;
  /** What the page shows, so the live poll can tell what changed. */
  rendered: { commentCount: number; updatedAt: string };
  metadata: { appId: number; installationId: string; name: string; version: string; settings: Record<string, unknown> };
  context: { host: 'zendesk'; product: 'support'; location: 'ticket_sidebar'; ticketId: number; account: { subdomain: string }; instanceGuid: string };
  currentUser: { id: number; name: string; email: string | null; role: string; locale: string };
  currentAccount: { subdomain: string };
  ticket: {
    id: number;
    subject: string;
    status: string;
    priority: string | null;
    tags: string[];
    requester: { id: number; name: string; email: string | null; locale: string } | null;
    via: { channel: string };
  };
}

export interface TicketPageInput {
  ticket: AgentTicket;
  comments: AgentComment[];
  users: Map<number, AgentUser>;
  agent: AgentUser | undefined;
  locale: string;
  /** The iframe's src, or null when the app is not built yet. */
  appSrc: string | null;
  bootstrap: HostBootstrap;
  now: Date;
}

function localeLinks(ticketId: number, current: string) {
  return LOCALES.map((l) => html`<a href="/tickets/${ticketId}?locale=${l}" ${current === l ? html`aria-current="true"` : ''} data-testid="locale-${l}">${l}</a>`);
}

/** The parts of the page that follow the ticket live (see the /live route and zafHost.js). */
export function conversationHtml(comments: AgentComment[], users: Map<number, AgentUser>, now: Date) {
  const name = (id: number) => users.get(id)?.name ?? `user ${id}`;
  return html`${comments.map(
    (c) => html`<li data-testid="comment" class="${c.public ? 'public' : 'internal'}">
      <span class="who">${name(c.author_id)}</span>${c.public ? '' : html` <span class="tag">internal note</span>`}
      <span class="when" title="${c.created_at}">${relativeTime(c.created_at, now)} · via ${c.via.channel}</span>
      <div class="body">${c.body}</div>
    </li>`,
  )}`;
}

export function tagsHtml(tags: string[]) {
  return html`${tags.map((t) => html`<span class="tag">${t}</span>`)}`;
}

export function ticketPage(input: TicketPageInput) {
  const { ticket, users, now } = input;
  const requester = users.get(ticket.requester_id);
  const name = (id: number) => users.get(id)?.name ?? `user ${id}`;
  const app = input.appSrc
    ? html`<iframe id="app-frame" data-testid="app-frame" title="Case Closer" src="${input.appSrc}"></iframe>`
    : html`<div class="not-built" data-testid="app-not-built">The Case Closer sidebar is not built yet. Run <code>npm run build:app</code> and reload this page.</div>`;

  return layout({
    title: `#${ticket.id} ${ticket.subject} · Demo help desk`,
    // In <head>, before the iframe exists, so the app's handshake can never arrive unheard.
    head: html`<script type="application/json" id="zaf-host-config">${scriptJson(input.bootstrap)}</script>
<script src="/__helpdesk/zafHost.js"></script>`,
    topbar: html`<span>${input.agent?.name ?? 'Agent'}</span><span class="locale">Agent language:${localeLinks(ticket.id, input.locale)}</span>`,
    body: html`<main class="workspace">
  <aside class="requester">
    <h2>Requester</h2>
    <div data-testid="requester"><strong>${requester?.name ?? name(ticket.requester_id)}</strong></div>
    <div>${requester?.email ?? ''}</div>
    <div>Language: ${requester?.locale ?? '-'}</div>
    <div>${(requester?.tags ?? []).map((t) => html`<span class="tag">${t}</span>`)}</div>
    <p><a href="/">← All tickets</a></p>
  </aside>
  <section class="conversation">
    <h1 data-testid="ticket-subject">${ticket.subject}</h1>
    <div class="meta">#${ticket.id} · <span class="badge ${ticket.status}" data-testid="ticket-status">${ticket.status}</span>
      · via ${ticket.via.channel} · created ${relativeTime(ticket.created_at, now)} · <a href="/tickets/${ticket.id}?locale=${input.locale}">refresh</a></div>
    <div data-testid="ticket-tags">${tagsHtml(ticket.tags)}</div>
    <ol class="comments" data-testid="conversation">${conversationHtml(input.comments, users, now)}</ol>
    <form class="composer" method="post" action="/__helpdesk/tickets/${ticket.id}/agent-reply">
      <label for="composer">Reply to ${requester?.name ?? 'the requester'}</label>
      <textarea id="composer" name="body" data-testid="composer" required></textarea>
      <input type="hidden" name="locale" value="${input.locale}">
      <div class="actions">
        <button class="secondary" name="visibility" value="internal">Add internal note</button>
        <button name="visibility" value="public" data-testid="submit-reply">Submit as public reply</button>
      </div>
    </form>
    <details class="customer">
      <summary>Play the customer: write a follow-up as ${requester?.name ?? 'the requester'}</summary>
      <form method="post" action="/__helpdesk/tickets/${ticket.id}/new-customer-message">
        <textarea name="body" data-testid="customer-message" required></textarea>
        <input type="hidden" name="locale" value="${input.locale}">
        <button type="submit" data-testid="send-customer-message">Send as the customer</button>
      </form>
    </details>
  </section>
  <aside class="apps">
    <h2>Apps</h2>
    ${app}
  </aside>
</main>
<div id="notifications" aria-live="polite"></div>`,
  });
}
