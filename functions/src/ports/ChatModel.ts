// What the agent loop needs from a language model: one chat completion with tool calling.
// The adapter (adapters/openai/) speaks the OpenAI chat-completions API through the official SDK,
// so any OpenAI-compatible endpoint works. Nothing here executes anything: tool calls are data the
// loop validates and answers.
import type { ConnectorError } from '../domain/connectorError.js';
import type { Result } from '../domain/result.js';

export interface ToolCall {
  id: string;
  name: string;
  /** Raw JSON text as the model produced it; the loop validates it with zod. */
  arguments: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments (from zod with z.toJSONSchema). */
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools: ToolSpec[];
  /** `required`: the model must call a tool; `{ name }`: that tool. */
  toolChoice?: 'auto' | 'required' | { name: string };
  maxOutputTokens: number;
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResponse {
  model: string;
  content: string | null;
  toolCalls: ToolCall[];
  /** The model declined (OpenAI's `refusal` field); the loop falls back, never retries a refusal. */
  refusal: string | null;
  finishReason: 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'other';
  usage: ChatUsage;
}

export interface ChatModel {
  readonly model: string;
  /** One completion; retries of 429 / 5xx / timeouts happen inside, errors come back as values. */
  complete(request: ChatRequest): Promise<Result<ChatResponse, ConnectorError>>;
}
