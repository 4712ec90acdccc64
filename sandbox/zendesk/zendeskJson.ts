// Renders sandbox state in the JSON shapes of the Zendesk Support and Help Center APIs
// (numeric ids, snake_case, `url` fields pointing back at the API).
import type { Audit } from './ZendeskStore.js';
import type { ZendeskArticle, ZendeskComment, ZendeskGroup, ZendeskOrganization, ZendeskTicket, ZendeskUser } from './ZendeskWorld.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function ticketJson(t: ZendeskTicket, origin: string) {
  return {
    url: `${origin}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: t.external_id,
    via: { channel: t.channel, source: { from: {}, to: {}, rel: null } },
    created_at: t.created_at,
    updated_at: t.updated_at,
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    recipient: null,
    requester_id: t.requester_id,
    submitter_id: t.submitter_id,
    assignee_id: t.assignee_id,
    organization_id: t.organization_id,
    group_id: t.group_id,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    problem_id: null,
    has_incidents: false,
    is_public: t.comments.some((c) => c.public),
    due_at: null,
    tags: [...t.tags],
    custom_fields: t.custom_fields.map((f) => ({ ...f })),
    fields: t.custom_fields.map((f) => ({ ...f })),
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    followup_ids: [],
    brand_id: null,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

export function commentJson(c: ZendeskComment) {
  return {
    id: c.id,
    type: 'Comment',
    author_id: c.author_id,
    body: c.body,
    html_body: c.html_body ?? `<div class="zd-comment" dir="auto"><p>${escapeHtml(c.body).replace(/\n/g, '<br>')}</p></div>`,
    plain_body: c.body,
    public: c.public,
    attachments: [],
    audit_id: c.id,
    via: { channel: c.channel, source: { from: {}, to: {}, rel: null } },
    created_at: c.created_at,
    metadata: { system: {}, custom: {} },
  };
}

export function auditJson(a: Audit) {
  return { ...a, metadata: { system: {}, custom: {} }, via: { channel: 'api', source: { from: {}, to: {}, rel: null } } };
}

export function userJson(u: ZendeskUser, origin: string) {
  return {
    id: u.id,
    url: `${origin}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: u.created_at,
    updated_at: u.created_at,
    time_zone: u.time_zone,
    iana_time_zone: u.time_zone,
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: u.locale,
    organization_id: u.organization_id,
    role: u.role,
    verified: true,
    external_id: null,
    tags: [...u.tags],
    alias: '',
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: null,
    two_factor_auth_enabled: false,
    signature: null,
    details: '',
    notes: '',
    role_type: null,
    custom_role_id: null,
    moderator: u.role !== 'end-user',
    ticket_restriction: u.role === 'end-user' ? 'requested' : null,
    only_private_comments: false,
    restricted_agent: u.role === 'end-user',
    suspended: false,
    default_group_id: null,
    report_csv: false,
    user_fields: {},
  };
}

export function organizationJson(o: ZendeskOrganization, origin: string) {
  return {
    url: `${origin}/api/v2/organizations/${o.id}.json`,
    id: o.id,
    name: o.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: null,
    created_at: o.created_at,
    updated_at: o.created_at,
    domain_names: [...o.domain_names],
    details: '',
    notes: '',
    group_id: null,
    tags: [...o.tags],
    organization_fields: {},
  };
}

export function groupJson(g: ZendeskGroup, origin: string) {
  return {
    url: `${origin}/api/v2/groups/${g.id}.json`,
    id: g.id,
    is_public: true,
    name: g.name,
    description: g.description,
    default: false,
    deleted: false,
    created_at: g.created_at,
    updated_at: g.created_at,
  };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function articleJson(a: ZendeskArticle, origin: string) {
  return {
    id: a.id,
    url: `${origin}/api/v2/help_center/${a.locale}/articles/${a.id}.json`,
    html_url: `${origin}/hc/${a.locale}/articles/${a.id}-${slug(a.title)}`,
    title: a.title,
    body: a.body,
    locale: a.locale,
    source_locale: a.locale,
    label_names: [...a.label_names],
    section_id: a.section_id,
    draft: false,
    promoted: false,
    outdated: false,
    created_at: a.created_at,
    updated_at: a.updated_at ?? a.created_at,
    edited_at: a.updated_at ?? a.created_at,
  };
}

/** The single-page list envelope Zendesk uses for offset pagination. */
export const listJson = <K extends string, T>(key: K, items: T[]) =>
  ({ [key]: items, next_page: null, previous_page: null, count: items.length }) as { [P in K]: T[] } & { next_page: null; previous_page: null; count: number };
