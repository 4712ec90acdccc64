// Delivers signed webhook requests to registered targets the way Zendesk does: one invocation per
// target and event, retried with backoff on 5xx or connection failure (same invocation id, same
// body, a fresh signature timestamp per attempt), every attempt recorded for tests and the demo.
import { randomBytes } from 'node:crypto';
import { signWebhook } from './signWebhook.js';
import { isoSeconds } from './ZendeskStore.js';

export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
}

export interface DeliveryAttempt {
  at: string;
  timestamp: string;
  /** HTTP status of the response, or null when the connection failed or timed out. */
  status: number | null;
  error: string | null;
}

export interface Delivery {
  invocationId: string;
  webhookId: string;
  url: string;
  eventType: string;
  ticketId: number;
  body: string;
  attempts: DeliveryAttempt[];
  delivered: boolean;
}

export interface WebhookDispatcherOptions {
  /** Waits before each retry; its length is the number of retries. */
  retryDelaysMs?: number[];
  timeoutMs?: number;
  now?: () => Date;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Zendesk webhook ids look like ULIDs: 26 upper-case Crockford base32 characters. */
function webhookId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return '01' + Array.from(randomBytes(24), (b) => alphabet[b % 32]).join('');
}

export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private readonly list: WebhookTarget[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private nextInvocation = 8_350_000_000;
  private readonly retryDelaysMs: number[];
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(options: WebhookDispatcherOptions = {}) {
    this.retryDelaysMs = options.retryDelaysMs ?? [250, 1_000, 4_000];
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  addTarget(url: string, secret: string): WebhookTarget {
    const target = { id: webhookId(), url, secret };
    this.list.push(target);
    return target;
  }

  targets(): WebhookTarget[] {
    return [...this.list];
  }

  /** Starts one delivery per target; the returned promise settles when all of them have finished. */
  dispatch(event: { type: string; ticketId: number; body: Record<string, unknown> }): Promise<Delivery[]> {
    const body = JSON.stringify(event.body);
    const runs = this.list.map((target) => {
      const delivery: Delivery = {
        invocationId: String(++this.nextInvocation),
        webhookId: target.id,
        url: target.url,
        eventType: event.type,
        ticketId: event.ticketId,
        body,
        attempts: [],
        delivered: false,
      };
      this.deliveries.push(delivery);
      return this.track(this.deliver(delivery, target));
    });
    return Promise.all(runs);
  }

  /** Sends a recorded invocation again, as Zendesk's "retry" does: same invocation id and body. */
  redeliver(invocationId: string): Promise<Delivery> {
    const delivery = this.deliveries.find((d) => d.invocationId === invocationId);
    if (!delivery) return Promise.reject(new Error(`no delivery with invocation id ${invocationId}`));
    const target = this.list.find((t) => t.id === delivery.webhookId);
    if (!target) return Promise.reject(new Error(`webhook ${delivery.webhookId} is no longer registered`));
    return this.track(this.deliver(delivery, target));
  }

  /** Resolves when no delivery is in flight (retries included). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  clearDeliveries(): void {
    this.deliveries.length = 0;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  private async deliver(delivery: Delivery, target: WebhookTarget): Promise<Delivery> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.send(delivery, target);
      delivery.attempts.push(result);
      const retryable = result.status === null || result.status >= 500;
      if (!retryable) {
        delivery.delivered = result.status !== null && result.status < 300;
        return delivery;
      }
      const delay = this.retryDelaysMs[attempt];
      if (delay === undefined) {
        delivery.delivered = false;
        return delivery;
      }
      await sleep(delay);
    }
  }

  private async send(delivery: Delivery, target: WebhookTarget): Promise<DeliveryAttempt> {
    const at = this.now();
    const timestamp = isoSeconds(at);
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Zendesk Webhook',
          'x-zendesk-webhook-id': target.id,
          'x-zendesk-webhook-invocation-id': delivery.invocationId,
          'x-zendesk-webhook-signature': signWebhook(target.secret, timestamp, delivery.body),
          'x-zendesk-webhook-signature-timestamp': timestamp,
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return { at: at.toISOString(), timestamp, status: res.status, error: null };
    } catch (e) {
      return { at: at.toISOString(), timestamp, status: null, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }
}
