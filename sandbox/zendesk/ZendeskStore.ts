// In-memory state of the Zendesk sandbox and the rules Zendesk applies on ticket writes: tag
// normalisation, automatic status changes (an agent reply opens a new ticket, a requester reply
// reopens a pending/solved one), closed tickets are frozen, and every write produces an audit.
import { z } from 'zod';
import {
  CustomFieldValueSchema,
  TICKET_STATUSES,
  ZendeskWorldSchema,
  type ParsedZendeskWorld,
  type ZendeskComment,
  type ZendeskTicket,
  type ZendeskUser,
  type ZendeskWorld,
} from './ZendeskWorld.js';

export type ValidationDetails = Record<string, { description: string; error: string }[]>;
export type WriteResult<T> = { ok: true; value: T } | { ok: false; details: ValidationDetails };

export interface AuditEvent {
  id: number;
  type: 'Create' | 'Change' | 'Comment';
  [field: string]: unknown;
}

export interface Audit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  events: AuditEvent[];
}

export interface TicketWrite {
  ticket: ZendeskTicket;
  audit: Audit;
  comment: ZendeskComment | null;
  /** A public comment written by the requester: what Zendesk would notify a webhook about. */
  customerFollowUp: boolean;
}

const Id = z.number().int().positive();
const CommentInputSchema = z.object({
  body: z.string().optional(),
  html_body: z.string().optional(),
  public: z.boolean().optional(),
  author_id: Id.optional(),
});
const TagsSchema = z.array(z.string());

const TicketUpdateSchema = z.object({
  subject: z.string().optional(),
  status: z.string().optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable().optional(),
  comment: CommentInputSchema.optional(),
  tags: TagsSchema.optional(),
  additional_tags: TagsSchema.optional(),
  remove_tags: TagsSchema.optional(),
  group_id: Id.nullable().optional(),
  assignee_id: Id.nullable().optional(),
  custom_fields: z.array(z.object({ id: Id, value: CustomFieldValueSchema })).optional(),
});
type TicketUpdateInput = z.infer<typeof TicketUpdateSchema>;

const TicketCreateSchema = TicketUpdateSchema.extend({
  requester_id: Id.optional(),
  requester: z.object({ name: z.string().optional(), email: z.string(), locale: z.string().optional() }).optional(),
  submitter_id: Id.optional(),
  type: z.enum(['problem', 'incident', 'question', 'task']).nullable().optional(),
  external_id: z.string().max(255).nullable().optional(),
});
export type TicketCreateInput = z.infer<typeof TicketCreateSchema>;

/** Zendesk timestamps carry whole seconds. */
export const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Zendesk lower-cases tags and treats whitespace as a separator. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.flatMap((t) => t.toLowerCase().trim().split(/\s+/)).filter(Boolean))];
}

const stripHtml = (html: string) =>
  html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n').replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();

const invalid = (field: string, description: string, error = 'InvalidValue'): { ok: false; details: ValidationDetails } => ({
  ok: false,
  details: { [field]: [{ description, error }] },
});

function zodDetails(e: z.ZodError): ValidationDetails {
  const details: ValidationDetails = {};
  for (const issue of e.issues) {
    const field = String(issue.path[0] ?? 'base');
    (details[field] ??= []).push({ description: `${issue.path.join('.') || 'ticket'}: ${issue.message}`, error: 'InvalidValue' });
  }
  return details;
}

export class ZendeskStore {
  private world!: ParsedZendeskWorld;
  private tickets = new Map<number, ZendeskTicket>();
  private seq = { ticket: 0, comment: 0, audit: 0, user: 0 };

  constructor(
    seed: ZendeskWorld,
    private readonly now: () => Date,
  ) {
    this.reset(seed);
  }

  reset(seed: unknown): void {
    this.world = ZendeskWorldSchema.parse(seed);
    this.seq = {
      ticket: Math.max(0, ...this.world.tickets.map((t) => t.id)),
      comment: Math.max(1_000_000, ...this.world.tickets.flatMap((t) => (t.comments ?? []).map((c) => c.id))),
      audit: 2_000_000,
      user: Math.max(0, ...this.world.users.map((u) => u.id)),
    };
    this.tickets = new Map(this.world.tickets.map((t) => [t.id, this.materialize(t)]));
  }

  get account(): ParsedZendeskWorld['account'] {
    return this.world.account;
  }

  /** The user an API token authenticates as, or null. */
  authenticate(email: string, token: string): ZendeskUser | null {
    const cred = this.world.credentials.find((c) => c.email.toLowerCase() === email.toLowerCase() && c.api_token === token);
    return cred ? (this.user(cred.user_id) ?? null) : null;
  }

  user = (id: number) => this.world.users.find((u) => u.id === id);
  users = () => this.world.users;
  organization = (id: number) => this.world.organizations.find((o) => o.id === id);
  groups = () => this.world.groups;
  ticketFields = () => this.world.ticket_fields;
  articles = () => this.world.articles;
  ticket = (id: number) => this.tickets.get(id);

