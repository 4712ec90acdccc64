// An OpenAI-compatible chat-completions server on loopback that replays a script instead of
// thinking: each request is answered by the next step (a completion or a fault), after the step's
// matcher has checked the request. Every request is recorded, and anything the script did not
// foresee — no step left, a matcher that refuses, a request the real API would reject — is
// answered with an error AND remembered, so `assertDone()` fails the test even when the code under
// test swallowed the error. Built on the sandbox kit (loopback port, /__sandbox admin routes).
import type { Context } from 'hono';
import { Hono } from 'hono';
import { startSandbox, type SandboxEnv, type SandboxHandle } from '../kit/SandboxServer.js';
import { checkChatRequest, contentText } from './chatRequest.js';
import {
  parseScriptFile,
  parseSteps,
  type ParsedStep,
  type ScriptFile,
  type ScriptStep,
  type StepMatch,
  type WireRequest,
  StepReplySchema,
} from './script.js';

export const SCRIPTED_OPENAI_KEY = 'sk-scripted-test-key';

export interface ScriptedOpenAiServerOptions {
  /** The key clients must send as `Authorization: Bearer <key>`; default SCRIPTED_OPENAI_KEY. */
  apiKey?: string;
  /** Loopback port; 0 (default) picks a free one. */
  port?: number;
}

export type RequestOutcome = 'completion' | 'status' | 'hang' | 'reset' | 'stall' | 'unexpected' | 'invalid' | 'unauthorized' | 'no_route';

export interface RecordedRequest {
  /** 0-based arrival order. */
  seq: number;
  method: string;
  path: string;
  /** The JSON body as sent (the raw text when it is not JSON). */
  body: WireRequest;
  headers: Record<string, string>;
  /** Index of the script step that answered; null when none did. */
  step: number | null;
  outcome: RequestOutcome;
  /** The completion sent back, when the step answered with one. */
  response?: unknown;
}

/** A script in code (steps may carry predicates) or a recording's content. */
export type Script = readonly ScriptStep[] | ScriptFile;

interface StepState {
  step: ParsedStep;
  left: number;
}

const toSteps = (script: Script): ParsedStep[] => (Array.isArray(script) ? parseSteps(script as readonly ScriptStep[]) : parseScriptFile(script));

const label = (i: number, s: ParsedStep) => `step #${i}${s.name ? ` (${s.name})` : ''}`;

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

function describeRequest(body: WireRequest): string {
  const last = Array.isArray(body.messages) ? body.messages.at(-1) : undefined;
  const tools = Array.isArray(body.tools) ? body.tools.map((t) => t?.function?.name).join(',') : '';
  return `last message ${last ? `(${last.role}) ${JSON.stringify(clip(contentText(last.content)))}` : '(none)'}; tools [${tools}]`;
}

/** Null when the request matches; otherwise why not. */
export function matchStep(match: StepMatch | undefined, body: WireRequest): string | null {
  if (!match) return null;
  const messages = body.messages ?? [];
  const last = messages.at(-1);
  const lastOf = (role: string) => [...messages].reverse().find((m) => m.role === role);
  const offered = (body.tools ?? []).map((t) => t.function.name);
  if (match.tools) {
    const want = [...match.tools].sort();
    const got = [...offered].sort();
    if (JSON.stringify(want) !== JSON.stringify(got)) return `tools offered [${got.join(', ')}], expected [${want.join(', ')}]`;
  }
  if (match.lastRole && last?.role !== match.lastRole) return `last message is ${last?.role ?? 'missing'}, expected ${match.lastRole}`;
  if (match.lastContains !== undefined && !contentText(last?.content).includes(match.lastContains)) {
    return `last message does not contain ${JSON.stringify(match.lastContains)}`;
  }
  if (match.userContains !== undefined && !contentText(lastOf('user')?.content).includes(match.userContains)) {
    return `last user message does not contain ${JSON.stringify(match.userContains)}`;
  }
  if (match.toolContains !== undefined && !contentText(lastOf('tool')?.content).includes(match.toolContains)) {
    return `last tool message does not contain ${JSON.stringify(match.toolContains)}`;
  }
  if (match.toolChoice !== undefined) {
    const sent = body.tool_choice ?? (offered.length > 0 ? 'auto' : 'none');
    const sentText = typeof sent === 'string' ? sent : `{name: ${(sent as { function?: { name?: string } }).function?.name}}`;
    const wantText = typeof match.toolChoice === 'string' ? match.toolChoice : `{name: ${match.toolChoice.name}}`;
    if (sentText !== wantText) return `tool_choice is ${sentText}, expected ${wantText}`;
  }
  if (match.model !== undefined && body.model !== match.model) return `model is ${String(body.model)}, expected ${match.model}`;
  if (match.predicate) {
    const verdict = match.predicate(body);
    if (verdict !== true) return typeof verdict === 'string' ? `predicate: ${verdict}` : 'predicate refused the request';
  }
  return null;
}

