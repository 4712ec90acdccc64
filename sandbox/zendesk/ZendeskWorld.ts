// The seed/dump format of the Zendesk sandbox: an account with users, organizations, groups,
// tickets (with their comments), ticket fields and Help Center articles, in Zendesk's snake_case.
// Times are ISO-8601 strings so sandbox/kit/rebaseDates.ts can shift a whole world.
import { z } from 'zod';

const Id = z.number().int().positive();
const Iso = z.iso.datetime({ offset: true });

export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);

export const CustomFieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const ZendeskCommentSchema = z.object({
  id: Id,
  author_id: Id,
  body: z.string(),
  html_body: z.string().optional(),
  public: z.boolean().default(true),
  channel: z.string().default('web'),
  created_at: Iso,
});

export const ZendeskTicketSchema = z.object({
  id: Id,
  subject: z.string(),
  description: z.string(),
  status: TicketStatusSchema.default('new'),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable().default(null),
  type: z.enum(['problem', 'incident', 'question', 'task']).nullable().default(null),
  channel: z.string().default('web'),
  requester_id: Id,
  submitter_id: Id.optional(),
  assignee_id: Id.nullable().default(null),
  /** Taken from the requester when absent, as Zendesk does. */
  organization_id: Id.nullable().optional(),
  group_id: Id.nullable().default(null),
  /** The creator's own reference for the ticket; `GET /api/v2/tickets.json?external_id=` finds it. */
  external_id: z.string().nullable().default(null),
  tags: z.array(z.string()).default([]),
  custom_fields: z.array(z.object({ id: Id, value: CustomFieldValueSchema })).default([]),
  created_at: Iso,
  updated_at: Iso.optional(),
  /** When absent, the description becomes the first public comment by the requester. */
  comments: z.array(ZendeskCommentSchema).optional(),
});

export const ZendeskUserSchema = z.object({
  id: Id,
  name: z.string(),
  email: z.string().nullable().default(null),
  role: z.enum(['end-user', 'agent', 'admin']).default('end-user'),
  locale: z.string().default('en-US'),
  time_zone: z.string().default('UTC'),
  organization_id: Id.nullable().default(null),
  tags: z.array(z.string()).default([]),
  created_at: Iso,
});

export const ZendeskOrganizationSchema = z.object({
  id: Id,
  name: z.string(),
  tags: z.array(z.string()).default([]),
  domain_names: z.array(z.string()).default([]),
  created_at: Iso,
});

export const ZendeskGroupSchema = z.object({
  id: Id,
  name: z.string(),
  description: z.string().default(''),
  created_at: Iso,
});

export const ZendeskTicketFieldSchema = z.object({
  id: Id,
  title: z.string(),
  type: z.enum(['text', 'textarea', 'integer', 'decimal', 'checkbox', 'tagger', 'date']),
});

export const ZendeskArticleSchema = z.object({
  id: Id,
  title: z.string(),
  /** HTML, as the Help Center stores it. */
  body: z.string(),
  locale: z.string().default('en-us'),
  label_names: z.array(z.string()).default([]),
  section_id: Id.nullable().default(null),
  created_at: Iso,
  updated_at: Iso.optional(),
});

export const ZendeskWorldSchema = z.object({
  now: Iso.optional(),
  account: z.object({ id: Id, subdomain: z.string() }),
  /** API tokens: `{email}/token:{api_token}` authenticates as user_id. */
  credentials: z.array(z.object({ email: z.string(), api_token: z.string(), user_id: Id })).min(1),
  users: z.array(ZendeskUserSchema),
  organizations: z.array(ZendeskOrganizationSchema).default([]),
  groups: z.array(ZendeskGroupSchema).default([]),
  ticket_fields: z.array(ZendeskTicketFieldSchema).default([]),
  tickets: z.array(ZendeskTicketSchema).default([]),
  articles: z.array(ZendeskArticleSchema).default([]),
});

export type ZendeskWorld = z.input<typeof ZendeskWorldSchema>;
export type ParsedZendeskWorld = z.output<typeof ZendeskWorldSchema>;
export type ZendeskUser = z.output<typeof ZendeskUserSchema>;
export type ZendeskOrganization = z.output<typeof ZendeskOrganizationSchema>;
export type ZendeskGroup = z.output<typeof ZendeskGroupSchema>;
export type ZendeskArticle = z.output<typeof ZendeskArticleSchema>;
export type ZendeskComment = z.output<typeof ZendeskCommentSchema>;
export type CustomFieldValue = z.output<typeof CustomFieldValueSchema>;
export type TicketStatusValue = z.output<typeof TicketStatusSchema>;

/** A ticket as the sandbox holds it: every derived field filled in. */
export type ZendeskTicket = Omit<z.output<typeof ZendeskTicketSchema>, 'comments' | 'organization_id' | 'submitter_id' | 'updated_at'> & {
  organization_id: number | null;
  submitter_id: number;
  updated_at: string;
  comments: ZendeskComment[];
};
