// A hand-written stand-in for the ZAF client: answers backend requests from a script, records every
// request and invocation, and registers the app when the test says so. Unscripted requests fail
// loudly (they answer 599 and are listed in `unexpected`).
import type {
  ZafClient, ZafCompleteResponse, ZafContext, ZafGetResult, ZafMetadata, ZafRequestOptions,
} from '../../../app/src/zaf/types.js';

export interface ScriptedReply {
  status: number;
  body?: unknown;
  /** The reply waits for this promise, so a test can look at the UI while a request is in flight. */
  gate?: Promise<void>;
}

export interface FakeOptions {
  locale?: string;
  ticketId?: number | null;
  agentId?: number;
  backendUrl?: string;
  installationId?: number;
  location?: string;
}

export const BACKEND_URL = 'https://backend.test';

export class FakeZafClient implements ZafClient {
  readonly requests: ZafRequestOptions[] = [];
  readonly invocations: { name: string; args: unknown[] }[] = [];
  readonly unexpected: string[] = [];
  private readonly routes = new Map<string, ScriptedReply[]>();
  private readonly handlers = new Map<string, ((data: unknown) => void)[]>();
  private readonly options: Required<FakeOptions>;
  private registered = false;

  constructor(options: FakeOptions = {}) {
    this.options = {
      locale: 'en-US', ticketId: 101, agentId: 7, backendUrl: BACKEND_URL, installationId: 42, location: 'ticket_sidebar',
      ...options,
    };
  }

  /** Scripts `METHOD path`: replies are used in order and the last one repeats. */
  reply(method: 'GET' | 'POST', path: string, ...replies: ScriptedReply[]): this {
    this.routes.set(`${method} ${path}`, [...(this.routes.get(`${method} ${path}`) ?? []), ...replies]);
    return this;
  }

  /** Replaces what `METHOD path` answers from now on. */
  rescript(method: 'GET' | 'POST', path: string, ...replies: ScriptedReply[]): this {
    this.routes.set(`${method} ${path}`, replies);
    return this;
  }

  register(): void {
    this.registered = true;
    for (const h of this.handlers.get('app.registered') ?? []) h({ context: this.contextValue(), metadata: this.metadataValue() });
  }

  requestsTo(method: 'GET' | 'POST', path: string): ZafRequestOptions[] {
    return this.requests.filter((r) => r.type === method && r.url === this.options.backendUrl + path);
  }

  private contextValue(): ZafContext {
    return { location: this.options.location, host: 'zendesk', product: 'support', instanceGuid: 'guid-1', ...(this.options.ticketId ? { ticketId: this.options.ticketId } : {}) };
  }

  private metadataValue(): ZafMetadata {
    return { installationId: this.options.installationId, appId: 1, name: 'Case Closer', version: '0.1.0', settings: { backend_url: this.options.backendUrl } };
  }

  private whenRegistered<T>(value: () => T): Promise<T> {
    if (this.registered) return Promise.resolve(value());
    return new Promise((resolve) => this.on('app.registered', () => resolve(value())));
  }

  context(): Promise<ZafContext> {
    return this.whenRegistered(() => this.contextValue());
  }

  metadata(): Promise<ZafMetadata> {
    return this.whenRegistered(() => this.metadataValue());
  }

  async get(paths: string[]): Promise<ZafGetResult> {
    const known: Record<string, unknown> = {
      'ticket.id': this.options.ticketId,
      'currentUser.id': this.options.agentId,
      'currentUser.locale': this.options.locale,
    };
    const result: ZafGetResult = { errors: {} };
    for (const p of paths) {
      if (p in known) result[p] = known[p];
      else result.errors![p] = { message: `unknown path ${p}` };
    }
    return result;
  }

  async invoke(name: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ name, args });
    return {};
  }

  async request(options: ZafRequestOptions): Promise<ZafCompleteResponse> {
    this.requests.push(options);
    const path = options.url.startsWith(this.options.backendUrl) ? options.url.slice(this.options.backendUrl.length) : options.url;
    const queue = this.routes.get(`${options.type} ${path}`);
    if (!queue || queue.length === 0) {
      this.unexpected.push(`${options.type} ${path}`);
      throw { status: 599, responseJSON: { error: { code: 'unscripted', message: `no scripted reply for ${options.type} ${path}` } }, responseText: '' };
    }
    const reply = queue.length > 1 ? queue.shift()! : queue[0]!;
    if (reply.gate) await reply.gate;
    const response: ZafCompleteResponse = {
      status: reply.status,
      responseJSON: reply.body,
      responseText: reply.body === undefined ? '' : JSON.stringify(reply.body),
      headers: { 'content-type': 'application/json' },
    };
    if (reply.status >= 200 && reply.status < 300) return response;
    throw response;
  }

  on(event: string, handler: (data: unknown) => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }

  trigger(event: string, data?: unknown): void {
    for (const h of this.handlers.get(event) ?? []) h(data);
  }
}

export function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
