// The help desk's home: every ticket in the Zendesk sandbox, newest first, each opening the agent's
// ticket view; and a form to open a new ticket as one of the demo customers.
import { html } from 'hono/html';
import type { AgentTicket, AgentUser } from '../ZendeskAgentApi.js';
import { layout, relativeTime } from './layout.js';

export function ticketListPage(input: { tickets: AgentTicket[]; users: Map<number, AgentUser>; customers: AgentUser[]; agent: AgentUser | undefined; now: Date; appBuilt: boolean }) {
  const rows = input.tickets.map(
    (t) => html`<tr data-testid="ticket-row" data-ticket-id="${t.id}">
      <td>#${t.id}</td>
      <td><a href="/tickets/${t.id}">${t.subject}</a></td>
      <td>${input.users.get(t.requester_id)?.name ?? `user ${t.requester_id}`}</td>
      <td><span class="badge ${t.status}">${t.status}</span></td>
      <td title="${t.created_at}">${relativeTime(t.created_at, input.now)}</td>
    </tr>`,
  );
  const options = input.customers.map((u) => html`<option value="${u.id}">${u.name} (${u.locale})</option>`);
  return layout({
    title: 'Tickets · Demo help desk',
    topbar: html`<span>${input.agent?.name ?? 'Agent'}</span>`,
    body: html`<main class="page">
  <h1>Recently created tickets</h1>
  ${input.appBuilt ? '' : html`<p class="not-built">The Case Closer sidebar is not built yet: run <code>npm run build:app</code>, then open a ticket.</p>`}
  <table>
    <thead><tr><th>ID</th><th>Subject</th><th>Requester</th><th>Status</th><th>Created</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>
  <form class="new-ticket" method="post" action="/__helpdesk/tickets">
    <h2>Open a ticket as a customer</h2>
    <label>Customer <select name="requester_id">${options}</select></label>
    <label>Subject <input name="subject" required></label>
    <label>Message <textarea name="body" required></textarea></label>
    <button type="submit">Submit as the customer</button>
  </form>
</main>`,
  });
}
