// The help desk's server-side reads and writes against the Zendesk sandbox: the agent's API token
// for what an agent sees and does, the sandbox's /__zendesk routes for what the customer does.
import type { HelpDeskConfig } from './HelpDeskConfig.js';

export interface AgentTicket {
  id: number;
  subject: string;
  description: string;
  status: string;
  priority: string | null;
  tags: string[];
  requester_id: number;
  organization_id: number | null;
  group_id: number | null;
  via: { channel: string };
  created_at: string;
  updated_at: string;
}

export interface AgentComment {
  id: number;
  author_id: number;
  body: string;
  public: boolean;
  via: { channel: string };
  created_at: string;
}

export interface AgentUser {
  id: number;
  name: string;
  email: string | null;
  role: string;
  locale: string;
  organization_id: number | null;
  tags: string[];
}

export class ZendeskCallError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class ZendeskAgentApi {
  constructor(private readonly zendesk: HelpDeskConfig['zendesk']) {}

  private async call<T>(path: string, init: { method?: string; body?: unknown; admin?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (!init.admin) headers['authorization'] = `Basic ${Buffer.from(`${this.zendesk.email}/token:${this.zendesk.apiToken}`).toString('base64')}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(new URL(path, this.zendesk.url), {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new ZendeskCallError(res.status, `Zendesk ${init.method ?? 'GET'} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }

  /** Newest first, as an agent's "recently created" view shows them. */
  async tickets(): Promise<AgentTicket[]> {
    const { tickets } = await this.call<{ tickets: AgentTicket[] }>('/api/v2/tickets.json');
    return [...tickets].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
  }

  async ticket(id: number): Promise<AgentTicket> {
    return (await this.call<{ ticket: AgentTicket }>(`/api/v2/tickets/${id}.json`)).ticket;
  }

  async comments(id: number): Promise<AgentComment[]> {
    return (await this.call<{ comments: AgentComment[] }>(`/api/v2/tickets/${id}/comments.json`)).comments;
  }

  async user(id: number): Promise<AgentUser> {
    return (await this.call<{ user: AgentUser }>(`/api/v2/users/${id}.json`)).user;
  }

  /** Users by id, each fetched once; unknown ids are left out rather than failing the page. */
  async users(ids: number[]): Promise<Map<number, AgentUser>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((id) => this.user(id).catch(() => null)));
    return new Map(found.filter((u): u is AgentUser => u !== null).map((u) => [u.id, u]));
  }

  /** The agent answers on the ticket (public reply or internal note). */
  async agentComment(id: number, body: string, isPublic: boolean): Promise<void> {
    await this.call(`/api/v2/tickets/${id}.json`, { method: 'PUT', body: { ticket: { comment: { body, public: isPublic } } } });
  }

  /** The requester writes again; the sandbox fires ticket.comment_added like Zendesk would. */
  async customerMessage(id: number, body: string): Promise<void> {
    await this.call(`/__zendesk/tickets/${id}/customer_comments`, { method: 'POST', body: { body }, admin: true });
  }

  /** A customer opens a new ticket; the sandbox fires ticket.created. */
  async customerTicket(input: { requesterId: number; subject: string; body: string }): Promise<number> {
    const res = await this.call<{ ticket: { id: number } }>('/__zendesk/tickets', {
      method: 'POST',
      body: { requester_id: input.requesterId, subject: input.subject, body: input.body },
      admin: true,
    });
    return res.ticket.id;
  }

  /** End users the demo can play, for the "new ticket as a customer" form. */
  async customers(): Promise<AgentUser[]> {
    const ids = (await this.tickets()).map((t) => t.requester_id);
    return [...(await this.users(ids)).values()].filter((u) => u.role === 'end-user').sort((a, b) => a.name.localeCompare(b.name));
  }
}
