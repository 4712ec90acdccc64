// What the engine needs from the help desk (Zendesk Support in production).
import type { ConnectorError } from '../domain/connectorError.js';
import type { Result } from '../domain/result.js';

export type HelpDeskResult<T> = Promise<Result<T, ConnectorError>>;

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

export interface Ticket {
  id: string;
  subject: string;
  description: string;
  status: TicketStatus;
  tags: string[];
  customFields: Record<string, string | number | boolean | null>; // by field id
  requesterId: string;
  organizationId: string | null;
  groupId: string | null;
  channel: string; // email | web | chat | whatsapp | voice | api …
  createdAt: string;
  updatedAt: string;
  link: string;
}

export interface TicketComment {
  id: string;
  authorId: string;
  body: string;
  public: boolean;
  createdAt: string;
}

export interface HelpDeskUser {
  id: string;
  name: string;
  email: string | null;
  organizationId: string | null;
  tags: string[];
  locale: string;
  link: string;
}

export interface Organization {
  id: string;
  name: string;
  tags: string[];
  link: string;
}

/** A Help Center article as search returns it; `body` is plain text (HTML stripped). */
export interface Article {
  id: string;
  title: string;
  body: string;
  /** The search engine's excerpt around the match, plain text; null when it gives none. */
  snippet: string | null;
  locale: string;
  labels: string[];
  updatedAt: string;
  link: string;
}

export interface TicketUpdate {
  status?: TicketStatus;
  addTags?: string[];
  groupId?: string;
  customFields?: Record<string, string | number | boolean | null>;
  comment?: { body: string; public: boolean };
}

/** A ticket we open ourselves (proactive outreach): the requester is found or created by email. */
export interface NewTicket {
  requester: { email: string; name: string };
  subject: string;
  /** The first, public comment: written by the API user (the agent), not by the requester. */
  body: string;
  tags: string[];
  /** Our own reference for the ticket (Zendesk's `external_id`). */
  externalId?: string;
}

export interface HelpDesk {
  getTicket(id: string): HelpDeskResult<Ticket>;
  listComments(ticketId: string): HelpDeskResult<TicketComment[]>;
  getUser(id: string): HelpDeskResult<HelpDeskUser>;
  getOrganization(id: string): HelpDeskResult<Organization>;
  updateTicket(id: string, update: TicketUpdate): HelpDeskResult<Ticket>;
  /** The help-desk user with exactly this email (case-insensitive), or null. */
  findUserByEmail(email: string): HelpDeskResult<HelpDeskUser | null>;
  /** Opens a ticket for a customer (POST /api/v2/tickets.json); fires Zendesk's ticket.created like any ticket. */
  createTicket(input: NewTicket): HelpDeskResult<Ticket>;
  /** Tickets opened with this reference (`NewTicket.externalId`), newest first; read-only. */
  findTicketsByExternalId(externalId: string): HelpDeskResult<Ticket[]>;
  /** Help Center full-text search, best match first (first page only); read-only. */
  searchArticles(query: string, options?: { locale?: string }): HelpDeskResult<Article[]>;
}
