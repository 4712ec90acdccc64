// Reads the ticket, its requester and organization, and works out what the customer asks for.
// Reads only. What else to fetch depends on the playbook: see evidenceSources.ts.
import type { ConnectorError } from '../domain/connectorError.js';
import type { Fact } from '../domain/evidence.js';
import { detectIntent, type IntentResult } from '../domain/intent.js';
import type { Understanding } from '../domain/requests.js';
import { understandTicket } from '../domain/understand.js';
import { delayChoice, SHIPPING_DELAY_CANCEL_INTENT, SHIPPING_DELAY_INTENT, PROACTIVE_TAG } from '../domain/shippingDelay.js';
import type { Clock } from '../ports/Clock.js';
import type { HelpDesk, HelpDeskUser, Organization, Ticket } from '../ports/HelpDesk.js';
import type { Connectors } from './EngineDeps.js';
import { ticketFacts } from './facts.js';
import { ToolTrace } from './traced.js';

export interface TicketReading {
  ticket: Ticket;
  requester: HelpDeskUser;
  organization: Organization | null;
  intent: IntentResult;
  /** The requests the deterministic reader found (the model path may replace it). */
  understanding: Understanding;
  facts: Fact[];
  customerTags: string[];
  readAt: string;
  /** The customer's own words: the description and their public follow-ups (data, never instructions). */
  customerText: string;
}

export type Reading<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'not_found'; what: string; id: string }
  | { kind: 'system_error'; error: ConnectorError };

/** A ticket read through the trace (an audit event like every outside call). */
export function tracedTicket(helpDesk: HelpDesk, trace: ToolTrace, ticketId: string) {
  return trace.call('zendesk', 'get_ticket', { ticketId }, () => helpDesk.getTicket(ticketId), (t) => ({ id: t.id, status: t.status }));
}

/** A ticket's comments read through the trace; `purpose` says why when it is not the investigation. */
export function tracedComments(helpDesk: HelpDesk, trace: ToolTrace, ticketId: string, purpose?: string) {
  return trace.call('zendesk', 'list_comments', { ticketId, ...(purpose ? { purpose } : {}) }, () => helpDesk.listComments(ticketId), (c) => ({ count: c.length }));
}

export async function readTicket(connectors: Connectors, clock: Clock, ticketId: string, trace: ToolTrace): Promise<Reading<TicketReading>> {
  const { helpDesk } = connectors;
  const [ticketR, commentsR] = await Promise.all([tracedTicket(helpDesk, trace, ticketId), tracedComments(helpDesk, trace, ticketId)]);
  if (!ticketR.ok) return ticketR.error.code === 'not_found' ? { kind: 'not_found', what: 'ticket', id: ticketId } : { kind: 'system_error', error: ticketR.error };
  const ticket = ticketR.value;
  const readAt = clock.now().toISOString();

  const [requesterR, orgR] = await Promise.all([
    trace.call('zendesk', 'get_user', { userId: ticket.requesterId }, () => helpDesk.getUser(ticket.requesterId), (u) => ({ id: u.id })),
    ticket.organizationId
      ? trace.call('zendesk', 'get_organization', { organizationId: ticket.organizationId }, () => helpDesk.getOrganization(ticket.organizationId!), (o) => ({ id: o.id, tags: o.tags }))
      : Promise.resolve(null),
  ]);
  if (!requesterR.ok) {
    return requesterR.error.code === 'not_found' ? { kind: 'not_found', what: 'requester', id: ticket.requesterId } : { kind: 'system_error', error: requesterR.error };
  }
  if (orgR && !orgR.ok && orgR.error.retryable) return { kind: 'system_error', error: orgR.error };
  if (!commentsR.ok && commentsR.error.retryable) return { kind: 'system_error', error: commentsR.error };
  const requester = requesterR.value;
  const organization = orgR && orgR.ok ? orgR.value : null;

  // Customer follow-ups on the same ticket are part of what the customer asked. The description
  // also comes back as the first comment: it is read once. A ticket we opened ourselves (proactive
  // outreach) has our subject and description: only the replies are theirs.
  const proactive = ticket.tags.includes(PROACTIVE_TAG);
  const followUps = commentsR.ok
    ? commentsR.value.filter((c) => c.public && c.authorId === requester.id && c.body.trim() !== ticket.description.trim()).map((c) => c.body).join('\n')
    : '';
  // Everything the customer wrote on the ticket, each piece once.
  const theirWords = proactive ? followUps : [ticket.description, followUps].filter((t) => t.trim() !== '').join('\n');
  const intentInput = proactive ? { subject: '', body: followUps, tags: ticket.tags } : { subject: ticket.subject, body: theirWords, tags: ticket.tags };
  const detected = detectIntent(intentInput);
  const { intent, understanding } = withDelayChoice(detected, understandTicket({ ...intentInput, now: clock.now() }, detected), theirWords);
  return {
    kind: 'ok',
    value: {
      ticket, requester, organization, intent, understanding, readAt,
      customerText: proactive ? followUps : [ticket.subject, theirWords].filter((t) => t.trim() !== '').join('\n'),
      facts: ticketFacts({ ticket, requester, organization, customerText: theirWords }, readAt),
      customerTags: [...new Set([...requester.tags, ...(organization?.tags ?? [])])],
    },
  };
}

/**
 * A delay case whose customer chose to cancel becomes a cancellation of that order
 * (playbook shipping_delay_cancel): the choice comes from the customer's replies only.
 */
function withDelayChoice(intent: IntentResult, understanding: Understanding, customerText: string): { intent: IntentResult; understanding: Understanding } {
  if (intent.intent !== SHIPPING_DELAY_INTENT || delayChoice(customerText) !== 'cancel') return { intent, understanding };
  const swap = (i: string) => (i === SHIPPING_DELAY_INTENT ? SHIPPING_DELAY_CANCEL_INTENT : i);
  return {
    intent: { ...intent, intent: SHIPPING_DELAY_CANCEL_INTENT, candidates: intent.candidates.map(swap) },
    understanding: { ...understanding, requests: understanding.requests.map((r) => ({ ...r, intent: swap(r.intent) })) },
  };
}