  /** Newest first. */
  /** Newest first; with `externalId`, only the tickets created with that reference. */
  listTickets(filter: { externalId?: string } = {}): ZendeskTicket[] {
    return [...this.tickets.values()].filter((t) => filter.externalId === undefined || t.external_id === filter.externalId).sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  }

  createTicket(input: unknown, actorId: number, channel = 'api'): WriteResult<TicketWrite> {
    const parsed = TicketCreateSchema.safeParse(input);
    if (!parsed.success) return { ok: false, details: zodDetails(parsed.error) };
    const inp = parsed.data;
    const first = this.commentText(inp.comment);
    if (!first) return invalid('description', 'Description: cannot be blank', 'BlankValue');
    let requesterId = inp.requester_id ?? actorId;
    if (inp.requester) requesterId = this.findOrCreateUser(inp.requester).id;
    const requester = this.user(requesterId);
    if (!requester) return invalid('requester', 'Requester: is invalid');
    const now = isoSeconds(this.now());
    const ticket: ZendeskTicket = {
      id: ++this.seq.ticket,
      subject: inp.subject ?? first.body.split('\n')[0]!.slice(0, 80),
      description: first.body,
      status: 'new',
      priority: inp.priority ?? null,
      type: inp.type ?? null,
      channel,
      requester_id: requesterId,
      submitter_id: inp.submitter_id ?? actorId,
      assignee_id: null,
      organization_id: requester.organization_id,
      group_id: null,
      external_id: inp.external_id ?? null,
      tags: [],
      custom_fields: [],
      created_at: now,
      updated_at: now,
      comments: [],
    };
    // The first comment belongs to the requester unless an author is named; the rest of the
    // fields go through the same rules as an update.
    const draft = structuredClone(ticket);
    const fields = { ...inp, subject: undefined, external_id: undefined, comment: { ...inp.comment, author_id: inp.comment?.author_id ?? requesterId } };
    const applied = this.apply(draft, fields, actorId, true);
    if (!applied.ok) {
      this.seq.ticket -= 1;
      return applied;
    }
    this.tickets.set(draft.id, draft);
    return applied;
  }

  updateTicket(id: number, input: unknown, actorId: number): WriteResult<TicketWrite> | null {
    const ticket = this.tickets.get(id);
    if (!ticket) return null;
    const parsed = TicketUpdateSchema.safeParse(input);
    if (!parsed.success) return { ok: false, details: zodDetails(parsed.error) };
    if (ticket.status === 'closed') return invalid('status', 'Status: closed prevents ticket update', 'ClosedTicket');
    // Validate and apply on a copy so a rejected update changes nothing.
    const draft = structuredClone(ticket);
    const result = this.apply(draft, parsed.data, actorId, false);
    if (result.ok) this.tickets.set(id, draft);
    return result;
  }

  /** PUT /tickets/{id}/tags.json adds tags; returns the resulting tag list. */
  addTags(id: number, tags: string[], actorId: number): WriteResult<TicketWrite> | null {
    return this.updateTicket(id, { additional_tags: tags }, actorId);
  }

  dump(): ZendeskWorld {
    return { ...this.world, tickets: [...this.tickets.values()].sort((a, b) => a.id - b.id).map((t) => structuredClone(t)) };
  }

