// Checks a chat-completions request body the way the real API does, for the rules an agent loop can
// break: the message roles and shapes, tool results answering the preceding assistant's tool calls,
// non-empty `tools`, `tool_choice` only with tools. A request the real API would refuse with a 400
// is refused here too, so a loop that passes against the scripted server does not fail against OpenAI.
import { z } from 'zod';
import type { WireRequest } from './script.js';

const TextContent = z.union([z.string(), z.array(z.looseObject({ type: z.string() })).min(1)]);
const ToolCallWire = z.looseObject({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const MessageWire = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content: TextContent }),
  z.looseObject({ role: z.literal('developer'), content: TextContent }),
  z.looseObject({ role: z.literal('user'), content: TextContent }),
  z
    .looseObject({ role: z.literal('assistant'), content: TextContent.nullable().optional(), tool_calls: z.array(ToolCallWire).min(1).optional() })
    .refine((m) => (m.content !== undefined && m.content !== null) || m.tool_calls !== undefined, 'an assistant message needs content or tool_calls'),
  z.looseObject({ role: z.literal('tool'), tool_call_id: z.string().min(1), content: TextContent }),
]);

const ToolWire = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a tool name is 1-64 letters, digits, _ or -'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

const RequestWire = z.looseObject({
  model: z.string().min(1),
  messages: z.array(MessageWire).min(1),
  tools: z.array(ToolWire).min(1).optional(),
  tool_choice: z.union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) })]).optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  stream: z.literal(false, 'the scripted server does not stream').nullable().optional(),
});

/** Null when the body is a request the real API would accept; otherwise why not. */
export function checkChatRequest(body: unknown): string | null {
  const parsed = RequestWire.safeParse(body);
  if (!parsed.success) {
    return parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; ');
  }
  const req = parsed.data;
  if (req.tool_choice !== undefined && !req.tools) return 'tool_choice is only allowed when tools are specified';
  if (typeof req.tool_choice === 'object') {
    const name = req.tool_choice.function.name;
    if (!req.tools!.some((t) => t.function.name === name)) return `tool_choice names ${name}, which is not among the tools`;
  }
  // Every tool message answers a call of the assistant message right before the run of tool
  // messages, and every such call is answered before the conversation goes on.
  let open: Set<string> | null = null;
  for (const [i, m] of req.messages.entries()) {
    if (m.role === 'tool') {
      if (!open) return `messages.${i}: a tool message must answer a preceding assistant message with tool_calls`;
      if (!open.delete(m.tool_call_id)) return `messages.${i}: tool_call_id ${m.tool_call_id} answers no open tool call`;
      continue;
    }
    if (open && open.size > 0) return `messages.${i}: tool calls ${[...open].join(', ')} have no tool message answering them`;
    open = m.role === 'assistant' && m.tool_calls ? new Set(m.tool_calls.map((c) => c.id)) : null;
  }
  if (open && open.size > 0) return `tool calls ${[...open].join(', ')} have no tool message answering them`;
  return null;
}

/** Text of a message's content (string, or the text parts of an array). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
  }
  return '';
}

export type { WireRequest };
