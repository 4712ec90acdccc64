// HelpDesk port over the Zendesk Support REST API (API-token Basic auth, global fetch). Ids are
// numeric in Zendesk and strings in the port; a non-numeric id is refused before any request.
import { connectorError, type ConnectorError } from '../../domain/connectorError.js';
import { err, ok, type Result } from '../../domain/result.js';
import { z } from 'zod';
import type { Article, HelpDesk, HelpDeskResult, HelpDeskUser, NewTicket, Organization, Ticket, TicketComment, TicketUpdate } from '../../ports/HelpDesk.js';
import { decode, fetchJson, type JsonRequest } from '../http/fetchJson.js';
import {
  CommentsPageSchema,
  OrganizationEnvelopeSchema,
  TicketEnvelopeSchema,
  UserEnvelopeSchema,
  toComment,
  toOrganization,
  toTicket,
  toUser,
} from './zendeskResources.js';

export interface ZendeskHelpDeskConfig {
  /** https://{subdomain}.zendesk.com */
  baseUrl: string;
  email: string;
  apiToken: string;
  timeoutMs?: number;
}

/** Comments beyond this many pages are not read; a ticket that long is a human's job anyway. */
const MAX_COMMENT_PAGES = 20;
const NUMERIC = /^\d+$/;

/** btoa only takes Latin-1, and an agent's email may not be. */
const base64Utf8 = (s: string) => btoa(Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b)).join(''));

export class ZendeskHelpDesk implements HelpDesk {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(config: ZendeskHelpDeskConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.authorization = `Basic ${base64Utf8(`${config.email}/token:${config.apiToken}`)}`;
    this.timeoutMs = config.timeoutMs ?? 10_000;
  }

  async getTicket(id: string): HelpDeskResult<Ticket> {
    if (!NUMERIC.test(id)) return badId('ticket', id);
    const res = await this.call('GET', `/api/v2/tickets/${id}.json`);
    if (!res.ok) return res;
    const body = decode('zendesk', TicketEnvelopeSchema, res.value);
    return body.ok ? ok(toTicket(body.value.ticket, this.baseUrl)) : body;
  }

  async listComments(ticketId: string): HelpDeskResult<TicketComment[]> {
    if (!NUMERIC.test(ticketId)) return badId('ticket', ticketId);
    const comments: TicketComment[] = [];
    let url: string | null = `${this.baseUrl}/api/v2/tickets/${ticketId}/comments.json`;
    for (let page = 0; url && page < MAX_COMMENT_PAGES; page++) {
      const res = await this.request({ method: 'GET', url });
      if (!res.ok) return res;
      const body = decode('zendesk', CommentsPageSchema, res.value);
      if (!body.ok) return body;
      comments.push(...body.value.comments.map(toComment));
      // Only follow pagination links on the same host: they carry our credentials.
      const next = body.value.next_page ?? null;
      url = next && next.startsWith(`${this.baseUrl}/`) ? next : null;
    }
    return ok(comments);
  }

  async getUser(id: string): HelpDeskResult<HelpDeskUser> {
    if (!NUMERIC.test(id)) return badId('user', id);
    const res = await this.call('GET', `/api/v2/users/${id}.json`);
    if (!res.ok) return res;
    const body = decode('zendesk', UserEnvelopeSchema, res.value);
    return body.ok ? ok(toUser(body.value.user, this.baseUrl)) : body;
  }

  async getOrganization(id: string): HelpDeskResult<Organization> {
    if (!NUMERIC.test(id)) return badId('organization', id);
    const res = await this.call('GET', `/api/v2/organizations/${id}.json`);
    if (!res.ok) return res;
    const body = decode('zendesk', OrganizationEnvelopeSchema, res.value);
    return body.ok ? ok(toOrganization(body.value.organization, this.baseUrl)) : body;
  }

  async updateTicket(id: string, update: TicketUpdate): HelpDeskResult<Ticket> {
    if (!NUMERIC.test(id)) return badId('ticket', id);
    const ticket: Record<string, unknown> = {};
    if (update.status !== undefined) ticket.status = update.status;
    // additional_tags adds to the ticket's tags; `tags` would replace them and lose others' tags.
    if (update.addTags?.length) ticket.additional_tags = update.addTags;
    if (update.groupId !== undefined) {
      if (!NUMERIC.test(update.groupId)) return badId('group', update.groupId);
      ticket.group_id = Number(update.groupId);
    }
    if (update.customFields) {
      const ids = Object.keys(update.customFields);
      const bad = ids.find((k) => !NUMERIC.test(k));
      if (bad !== undefined) return badId('custom field', bad);
      ticket.custom_fields = ids.map((k) => ({ id: Number(k), value: update.customFields![k] }));
    }
    if (update.comment) ticket.comment = { body: update.comment.body, public: update.comment.public };
    const res = await this.call('PUT', `/api/v2/tickets/${id}.json`, { ticket });
    if (!res.ok) return res;
    const body = decode('zendesk', TicketEnvelopeSchema, res.value);
    return body.ok ? ok(toTicket(body.value.ticket, this.baseUrl)) : body;
  }

