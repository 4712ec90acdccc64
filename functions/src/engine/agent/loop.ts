// A generic tool-calling loop over the ChatModel port. The model may call read-only tools (they
// have `run`) and must end by calling the final tool (it has none): its validated arguments are the
// loop's answer. Nothing the model sends is trusted: every call's arguments are JSON-parsed and
// zod-validated, and a malformed call, a schema failure or an unknown tool goes back to the model as
// a structured error in a tool message. Tool results go back as data blocks (see data.ts). Every
// completion counts a turn; usage is summed; the transcript is exactly what was sent and received.
import { z } from 'zod';
import type { ConnectorError } from '../../domain/connectorError.js';
import type { Fact } from '../../domain/evidence.js';
import type { ChatMessage, ChatModel, ChatUsage, ToolCall, ToolSpec } from '../../ports/ChatModel.js';
import { dataBlock, inertJson } from './data.js';

export interface ToolOutput {
  /** What the model sees (compact JSON, sent as a data block). */
  content: unknown;
  /** Cited facts the call established; they join the loop's facts. */
  facts?: Fact[];
  /** Ids of records the call showed to be the requester's own (their orders): the model may name them. */
  owned?: string[];
}

export interface AgentTool<A = unknown> {
  name: string;
  description: string;
  args: z.ZodType<A>;
  /** Read-only (or record-only) work; the final tool has none. */
  run?: (args: A) => Promise<ToolOutput>;
}

export interface LoopLimits {
  /** Completions at most (each model call is one turn, including one that only got an error back). */
  maxTurns: number;
  maxOutputTokens: number;
}

export interface LoopInput<F> {
  model: ChatModel;
  system: string;
  user: string;
  tools: readonly AgentTool<any>[];
  finalTool: AgentTool<F>;
  limits: LoopLimits;
}

export interface LoopTrace {
  /** Facts the tools established, by key (a later read of the same record replaces the earlier one). */
  facts: Fact[];
  /** Record ids the tools showed to be the requester's own (see ToolOutput.owned). */
  owned: string[];
  usage: ChatUsage;
  /** Completions requested (successful or not). */
  calls: number;
  /** The messages exactly as sent and received, in order (the last request plus its answer). */
  transcript: ChatMessage[];
  /** The tool specs sent with every request (they count as input tokens too). */
  toolSpecs: ToolSpec[];
}

export type LoopResult<F> =
  | ({ kind: 'done'; args: F } & LoopTrace)
  | ({ kind: 'refused'; reason: string } & LoopTrace)
  | ({ kind: 'model_error'; error: ConnectorError } & LoopTrace)
  | ({ kind: 'limit'; reason: 'max_turns' | 'length' } & LoopTrace);

export interface ToolIssue {
  path: (string | number)[];
  message: string;
}

/** The structured error a bad call gets back. */
export type ToolError = { error: 'invalid_arguments' | 'unknown_tool'; tool: string; issues: ToolIssue[] };

const SAFE_INT = 9007199254740991;

/** JSON Schema for a tool's arguments, without what only costs tokens ($schema, safe-integer bounds). */
export function toolParameters(schema: z.ZodType): Record<string, unknown> {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$schema') continue;
      if ((k === 'minimum' && v === -SAFE_INT) || (k === 'maximum' && v === SAFE_INT)) continue;
      if (k === 'propertyNames' && JSON.stringify(v) === '{"type":"string"}') continue;
      out[k] = strip(v);
    }
    return out;
  };
  return strip(z.toJSONSchema(schema)) as Record<string, unknown>;
}

export function toolSpec(tool: AgentTool<unknown>): ToolSpec {
  return { name: tool.name, description: tool.description, parameters: toolParameters(tool.args) };
}

/** Parses and validates one call's arguments against the tool's schema. */
export function parseToolArguments<A>(tool: AgentTool<A>, raw: string): { ok: true; args: A } | { ok: false; error: ToolError } {
  let json: unknown;
  try {
    json = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch (e) {
    const message = `arguments are not valid JSON: ${e instanceof Error ? e.message : String(e)}`.slice(0, 200);
    return { ok: false, error: { error: 'invalid_arguments', tool: tool.name, issues: [{ path: [], message }] } };
  }
  const parsed = tool.args.safeParse(json);
  if (parsed.success) return { ok: true, args: parsed.data };
  const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), message: i.message }));
  return { ok: false, error: { error: 'invalid_arguments', tool: tool.name, issues } };
}

