// The Zendesk sandbox: a stateful Support/Help Center API subset plus event webhooks, with helpers
// that play the customer (new ticket, follow-up comment) for tests and the demo page. Routes under
// /__zendesk do the same over HTTP without auth; /agent/* renders the records agents' links point at.
import { Hono } from 'hono';
import type { SandboxDefinition, SandboxEnv } from '../kit/SandboxServer.js';
import { WebhookDispatcher, type Delivery, type WebhookTarget } from './WebhookDispatcher.js';
import { ticketEvent, type TicketEventType } from './ticketEvent.js';
import { zendeskAdminRoutes } from './zendeskAdminRoutes.js';
import { zendeskApiRoutes } from './zendeskApiRoutes.js';
import { ZendeskStore, type TicketWrite } from './ZendeskStore.js';
import { ZendeskWorldSchema, type ZendeskComment, type ZendeskTicket, type ZendeskWorld } from './ZendeskWorld.js';

export { ZendeskWorldSchema, type ZendeskWorld };

export interface ZendeskSandboxOptions {
  webhooks?: { url: string; secret: string }[];
  /** Waits between webhook retries (default 250 ms, 1 s, 4 s); tests pass short ones. */
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  /** Clock for new records and signature timestamps; defaults to the real one. */
  now?: () => Date;
}

export interface NewTicketInput {
  requesterId: number;
  subject: string;
  body: string;
  channel?: string;
  tags?: string[];
}

export interface ZendeskSandbox extends SandboxDefinition {
  addWebhook(url: string, secret: string): WebhookTarget;
  /** A customer opens a ticket (fires ticket.created). */
  createTicket(input: NewTicketInput): ZendeskTicket;
  /** The requester replies publicly (fires ticket.comment_added). */
  addCustomerComment(ticketId: number, body: string): ZendeskComment;
  /** Sends a webhook for the ticket as it is now; comment_added uses its latest public comment. */
  fireWebhook(ticketId: number, type: TicketEventType): Promise<Delivery[]>;
  redeliver(invocationId: string): Promise<Delivery>;
  deliveries(): Delivery[];
  /** Resolves once every webhook delivery (and its retries) has finished. */
  webhooksSettled(): Promise<void>;
  ticket(id: number): ZendeskTicket | undefined;
}

export function createZendeskSandbox(seed: ZendeskWorld, options: ZendeskSandboxOptions = {}): ZendeskSandbox {
  const now = options.now ?? (() => new Date());
  const initial = ZendeskWorldSchema.parse(seed);
  const store = new ZendeskStore(initial, now);
  const dispatcher = new WebhookDispatcher({
    now,
    ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}),
    ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}),
  });
  for (const w of options.webhooks ?? []) dispatcher.addTarget(w.url, w.secret);

  const emit = (type: TicketEventType, ticket: ZendeskTicket, actorId: number, comment?: ZendeskComment) =>
    dispatcher.dispatch({
      type: `zen:event-type:${type}`,
      ticketId: ticket.id,
      body: ticketEvent({
        type,
        accountId: store.account.id,
        ticket,
        actorId,
        at: now(),
        ...(comment ? { comment: { comment, author: store.user(comment.author_id) } } : {}),
      }),
    });

  // Zendesk notifies on new tickets and on customer follow-ups; our own agent replies must not
  // come back as webhooks, or the backend would react to itself.
  const onWrite = (kind: 'created' | 'updated', write: TicketWrite, actorId: number) => {
    if (kind === 'created') void emit('ticket.created', write.ticket, actorId);
    else if (write.customerFollowUp && write.comment) void emit('ticket.comment_added', write.ticket, write.comment.author_id, write.comment);
  };

  const fail = (details: unknown): never => {
    throw new Error(`zendesk sandbox rejected the write: ${JSON.stringify(details)}`);
  };

  const sandbox: ZendeskSandbox = {
    name: 'zendesk',
    app: new Hono<SandboxEnv>(),
    dumpWorld: () => store.dump(),
    resetWorld: (world) => {
      store.reset(world ?? initial);
      dispatcher.clearDeliveries();
    },
    addWebhook: (url, secret) => dispatcher.addTarget(url, secret),
    createTicket(input) {
      const res = store.createTicket(
        { subject: input.subject, comment: { body: input.body }, requester_id: input.requesterId, tags: input.tags ?? [] },
        input.requesterId,
        input.channel ?? 'web',
      );
      if (!res.ok) return fail(res.details);
      onWrite('created', res.value, input.requesterId);
      return structuredClone(res.value.ticket);
    },
    addCustomerComment(ticketId, body) {
      const t = store.ticket(ticketId);
      if (!t) throw new Error(`no ticket ${ticketId}`);
      const res = store.updateTicket(ticketId, { comment: { body, public: true, author_id: t.requester_id } }, t.requester_id);
      if (!res?.ok) return fail(res?.details);
      onWrite('updated', res.value, t.requester_id);
      return { ...res.value.comment! };
    },
    async fireWebhook(ticketId, type) {
      const t = store.ticket(ticketId);
      if (!t) throw new Error(`no ticket ${ticketId}`);
      if (type === 'ticket.created') return emit(type, t, t.submitter_id);
      const comment = [...t.comments].reverse().find((c) => c.public);
      if (!comment) throw new Error(`ticket ${ticketId} has no public comment`);
      return emit(type, t, comment.author_id, comment);
    },
    redeliver: (invocationId) => dispatcher.redeliver(invocationId),
    deliveries: () => dispatcher.deliveries,
    webhooksSettled: () => dispatcher.settled(),
    ticket: (id) => {
      const t = store.ticket(id);
      return t && structuredClone(t);
    },
  };
  sandbox.app.route('/', zendeskAdminRoutes(sandbox, dispatcher, store));
  sandbox.app.route('/', zendeskApiRoutes(store, onWrite));
  return sandbox;
}
