// Builds the body of a Zendesk event webhook for a ticket event (schema version 2022-11-06):
// ids are strings in `detail`, statuses are upper-case, `event` carries what happened.
import { randomUUID } from 'node:crypto';
import { isoSeconds } from './ZendeskStore.js';
import type { ZendeskComment, ZendeskTicket, ZendeskUser } from './ZendeskWorld.js';

export type TicketEventType = 'ticket.created' | 'ticket.comment_added';

const str = (n: number | null) => (n === null ? null : String(n));
const upper = (s: string | null) => (s === null ? null : s.toUpperCase());

export function ticketEvent(input: {
  type: TicketEventType;
  accountId: number;
  ticket: ZendeskTicket;
  actorId: number;
  comment?: { comment: ZendeskComment; author: ZendeskUser | undefined };
  at: Date;
}): Record<string, unknown> {
  const t = input.ticket;
  const meta = { sequence: { id: randomUUID().replace(/-/g, '').toUpperCase(), position: 1, total: 1 } };
  const event =
    input.type === 'ticket.comment_added' && input.comment
      ? {
          comment: {
            id: String(input.comment.comment.id),
            body: input.comment.comment.body,
            is_public: input.comment.comment.public,
            author: {
              id: String(input.comment.comment.author_id),
              is_staff: (input.comment.author?.role ?? 'end-user') !== 'end-user',
              name: input.comment.author?.name ?? '',
            },
          },
          meta,
        }
      : { meta };
  return {
    type: `zen:event-type:${input.type}`,
    account_id: input.accountId,
    id: randomUUID(),
    time: isoSeconds(input.at),
    zendesk_event_version: '2022-11-06',
    subject: `zen:ticket:${t.id}`,
    detail: {
      actor_id: String(input.actorId),
      assignee_id: str(t.assignee_id),
      brand_id: null,
      created_at: t.created_at,
      custom_status: null,
      description: t.description,
      external_id: null,
      form_id: null,
      group_id: str(t.group_id),
      id: String(t.id),
      is_public: t.comments.some((c) => c.public),
      organization_id: str(t.organization_id),
      priority: upper(t.priority),
      requester_id: String(t.requester_id),
      status: t.status.toUpperCase(),
      subject: t.subject,
      submitter_id: String(t.submitter_id),
      tags: [...t.tags],
      type: upper(t.type),
      updated_at: t.updated_at,
      via: { channel: t.channel },
    },
    event,
  };
}