  private apply(t: ZendeskTicket, inp: TicketUpdateInput, actorId: number, creating: boolean): WriteResult<TicketWrite> {
    const before = structuredClone(t);
    const now = isoSeconds(this.now());
    const events: AuditEvent[] = [];
    let comment: ZendeskComment | null = null;

    if (inp.status !== undefined) {
      if (!(TICKET_STATUSES as readonly string[]).includes(inp.status)) return invalid('status', `Status: ${inp.status} is not valid`);
      if (inp.status === 'new' && t.status !== 'new') return invalid('status', 'Status: cannot be set back to new');
    }
    if (inp.group_id != null && !this.world.groups.some((g) => g.id === inp.group_id)) return invalid('group', 'Group: is invalid');
    if (inp.assignee_id != null && (this.user(inp.assignee_id)?.role ?? 'end-user') === 'end-user') return invalid('assignee', 'Assignee: is not an agent');

    if (inp.comment) {
      const text = this.commentText(inp.comment);
      if (!text) return invalid('comment', 'Comment: body cannot be blank', 'BlankValue');
      const authorId = inp.comment.author_id ?? actorId;
      const author = this.user(authorId);
      if (!author) return invalid('comment', 'Comment: author is invalid');
      const isPublic = inp.comment.public ?? true;
      comment = { id: ++this.seq.comment, author_id: authorId, body: text.body, public: isPublic, channel: creating ? t.channel : 'api', created_at: now, ...(text.html ? { html_body: text.html } : {}) };
      t.comments.push(comment);
      if (creating) t.description = text.body;
      // Zendesk's own status automation: a requester reply reopens, an agent reply takes a new ticket.
      if (inp.status === undefined && !creating) {
        if (authorId === t.requester_id && ['pending', 'hold', 'solved'].includes(t.status)) t.status = 'open';
        else if (author.role !== 'end-user' && t.status === 'new') t.status = 'open';
      }
    }

    if (inp.subject !== undefined) t.subject = inp.subject;
    if (inp.status !== undefined) t.status = inp.status as ZendeskTicket['status'];
    if (inp.priority !== undefined) t.priority = inp.priority;
    if (inp.group_id !== undefined) t.group_id = inp.group_id;
    if (inp.assignee_id !== undefined) t.assignee_id = inp.assignee_id;
    if (inp.tags !== undefined) t.tags = normalizeTags(inp.tags);
    if (inp.additional_tags) t.tags = normalizeTags([...t.tags, ...inp.additional_tags]);
    if (inp.remove_tags) {
      const drop = new Set(normalizeTags(inp.remove_tags));
      t.tags = t.tags.filter((x) => !drop.has(x));
    }
    for (const f of inp.custom_fields ?? []) {
      const existing = t.custom_fields.find((x) => x.id === f.id);
      if (existing) existing.value = f.value;
      else t.custom_fields.push({ id: f.id, value: f.value });
    }
    // Solving needs an assignee; Zendesk assigns the agent who solves.
    if (t.status === 'solved' && t.assignee_id === null && this.user(actorId)?.role !== 'end-user') t.assignee_id = actorId;

    if (comment) events.push({ id: ++this.seq.audit, type: 'Comment', author_id: comment.author_id, body: comment.body, html_body: comment.html_body ?? null, plain_body: comment.body, public: comment.public, attachments: [] });
    const kind = creating ? 'Create' : 'Change';
    for (const field of ['subject', 'status', 'priority', 'group_id', 'assignee_id'] as const) {
      if (creating || before[field] !== t[field]) events.push({ id: ++this.seq.audit, type: kind, field_name: field, value: t[field], ...(creating ? {} : { previous_value: before[field] }) });
    }
    if (creating || before.tags.join(' ') !== t.tags.join(' ')) events.push({ id: ++this.seq.audit, type: kind, field_name: 'tags', value: t.tags, ...(creating ? {} : { previous_value: before.tags }) });
    for (const f of t.custom_fields) {
      const prev = before.custom_fields.find((x) => x.id === f.id)?.value ?? null;
      if (creating || JSON.stringify(prev) !== JSON.stringify(f.value)) events.push({ id: ++this.seq.audit, type: kind, field_name: String(f.id), value: f.value, ...(creating ? {} : { previous_value: prev }) });
    }
    if (!creating) t.updated_at = now;
    const audit: Audit = { id: ++this.seq.audit, ticket_id: t.id, created_at: now, author_id: actorId, events };
    const customerFollowUp = !creating && comment !== null && comment.public && comment.author_id === t.requester_id;
    return { ok: true, value: { ticket: t, audit, comment, customerFollowUp } };
  }

  private commentText(c: z.infer<typeof CommentInputSchema> | undefined): { body: string; html?: string } | null {
    if (!c) return null;
    if (c.body !== undefined && c.body.trim()) return { body: c.body };
    if (c.html_body !== undefined && stripHtml(c.html_body)) return { body: stripHtml(c.html_body), html: c.html_body };
    return null;
  }

  private findOrCreateUser(r: { name?: string | undefined; email: string; locale?: string | undefined }): ZendeskUser {
    const existing = this.world.users.find((u) => u.email?.toLowerCase() === r.email.toLowerCase());
    if (existing) return existing;
    const user: ZendeskUser = { id: ++this.seq.user, name: r.name ?? r.email.split('@')[0]!, email: r.email, role: 'end-user', locale: r.locale ?? 'en-US', time_zone: 'UTC', organization_id: null, tags: [], created_at: isoSeconds(this.now()) };
    this.world.users.push(user);
    return user;
  }

  private materialize(t: z.output<typeof ZendeskWorldSchema>['tickets'][number]): ZendeskTicket {
    const requester = this.world.users.find((u) => u.id === t.requester_id);
    const comments = t.comments ?? [{ id: ++this.seq.comment, author_id: t.requester_id, body: t.description, public: true, channel: t.channel, created_at: t.created_at }];
    return {
      ...t,
      tags: normalizeTags(t.tags),
      submitter_id: t.submitter_id ?? t.requester_id,
      organization_id: t.organization_id !== undefined ? t.organization_id : (requester?.organization_id ?? null),
      updated_at: t.updated_at ?? t.created_at,
      comments: comments.map((c) => ({ ...c })),
    };
  }
}