/** Every answer of a tool that ran starts with this (a data block); errors are plain JSON. */
export const TOOL_RESULT_PREFIX = '<data kind="tool_result:';

const NO_TOOL_CALL = 'No tool was called. Answer only by calling the tools; finish by calling the final tool.';

export async function runToolLoop<F>(input: LoopInput<F>): Promise<LoopResult<F>> {
  const { model, finalTool, limits } = input;
  const byName = new Map<string, AgentTool<unknown>>();
  for (const t of [...input.tools, finalTool] as AgentTool<unknown>[]) {
    if (byName.has(t.name)) throw new Error(`duplicate tool name ${t.name}`);
    if (t !== finalTool && !t.run) throw new Error(`tool ${t.name} has nothing to run and is not the final tool`);
    byName.set(t.name, t);
  }
  const toolSpecs = [...byName.values()].map(toolSpec);
  const messages: ChatMessage[] = [
    { role: 'system', content: input.system },
    { role: 'user', content: input.user },
  ];
  const facts = new Map<string, Fact>();
  const owned = new Set<string>();
  const usage: ChatUsage = { inputTokens: 0, outputTokens: 0 };
  let calls = 0;
  const trace = (): LoopTrace => ({ facts: [...facts.values()], owned: [...owned], usage: { ...usage }, calls, transcript: [...messages], toolSpecs });

  for (let turn = 0; turn < limits.maxTurns; turn++) {
    calls++;
    const res = await model.complete({ messages: [...messages], tools: toolSpecs, toolChoice: 'required', maxOutputTokens: limits.maxOutputTokens });
    if (!res.ok) return { kind: 'model_error', error: res.error, ...trace() };
    const r = res.value;
    usage.inputTokens += r.usage.inputTokens;
    usage.outputTokens += r.usage.outputTokens;
    messages.push({ role: 'assistant', content: r.content, ...(r.toolCalls.length ? { toolCalls: r.toolCalls } : {}) });
    if (r.refusal !== null) return { kind: 'refused', reason: r.refusal, ...trace() };
    if (r.finishReason === 'content_filter') return { kind: 'refused', reason: 'content_filter', ...trace() };
    // A truncated answer may hold a cut-off call: never act on it.
    if (r.finishReason === 'length') return { kind: 'limit', reason: 'length', ...trace() };
    if (r.toolCalls.length === 0) {
      messages.push({ role: 'user', content: NO_TOOL_CALL });
      continue;
    }
    let final: { args: F } | null = null;
    for (const call of r.toolCalls) {
      const answer = await answerCall(call, byName, finalTool.name);
      messages.push({ role: 'tool', toolCallId: call.id, content: answer.content });
      for (const f of answer.facts) facts.set(f.key, f);
      for (const id of answer.owned) owned.add(id);
      if (answer.final && !final) final = { args: answer.final.args as F };
    }
    if (final) return { kind: 'done', args: final.args, ...trace() };
  }
  return { kind: 'limit', reason: 'max_turns', ...trace() };
}

async function answerCall(
  call: ToolCall,
  byName: Map<string, AgentTool<unknown>>,
  finalName: string,
): Promise<{ content: string; facts: Fact[]; owned: string[]; final?: { args: unknown } }> {
  const tool = byName.get(call.name);
  if (!tool) {
    const error: ToolError = {
      error: 'unknown_tool',
      tool: call.name.slice(0, 60),
      issues: [{ path: ['name'], message: `no such tool; the tools are: ${[...byName.keys()].join(', ')}` }],
    };
    return { content: inertJson(error), facts: [], owned: [] };
  }
  const parsed = parseToolArguments(tool, call.arguments);
  if (!parsed.ok) return { content: inertJson(parsed.error), facts: [], owned: [] };
  if (tool.name === finalName || !tool.run) return { content: inertJson({ ok: true }), facts: [], owned: [], final: { args: parsed.args } };
  const out = await tool.run(parsed.args);
  const content = dataBlock(`tool_result:${tool.name}`, out.content);
  if (!content.startsWith(TOOL_RESULT_PREFIX)) throw new Error(`tool name ${tool.name} is not a safe data kind`);
  return { content, facts: out.facts ?? [], owned: out.owned ?? [] };
}
