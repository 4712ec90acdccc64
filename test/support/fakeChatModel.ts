// An in-memory ChatModel that plays a script: each completion takes the next step, records the
// request it got, and answers with the step's response (or error). A call with no step left, or a
// step's `expect` that throws, fails the test; so does a step left unused when the test ends.
import { expect, onTestFinished } from 'vitest';
import { connectorError, type ConnectorError, type ConnectorErrorCode } from '../../functions/src/domain/connectorError.js';
import { err, ok, type Result } from '../../functions/src/domain/result.js';
import type { ChatModel, ChatRequest, ChatResponse, ToolCall } from '../../functions/src/ports/ChatModel.js';

export interface ScriptStep {
  /** Assertions on the request this step answers. */
  expect?: (request: ChatRequest) => void;
  response: Partial<ChatResponse> | { error: ConnectorError };
}

let callSeq = 0;

/** A tool call; `args` is JSON-encoded unless it is already a string (to send malformed JSON). */
export function call(name: string, args: unknown = {}): ToolCall {
  return { id: `call_${++callSeq}`, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
}

export const toolCalls = (...calls: ToolCall[]): ScriptStep => ({ response: { toolCalls: calls, finishReason: 'tool_calls' } });
export const refusal = (reason: string): ScriptStep => ({ response: { refusal: reason, finishReason: 'stop' } });
export const text = (content: string): ScriptStep => ({ response: { content, finishReason: 'stop' } });
export const failure = (code: ConnectorErrorCode, message = 'scripted failure'): ScriptStep => ({ response: { error: connectorError('openai', code, message) } });

export class ScriptedChatModel implements ChatModel {
  readonly model = 'scripted-model';
  readonly requests: ChatRequest[] = [];
  private readonly steps: ScriptStep[];

  constructor(steps: ScriptStep[], private readonly usage = { inputTokens: 100, outputTokens: 20 }) {
    this.steps = [...steps];
  }

  async complete(request: ChatRequest): Promise<Result<ChatResponse, ConnectorError>> {
    // A copy: the loop keeps appending to its own list.
    this.requests.push(structuredClone(request));
    const step = this.steps.shift();
    if (!step) throw new Error(`unexpected model call #${this.requests.length}: the script has no step left`);
    step.expect?.(request);
    if ('error' in step.response) return err(step.response.error);
    return ok({
      model: this.model,
      content: null,
      toolCalls: [],
      refusal: null,
      finishReason: 'stop',
      usage: { ...this.usage },
      ...step.response,
    });
  }

  get unused(): number {
    return this.steps.length;
  }
}

/** A scripted model whose every step must be used by the end of the current test. */
export function scriptedModel(steps: ScriptStep[], usage?: { inputTokens: number; outputTokens: number }): ScriptedChatModel {
  const model = new ScriptedChatModel(steps, usage);
  onTestFinished(() => {
    expect(model.unused, 'script steps left unused').toBe(0);
  });
  return model;
}