  async searchArticles(query: string, options: { locale?: string } = {}): HelpDeskResult<Article[]> {
    const params = new URLSearchParams({ query });
    if (options.locale) params.set('locale', options.locale);
    const res = await this.call('GET', `/api/v2/help_center/articles/search.json?${params.toString()}`);
    if (!res.ok) return res;
    const body = decode('zendesk', ArticleSearchSchema, res.value);
    return body.ok ? ok(body.value.results.map(toArticle)) : body;
  }

  /** GET /api/v2/tickets.json?external_id=<id>: the tickets created with our reference. */
  async findTicketsByExternalId(externalId: string): HelpDeskResult<Ticket[]> {
    const res = await this.call('GET', `/api/v2/tickets.json?external_id=${encodeURIComponent(externalId)}`);
    if (!res.ok) return res;
    const body = decode('zendesk', z.object({ tickets: z.array(TicketEnvelopeSchema.shape.ticket) }), res.value);
    return body.ok ? ok(body.value.tickets.map((t) => toTicket(t, this.baseUrl))) : body;
  }

  /** GET /api/v2/users/search.json?query=email:<email>; only an exact (case-insensitive) match counts. */
  async findUserByEmail(email: string): HelpDeskResult<HelpDeskUser | null> {
    const res = await this.call('GET', `/api/v2/users/search.json?query=${encodeURIComponent(`email:${email}`)}`);
    if (!res.ok) return res;
    const body = decode('zendesk', z.object({ users: z.array(UserEnvelopeSchema.shape.user) }), res.value);
    if (!body.ok) return body;
    const user = body.value.users.find((u) => u.email?.toLowerCase() === email.toLowerCase());
    return ok(user ? toUser(user, this.baseUrl) : null);
  }

  /**
   * POST /api/v2/tickets.json with `requester: { email, name }` (Zendesk finds the user by email or
   * creates it). The first comment is authored by the API user (`comment.author_id` from
   * /users/me.json), so the outreach is ours on the ticket and never reads as the customer's words.
   */
  async createTicket(input: NewTicket): HelpDeskResult<Ticket> {
    const me = await this.me();
    if (!me.ok) return me;
    const requester = { email: input.requester.email, name: input.requester.name };
    const ticket = {
      requester,
      subject: input.subject,
      comment: { body: input.body, public: true, author_id: me.value },
      tags: input.tags,
      ...(input.externalId ? { external_id: input.externalId } : {}),
    };
    const res = await this.call('POST', '/api/v2/tickets.json', { ticket });
    if (!res.ok) return res;
    const body = decode('zendesk', TicketEnvelopeSchema, res.value);
    return body.ok ? ok(toTicket(body.value.ticket, this.baseUrl)) : body;
  }

  private meId: number | null = null;

  private async me(): Promise<Result<number, ConnectorError>> {
    if (this.meId !== null) return ok(this.meId);
    const res = await this.call('GET', '/api/v2/users/me.json');
    if (!res.ok) return res;
    const body = decode('zendesk', UserEnvelopeSchema, res.value);
    if (!body.ok) return body;
    this.meId = body.value.user.id;
    return ok(this.meId);
  }

  private call(method: JsonRequest['method'], path: string, body?: unknown): Promise<Result<unknown, ConnectorError>> {
    return this.request({ method, url: `${this.baseUrl}${path}`, ...(body === undefined ? {} : { body }) });
  }

  private async request(r: { method: JsonRequest['method']; url: string; body?: unknown }): Promise<Result<unknown, ConnectorError>> {
    const res = await fetchJson({ system: 'zendesk', ...r, headers: { authorization: this.authorization }, timeoutMs: this.timeoutMs });
    return res.ok ? ok(res.value.body) : res;
  }
}

const ArticleSearchSchema = z.object({
  results: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      body: z.string().nullable(),
      snippet: z.string().nullable().optional(),
      locale: z.string(),
      label_names: z.array(z.string()).default([]),
      html_url: z.string(),
      updated_at: z.string(),
    }),
  ),
});

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
/** Help Center bodies and snippets are HTML; the port carries plain text. */
const plainText = (html: string) =>
  html.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e]!).replace(/\s+/g, ' ').trim();

function toArticle(a: z.output<typeof ArticleSearchSchema>['results'][number]): Article {
  return {
    id: String(a.id),
    title: a.title,
    body: plainText(a.body ?? ''),
    snippet: a.snippet ? plainText(a.snippet) : null,
    locale: a.locale,
    labels: a.label_names,
    updatedAt: a.updated_at,
    link: a.html_url,
  };
}

function badId(kind: string, id: string): Result<never, ConnectorError> {
  return err(connectorError('zendesk', 'invalid_request', `${kind} id must be numeric, got ${JSON.stringify(id)}`));
}
