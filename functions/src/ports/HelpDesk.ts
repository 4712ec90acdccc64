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

export interface TicketUpdate {
  status?: TicketStatus;
  addTags?: string[];
  groupId?: string;
  customFields?: Record<string, string | number | boolean | null>;
  comment?: { body: string; public: boolean };
}

export interface HelpDesk {
  getTicket(id: string): HelpDeskResult<Ticket>;
  listComments(ticketId: string): HelpDeskResult<TicketComment[]>;
  getUser(id: string): HelpDeskResult<HelpDeskUser>;
  getOrganization(id: string): HelpDeskResult<Organization>;
  updateTicket(id: string, update: TicketUpdate): HelpDeskResult<Ticket>;
}
