// The script the scripted OpenAI server replays, and its JSON file format (a "recording").
// A script is a list of steps answered in order; each step may check the request it answers
// (matcher) and says what to answer: a completion or a fault. See docs/agent.md.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool'] as const;

export const StepMatchSchema = z.strictObject({
  /** The exact set of tool names offered (order does not matter); [] means no tools. */
  tools: z.array(z.string()).optional(),
  /** Role of the last message. */
  lastRole: z.enum(ROLES).optional(),
  /** A substring the last message's content must contain. */
  lastContains: z.string().optional(),
  /** A substring the last user message must contain. */
  userContains: z.string().optional(),
  /** A substring the last tool message must contain. */
  toolContains: z.string().optional(),
  /** tool_choice as sent: absent means "auto" with tools and "none" without. */
  toolChoice: z.union([z.enum(['auto', 'required', 'none']), z.strictObject({ name: z.string() })]).optional(),
  /** The model the request names. */
  model: z.string().optional(),
});

export const ScriptedToolCallSchema = z.strictObject({
  /** Defaults to call_<step>_<n>. */
  id: z.string().optional(),
  name: z.string(),
  /** Raw text, sent as is: malformed JSON is allowed on purpose. */
  arguments: z.string(),
});

export const CompletionReplySchema = z.strictObject({
  kind: z.literal('completion'),
  content: z.string().nullable().default(null),
  toolCalls: z.array(ScriptedToolCallSchema).default([]),
  refusal: z.string().nullable().default(null),
  /** Defaults to "tool_calls" when there are tool calls, else "stop". */
  finishReason: z.enum(['stop', 'tool_calls', 'length', 'content_filter', 'function_call']).optional(),
  /** Defaults to a rough estimate (characters / 4) of the request and of the reply. */
  usage: z.strictObject({ promptTokens: z.number().int().nonnegative(), completionTokens: z.number().int().nonnegative() }).optional(),
  /** The `model` answered; defaults to the one requested. */
  model: z.string().optional(),
});

export const StatusReplySchema = z.strictObject({
  kind: z.literal('status'),
  status: z.number().int().min(400).max(599),
  /** Sent as `retry-after-ms` (and `retry-after` in whole seconds); the SDK waits that long before retrying. */
  retryAfterMs: z.number().nonnegative().optional(),
  /** Error body; defaults to OpenAI's `{ error: { message, type, code } }` for the status. */
  body: z.unknown().optional(),
});

export const HangReplySchema = z.strictObject({
  kind: z.literal('hang'),
  /** Hold the request this long at most (default 60 s), or until the client gives up; then drop it. */
  ms: z.number().int().nonnegative().optional(),
});

export const ResetReplySchema = z.strictObject({ kind: z.literal('reset') });

export const StallReplySchema = z.strictObject({
  kind: z.literal('stall'),
  /** Sends 200, the headers and the start of a body, then nothing for this long (default 60 s), then ends it cut off. */
  ms: z.number().int().nonnegative().optional(),
});

export const StepReplySchema = z.discriminatedUnion('kind', [CompletionReplySchema, StatusReplySchema, HangReplySchema, ResetReplySchema, StallReplySchema]);

export const ScriptStepSchema = z.strictObject({
  /** Shown in failure messages. */
  name: z.string().optional(),
  match: StepMatchSchema.optional(),
  reply: StepReplySchema,
  /** Answers this many consecutive requests (e.g. three 500s); default 1. */
  times: z.number().int().positive().default(1),
});

export const ScriptFileSchema = z.strictObject({
  version: z.literal(1).default(1),
  description: z.string().optional(),
  steps: z.array(ScriptStepSchema),
});

/** What a step's predicate and the recorded requests see: the request body as sent. */
export interface WireRequest {
  model?: string;
  messages?: { role: string; content?: unknown; tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: Record<string, unknown> } }[];
  tool_choice?: unknown;
  max_completion_tokens?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

export type StepMatch = z.input<typeof StepMatchSchema> & {
  /** Code-only (not in files): true to match; false or a reason to refuse the request. */
  predicate?: (request: WireRequest) => boolean | string;
};

export type StepReply = z.input<typeof StepReplySchema>;

/**
 * A step as written in code. Code-only (never in files): `respond` computes the reply from the
 * request instead of a fixed `reply` — for benchmarks that drive many different cases through one
 * well-behaved stand-in model; tests replay fixed replies.
 */
export type ScriptStep = Omit<z.input<typeof ScriptStepSchema>, 'match' | 'reply'> & {
  match?: StepMatch;
  /** Exactly one of `reply` and `respond`. */
  reply?: StepReply;
  respond?: (request: WireRequest) => StepReply;
};

export type ScriptFile = z.input<typeof ScriptFileSchema>;

/** A step after defaults are applied; what the server runs. */
export type ParsedStep = Omit<z.output<typeof ScriptStepSchema>, 'match'> & { match?: StepMatch; respond?: (request: WireRequest) => StepReply };

export function parseSteps(steps: readonly ScriptStep[]): ParsedStep[] {
  return steps.map((s, i) => {
    const { match, respond, ...rest } = s;
    if ((respond === undefined) === (rest.reply === undefined)) throw new Error(`script step #${i}${s.name ? ` (${s.name})` : ''} needs exactly one of reply and respond`);
    const { predicate, ...plainMatch } = match ?? {};
    // A computed reply is checked when it is made; the placeholder only satisfies the schema.
    const parsed = ScriptStepSchema.safeParse({ ...rest, ...(respond ? { reply: { kind: 'completion' } } : {}), ...(match ? { match: plainMatch } : {}) });
    if (!parsed.success) throw new Error(`script step #${i}${s.name ? ` (${s.name})` : ''} is invalid: ${z.prettifyError(parsed.error)}`);
    return { ...parsed.data, ...(match ? { match: { ...parsed.data.match, ...(predicate ? { predicate } : {}) } } : {}), ...(respond ? { respond } : {}) };
  });
}

/** Validates a recording (already parsed JSON) and returns its steps. */
export function parseScriptFile(json: unknown): ParsedStep[] {
  const parsed = ScriptFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`invalid script file: ${z.prettifyError(parsed.error)}`);
  return parsed.data.steps;
}

/** Reads a recording from a JSON file. */
export function loadScriptFile(path: string | URL): ParsedStep[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read script file ${String(path)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return parseScriptFile(json);
  } catch (e) {
    throw new Error(`${String(path)}: ${(e as Error).message}`);
  }
}