const estimateTokens = (text: string) => Math.ceil(text.length / 4);

const openAiError = (message: string, type: string, code: string | null = null) => ({ error: { message, type, param: null, code } });

function defaultErrorBody(status: number) {
  if (status === 429) return openAiError('Rate limit reached (scripted).', 'requests', 'rate_limit_exceeded');
  if (status === 401) return openAiError('Incorrect API key provided (scripted).', 'invalid_request_error', 'invalid_api_key');
  if (status >= 500) return openAiError('The server had an error while processing your request (scripted).', 'server_error');
  return openAiError(`Scripted ${status}.`, 'invalid_request_error');
}

export class ScriptedOpenAiServer {
  /** Every request that reached /v1/…, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Why requests were unexpected; assertDone() reports them. */
  readonly failures: string[] = [];
  private steps: StepState[] = [];
  private cursor = 0;
  private readonly initial: ParsedStep[];
  private handle!: SandboxHandle;

  private constructor(
    initial: ParsedStep[],
    readonly apiKey: string,
  ) {
    this.initial = initial;
    this.replace(initial);
  }

  /** Starts the server on a loopback port with the given script. */
  static async start(script: Script, opts: ScriptedOpenAiServerOptions = {}): Promise<ScriptedOpenAiServer> {
    const server = new ScriptedOpenAiServer(toSteps(script), opts.apiKey ?? SCRIPTED_OPENAI_KEY);
    const app = new Hono<SandboxEnv>();
    app.post('/v1/chat/completions', (c) => server.answer(c));
    app.all('*', (c) => server.noRoute(c));
    server.handle = await startSandbox(
      {
        name: 'openai',
        app,
        dumpWorld: () => server.dump(),
        resetWorld: (world) => server.replace(world === undefined ? server.initial : toSteps(world as ScriptFile)),
      },
      opts.port ?? 0,
    );
    return server;
  }

  /** Origin, e.g. http://127.0.0.1:41234. */
  get url(): string {
    return this.handle.url;
  }

  /** What the SDK takes as baseURL: the origin plus /v1. */
  get baseUrl(): string {
    return `${this.handle.url}/v1`;
  }

  get port(): number {
    return this.handle.port;
  }

  /** Bodies of the requests, in order (convenient for asserting what the loop sent). */
  get bodies(): WireRequest[] {
    return this.requests.map((r) => r.body);
  }

  /** Steps (or repetitions of steps) not used yet, described. */
  get unusedSteps(): string[] {
    return this.steps.flatMap((s, i) => (s.left > 0 ? [`${label(i, s.step)} unused (${s.left} of ${s.step.times} answers left)`] : []));
  }

  /** Replaces the script and forgets the recorded requests and failures. */
  load(script: Script): void {
    this.replace(toSteps(script));
  }

