// ChatModel over the chat-completions API with the official OpenAI SDK, so any OpenAI-compatible
// endpoint works (OPENAI_BASE_URL). The port's messages and tool specs become the wire format here;
// the completion comes back as the port's ChatResponse and every failure as a ConnectorError value.
//
// Retries: the SDK's own (maxRetries). It retries 408/409/429/5xx and connection failures and
// timeouts with exponential backoff (0.5 s doubling, capped at 8 s, jittered) and honours the
// server's `retry-after-ms` / `retry-after` headers. `timeoutMs` is per attempt, but the SDK stops
// counting once the response headers arrive; a body that stalls after them would hang the call, so
// each call also has a deadline over everything (attempts, backoff, reading the body):
// (maxRetries + 1) × timeoutMs + maxRetries × 8 s, after which it is a `timeout`.
import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import { connectorError, type ConnectorError } from '../../domain/connectorError.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { ChatMessage, ChatModel, ChatRequest, ChatResponse, ToolCall, ToolSpec } from '../../ports/ChatModel.js';
import { mapOpenAiError } from './mapOpenAiError.js';

export interface OpenAiChatModelOptions {
  apiKey: string;
  /** Up to and including the version path, e.g. http://127.0.0.1:1234/v1; https://api.openai.com/v1 when absent. */
  baseUrl?: string;
  model: string;
  /** Per attempt; default 20 000. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 2. */
  maxRetries?: number;
}

/** The SDK's longest backoff between attempts. */
const MAX_BACKOFF_MS = 8_000;

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export class OpenAiChatModel implements ChatModel {
  readonly model: string;
  /** The whole call's deadline, attempts and body included. */
  readonly deadlineMs: number;
  private readonly client: OpenAI;

  constructor(opts: OpenAiChatModelOptions) {
    this.model = opts.model;
    const timeout = opts.timeoutMs ?? 20_000;
    const maxRetries = opts.maxRetries ?? 2;
    this.deadlineMs = (maxRetries + 1) * timeout + maxRetries * MAX_BACKOFF_MS;
    this.client = new OpenAI({
      apiKey: opts.apiKey,
      // Explicit, so the SDK never falls back to process.env.OPENAI_BASE_URL behind config's back.
      baseURL: opts.baseUrl ?? OPENAI_DEFAULT_BASE_URL,
      timeout,
      maxRetries,
    });
  }

  async complete(request: ChatRequest): Promise<Result<ChatResponse, ConnectorError>> {
    const params = toParams(this.model, request);
    let completion: ChatCompletion;
    const deadline = AbortSignal.timeout(this.deadlineMs);
    try {
      completion = await this.client.chat.completions.create(params, { signal: deadline });
    } catch (e) {
      // Past the deadline the SDK or the body reader throws an abort of its own kind: it is a timeout.
      if (deadline.aborted) return err(connectorError('openai', 'timeout', `no complete answer within ${this.deadlineMs} ms`));
      return err(mapOpenAiError(e));
    }
    return fromCompletion(this.model, completion);
  }
}

export function toParams(model: string, request: ChatRequest): ChatCompletionCreateParamsNonStreaming {
  const params: ChatCompletionCreateParamsNonStreaming = {
    model,
    messages: request.messages.map(toMessage),
    // `max_tokens` is deprecated and refused by reasoning models; compatible servers that predate
    // `max_completion_tokens` may ignore it, which only loses the cap.
    max_completion_tokens: request.maxOutputTokens,
  };
  // The API refuses an empty `tools` array, and a `tool_choice` without tools.
  if (request.tools.length > 0) {
    params.tools = request.tools.map(toTool);
    if (request.toolChoice) params.tool_choice = toToolChoice(request.toolChoice);
  }
  return params;
}

function toMessage(m: ChatMessage): ChatCompletionMessageParam {
  switch (m.role) {
    case 'system':
    case 'user':
      return { role: m.role, content: m.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: m.content,
        // An empty `tool_calls` array is refused by the API: leave it out.
        ...(m.toolCalls && m.toolCalls.length > 0
          ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  }
}

function toTool(t: ToolSpec): ChatCompletionTool {
  // z.toJSONSchema adds a `$schema` URI; some OpenAI-compatible servers refuse keys they do not know.
  const { $schema: _dialect, ...parameters } = t.parameters;
  return { type: 'function', function: { name: t.name, description: t.description, parameters } };
}

function toToolChoice(choice: NonNullable<ChatRequest['toolChoice']>): ChatCompletionToolChoiceOption {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

const FINISH_REASONS: ReadonlySet<string> = new Set(['stop', 'tool_calls', 'length', 'content_filter']);

const tokens = (n: unknown): number => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0);

/**
 * The SDK does not check what a server answers; an OpenAI-compatible endpoint answering in another
 * shape is treated as not working (unavailable), like the other adapters do.
 */
export function fromCompletion(model: string, completion: ChatCompletion): Result<ChatResponse, ConnectorError> {
  const bad = (why: string) => err(connectorError('openai', 'unavailable', `unexpected response shape: ${why}`));
  if (!completion || typeof completion !== 'object' || !Array.isArray(completion.choices)) return bad('no choices array');
  const choice = completion.choices[0];
  if (!choice || typeof choice.message !== 'object' || choice.message === null) return bad('no message in the first choice');
  const message = choice.message;
  const toolCalls: ToolCall[] = [];
  for (const call of message.tool_calls ?? []) {
    // We only offer function tools; the arguments string is passed on untouched (the loop validates it).
    if (call.type !== 'function' && call.type !== undefined) return bad(`tool call of type ${String(call.type)}`);
    const fn = (call as { function?: { name?: unknown; arguments?: unknown } }).function;
    if (typeof call.id !== 'string' || typeof fn?.name !== 'string' || typeof fn.arguments !== 'string') return bad('tool call without id, name or arguments');
    toolCalls.push({ id: call.id, name: fn.name, arguments: fn.arguments });
  }
  const reason = choice.finish_reason as string | null | undefined;
  return ok({
    model: typeof completion.model === 'string' && completion.model ? completion.model : model,
    content: typeof message.content === 'string' ? message.content : null,
    toolCalls,
    refusal: typeof message.refusal === 'string' ? message.refusal : null,
    finishReason: reason && FINISH_REASONS.has(reason) ? (reason as ChatResponse['finishReason']) : 'other',
    usage: { inputTokens: tokens(completion.usage?.prompt_tokens), outputTokens: tokens(completion.usage?.completion_tokens) },
  });
}
