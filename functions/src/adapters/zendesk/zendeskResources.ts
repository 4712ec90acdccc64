// The parts of Zendesk's JSON the adapter relies on, and their translation into the HelpDesk port's
// types (string ids, camelCase, agent-UI links). Unknown fields are ignored.
import { z } from 'zod';
import type { HelpDeskUser, Organization, Ticket, TicketComment } from '../../ports/HelpDesk.js';

const Id = z.number().int();
const CustomValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const TicketEnvelopeSchema = z.object({
  ticket: z.object({
    id: Id,
    subject: z.string().nullable(),
    description: z.string().nullable(),
    status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']),
    tags: z.array(z.string()),
    custom_fields: z.array(z.object({ id: Id, value: CustomValue.optional() })).default([]),
    requester_id: Id,
    organization_id: Id.nullable(),
    group_id: Id.nullable(),
    via: z.object({ channel: z.string() }).nullable().optional(),
    created_at: z.string(),
    updated_at: z.string(),
  }),
});

export const CommentsPageSchema = z.object({
  comments: z.array(z.object({ id: Id, author_id: Id, body: z.string(), public: z.boolean(), created_at: z.string() })),
  next_page: z.string().nullable().optional(),
});

export const UserEnvelopeSchema = z.object({
  user: z.object({
    id: Id,
    name: z.string(),
    email: z.string().nullable(),
    organization_id: Id.nullable(),
    tags: z.array(z.string()).default([]),
    locale: z.string().nullable().default(null),
  }),
});

export const OrganizationEnvelopeSchema = z.object({
  organization: z.object({ id: Id, name: z.string(), tags: z.array(z.string()).default([]) }),
});

const idOrNull = (n: number | null) => (n === null ? null : String(n));

export function toTicket(t: z.output<typeof TicketEnvelopeSchema>['ticket'], baseUrl: string): Ticket {
  return {
    id: String(t.id),
    subject: t.subject ?? '',
    description: t.description ?? '',
    status: t.status,
    tags: t.tags,
    // Multi-select fields hold a list of option tags; the port keeps scalars, so they are joined.
    customFields: Object.fromEntries(t.custom_fields.map((f) => [String(f.id), Array.isArray(f.value) ? f.value.join(',') : (f.value ?? null)])),
    requesterId: String(t.requester_id),
    organizationId: idOrNull(t.organization_id),
    groupId: idOrNull(t.group_id),
    channel: t.via?.channel ?? 'unknown',
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    link: `${baseUrl}/agent/tickets/${t.id}`,
  };
}

export function toComment(c: z.output<typeof CommentsPageSchema>['comments'][number]): TicketComment {
  return { id: String(c.id), authorId: String(c.author_id), body: c.body, public: c.public, createdAt: c.created_at };
}

export function toUser(u: z.output<typeof UserEnvelopeSchema>['user'], baseUrl: string): HelpDeskUser {
  return {
    id: String(u.id),
    name: u.name,
    email: u.email,
    organizationId: idOrNull(u.organization_id),
    tags: u.tags,
    locale: u.locale ?? 'en-US',
    link: `${baseUrl}/agent/users/${u.id}`,
  };
}

export function toOrganization(o: z.output<typeof OrganizationEnvelopeSchema>['organization'], baseUrl: string): Organization {
  return { id: String(o.id), name: o.name, tags: o.tags, link: `${baseUrl}/agent/organizations/${o.id}` };
}