  /** Throws when a request was unexpected or a step was not used. Call it in afterEach. */
  assertDone(): void {
    const problems = [...this.failures, ...this.unusedSteps];
    if (problems.length > 0) throw new Error(`scripted OpenAI server:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  private replace(steps: ParsedStep[]): void {
    this.steps = steps.map((step) => ({ step, left: step.times }));
    this.cursor = 0;
    this.requests.length = 0;
    this.failures.length = 0;
  }

  private dump() {
    return {
      steps: this.steps.map((s, i) => ({ step: i, name: s.step.name ?? null, kind: s.step.reply.kind, left: s.left })),
      requests: this.requests,
      failures: this.failures,
    };
  }

  private async record(c: Context<SandboxEnv>): Promise<RecordedRequest> {
    const text = await c.req.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text; the request check refuses it
    }
    const rec: RecordedRequest = {
      seq: this.requests.length,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      body: body as WireRequest,
      headers: Object.fromEntries(c.req.raw.headers),
      step: null,
      outcome: 'unexpected',
    };
    this.requests.push(rec);
    return rec;
  }

  private unexpected(c: Context<SandboxEnv>, rec: RecordedRequest, why: string, outcome: RequestOutcome = 'unexpected', status: 400 | 404 | 500 = 500) {
    rec.outcome = outcome;
    this.failures.push(`request #${rec.seq}: ${why}`);
    // x-should-retry: false keeps the SDK from retrying into more unexpected requests.
    c.header('x-should-retry', 'false');
    const type = status === 500 ? 'scripted_server_error' : 'invalid_request_error';
    return c.json(openAiError(`scripted OpenAI server: ${why}`, type), status);
  }

  private async noRoute(c: Context<SandboxEnv>) {
    const rec = await this.record(c);
    return this.unexpected(c, rec, `no such route: ${rec.method} ${rec.path}`, 'no_route', 404);
  }

  private async answer(c: Context<SandboxEnv>): Promise<Response> {
    const rec = await this.record(c);
    if (c.req.header('authorization') !== `Bearer ${this.apiKey}`) {
      // Expected in auth tests, so not a failure; the script does not advance.
      rec.outcome = 'unauthorized';
      const sent = c.req.header('authorization');
      return c.json(
        sent ? defaultErrorBody(401) : openAiError("You didn't provide an API key (scripted).", 'invalid_request_error'),
        401,
      );
    }
    const invalid = checkChatRequest(rec.body);
    if (invalid) return this.unexpected(c, rec, `the real API would refuse this request: ${invalid}`, 'invalid', 400);

    const state = this.steps[this.cursor];
    if (!state) {
      return this.unexpected(c, rec, `unexpected request: no step left (all ${this.steps.length} used); ${describeRequest(rec.body)}`);
    }
    const why = matchStep(state.step.match, rec.body);
    if (why) return this.unexpected(c, rec, `unexpected request: ${label(this.cursor, state.step)} does not match: ${why}; ${describeRequest(rec.body)}`);

    const index = this.cursor;
    state.left -= 1;
    if (state.left === 0) this.cursor += 1;
    rec.step = index;
    let reply: ParsedStep['reply'];
    try {
      reply = state.step.respond ? StepReplySchema.parse(state.step.respond(rec.body)) : state.step.reply;
    } catch (e) {
      return this.unexpected(c, rec, `${label(index, state.step)} could not compute a reply: ${e instanceof Error ? e.message : String(e)}`);
    }
    rec.outcome = reply.kind;
    switch (reply.kind) {
      case 'completion':
        rec.response = this.completion(index, reply, rec);
        return c.json(rec.response as object);
      case 'status': {
        if (reply.retryAfterMs !== undefined) {
          c.header('retry-after-ms', String(reply.retryAfterMs));
          c.header('retry-after', String(Math.ceil(reply.retryAfterMs / 1000)));
        }
        return c.json((reply.body ?? defaultErrorBody(reply.status)) as object, reply.status as 500);
      }
      case 'hang': {
        // Hold the request until the client gives up (or `ms` passes), then drop the connection.
        const socket = c.env.incoming.socket;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise((r) => (timer = setTimeout(r, reply.ms ?? 60_000))),
          new Promise((r) => socket.once('close', r)),
        ]);
        clearTimeout(timer);
        socket.destroy();
        return new Response(null, { status: 504 });
      }
      case 'reset':
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 502 });
      case 'stall': {
        // Headers arrive (so a per-attempt timeout that stops at headers is satisfied), the body does not.
        let timer: NodeJS.Timeout | undefined;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":"chatcmpl-stalled","object":"chat.completion","choices":['));
            timer = setTimeout(() => controller.close(), reply.ms ?? 60_000);
          },
          cancel() {
            clearTimeout(timer);
          },
        });
        c.env.incoming.socket.once('close', () => clearTimeout(timer));
        return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
      }
    }
  }

  private completion(index: number, reply: Extract<ParsedStep['reply'], { kind: 'completion' }>, rec: RecordedRequest) {
    const toolCalls = reply.toolCalls.map((t, n) => ({ id: t.id ?? `call_${index}_${n}`, type: 'function', function: { name: t.name, arguments: t.arguments } }));
    const usage = reply.usage ?? {
      promptTokens: estimateTokens(JSON.stringify([rec.body.messages, rec.body.tools ?? []])),
      completionTokens: estimateTokens((reply.content ?? '') + (reply.refusal ?? '') + reply.toolCalls.map((t) => t.name + t.arguments).join('')),
    };
    return {
      id: `chatcmpl-scripted-${rec.seq}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: reply.model ?? rec.body.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.content,
            refusal: reply.refusal,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
            annotations: [],
          },
          logprobs: null,
          finish_reason: reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
        },
      ],
      usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens },
    };
  }
}
