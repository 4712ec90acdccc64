import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenAiChatModel, type OpenAiChatModelOptions } from '../../../../functions/src/adapters/openai/OpenAiChatModel.js';
import type { ChatRequest } from '../../../../functions/src/ports/ChatModel.js';
import { SCRIPTED_OPENAI_KEY, ScriptedOpenAiServer } from '../../../../sandbox/openai/ScriptedOpenAiServer.js';

const LOOKUP = {
  name: 'lookup_order',
  description: 'Reads an order from the OMS',
  parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'], additionalProperties: false },
};
const REQUEST: ChatRequest = {
  messages: [
    { role: 'system', content: 'You close support cases.' },
    { role: 'user', content: 'Where is ORD-1001?' },
  ],
  tools: [LOOKUP],
  toolChoice: 'required',
  maxOutputTokens: 300,
};
const ERROR_FIELDS = (r: { ok: boolean; error?: { system: string; code: string; retryable: boolean } }) =>
  r.ok ? 'ok' : `${r.error!.system}/${r.error!.code}${r.error!.retryable ? ' (retryable)' : ''}`;

describe('OpenAiChatModel over HTTP against the scripted OpenAI server', () => {
  let server: ScriptedOpenAiServer;
  const model = (opts: Partial<OpenAiChatModelOptions> = {}) =>
    new OpenAiChatModel({ apiKey: SCRIPTED_OPENAI_KEY, baseUrl: server.baseUrl, model: 'gpt-test', timeoutMs: 5_000, maxRetries: 2, ...opts });

  beforeAll(async () => {
    server = await ScriptedOpenAiServer.start([]);
  });
  afterAll(() => server.close());
  afterEach(() => server.assertDone());

  it('sends messages, tools, tool_choice and the token cap in the wire format', async () => {
    server.load([{ reply: { kind: 'completion', content: 'fine' } }]);
    const res = await model().complete({
      ...REQUEST,
      messages: [
        ...REQUEST.messages,
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'lookup_order', arguments: '{"orderId":"ORD-1001"}' }] },
        { role: 'tool', toolCallId: 'call_1', content: '{"status":"delivered"}' },
        { role: 'assistant', content: 'It was delivered.', toolCalls: [] },
        { role: 'user', content: 'Thanks' },
      ],
      toolChoice: { name: 'lookup_order' },
    });
    expect(ERROR_FIELDS(res)).toBe('ok');
    const body = server.bodies[0]!;
    expect(body).toMatchObject({
      model: 'gpt-test',
      max_completion_tokens: 300,
      tool_choice: { type: 'function', function: { name: 'lookup_order' } },
      tools: [{ type: 'function', function: LOOKUP }],
      messages: [
        { role: 'system', content: 'You close support cases.' },
        { role: 'user', content: 'Where is ORD-1001?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup_order', arguments: '{"orderId":"ORD-1001"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"status":"delivered"}' },
        { role: 'assistant', content: 'It was delivered.' },
        { role: 'user', content: 'Thanks' },
      ],
    });
    // An empty tool-call list is left out: the real API refuses `tool_calls: []`.
    expect(body.messages![4]).not.toHaveProperty('tool_calls');
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('stream');
  });

  it('sends a zod JSON Schema as the parameters, without its $schema dialect', async () => {
    server.load([{ reply: { kind: 'completion', content: 'ok' } }]);
    const parameters = z.toJSONSchema(z.strictObject({ orderId: z.string().regex(/^ORD-\d+$/) }));
    expect(parameters).toHaveProperty('$schema');
    const res = await model().complete({ ...REQUEST, tools: [{ name: 'lookup_order', description: 'd', parameters }] });
    expect(ERROR_FIELDS(res)).toBe('ok');
    const { $schema: _, ...rest } = parameters;
    expect(server.bodies[0]!.tools![0]!.function.parameters).toEqual(rest);
    expect(rest).toMatchObject({ type: 'object', required: ['orderId'], additionalProperties: false });
  });

  it('leaves tools and tool_choice out when no tool is offered', async () => {
    server.load([{ match: { tools: [] }, reply: { kind: 'completion', content: 'summary' } }]);
    const res = await model().complete({ ...REQUEST, tools: [], toolChoice: 'auto' });
    expect(ERROR_FIELDS(res)).toBe('ok');
    expect(server.bodies[0]).not.toHaveProperty('tools');
    expect(server.bodies[0]).not.toHaveProperty('tool_choice');
  });

  it('maps a tool-call completion and its usage', async () => {
    server.load([
      {
        match: { tools: ['lookup_order'], toolChoice: 'required', lastRole: 'user', userContains: 'ORD-1001' },
        reply: {
          kind: 'completion',
          model: 'gpt-test-2026-01-01',
          toolCalls: [
            { id: 'call_a', name: 'lookup_order', arguments: '{"orderId":"ORD-1001"}' },
            { id: 'call_b', name: 'lookup_order', arguments: '{"orderId":"ORD-1002"}' },
          ],
          usage: { promptTokens: 812, completionTokens: 41 },
        },
      },
    ]);
    expect(await model().complete(REQUEST)).toEqual({
      ok: true,
      value: {
        model: 'gpt-test-2026-01-01',
        content: null,
        toolCalls: [
          { id: 'call_a', name: 'lookup_order', arguments: '{"orderId":"ORD-1001"}' },
          { id: 'call_b', name: 'lookup_order', arguments: '{"orderId":"ORD-1002"}' },
        ],
        refusal: null,
        finishReason: 'tool_calls',
        usage: { inputTokens: 812, outputTokens: 41 },
      },
    });
  });

  it('maps a text completion', async () => {
    server.load([{ reply: { kind: 'completion', content: 'Your order was delivered.', usage: { promptTokens: 100, completionTokens: 7 } } }]);
    expect(await model().complete(REQUEST)).toEqual({
      ok: true,
      value: { model: 'gpt-test', content: 'Your order was delivered.', toolCalls: [], refusal: null, finishReason: 'stop', usage: { inputTokens: 100, outputTokens: 7 } },
    });
  });

  it.each([
    ['{"orderId": "ORD-1'],
    ['not json at all'],
    [''],
    ['{"orderId":"ORD-1001"} trailing'],
  ])('passes the tool-argument string %j through untouched', async (args) => {
    server.load([{ reply: { kind: 'completion', toolCalls: [{ id: 'call_x', name: 'lookup_order', arguments: args }] } }]);
    const res = await model().complete(REQUEST);
    expect(res.ok && res.value.toolCalls).toEqual([{ id: 'call_x', name: 'lookup_order', arguments: args }]);
  });

  it('maps a refusal', async () => {
    server.load([{ reply: { kind: 'completion', refusal: "I can't help with that request.", usage: { promptTokens: 50, completionTokens: 9 } } }]);
    const res = await model().complete(REQUEST);
    expect(res.ok && res.value).toMatchObject({ content: null, toolCalls: [], refusal: "I can't help with that request.", finishReason: 'stop' });
  });

  it.each([
    ['length', 'length'],
    ['content_filter', 'content_filter'],
    ['function_call', 'other'],
  ] as const)('maps finish_reason %s to %s', async (wire, port) => {
    server.load([{ reply: { kind: 'completion', content: 'cut', finishReason: wire } }]);
    const res = await model().complete(REQUEST);
    expect(res.ok && res.value.finishReason).toBe(port);
  });

  it('retries a 429 and returns the one answer (two requests recorded)', async () => {
    server.load([
      { name: 'rate limited', reply: { kind: 'status', status: 429, retryAfterMs: 1 } },
      { name: 'answer', reply: { kind: 'completion', content: 'after the wait' } },
    ]);
    const res = await model().complete(REQUEST);
    expect(res.ok && res.value.content).toBe('after the wait');
    expect(server.requests.map((r) => [r.step, r.outcome])).toEqual([
      [0, 'status'],
      [1, 'completion'],
    ]);
    // The retry is the same request again.
    expect(server.bodies[1]).toEqual(server.bodies[0]);
  });

  it('retries a 500 twice and then succeeds', async () => {
    server.load([
      { reply: { kind: 'status', status: 500, retryAfterMs: 1 }, times: 2 },
      { reply: { kind: 'completion', content: 'third time' } },
    ]);
    const res = await model({ maxRetries: 2 }).complete(REQUEST);
    expect(res.ok && res.value.content).toBe('third time');
    expect(server.requests.map((r) => r.outcome)).toEqual(['status', 'status', 'completion']);
  });

  it.each([0, 1, 3])('gives up on a persistent 500 after %i retries, as unavailable', async (maxRetries) => {
    server.load([{ reply: { kind: 'status', status: 500, retryAfterMs: 1 }, times: maxRetries + 1 }]);
    const res = await model({ maxRetries }).complete(REQUEST);
    expect(ERROR_FIELDS(res)).toBe('openai/unavailable (retryable)');
    expect(!res.ok && res.error.status).toBe(500);
    expect(server.requests).toHaveLength(maxRetries + 1);
  });

  it('gives up on a persistent 429 as rate_limited', async () => {
    server.load([{ reply: { kind: 'status', status: 429, retryAfterMs: 1 }, times: 2 }]);
    const res = await model({ maxRetries: 1 }).complete(REQUEST);
    expect(ERROR_FIELDS(res)).toBe('openai/rate_limited (retryable)');
    expect(!res.ok && res.error.message).toContain('rate_limit_exceeded');
  });

  it('reports a server that does not answer in time as a timeout', async () => {
    server.load([{ reply: { kind: 'hang' } }]);
    const res = await model({ timeoutMs: 200, maxRetries: 0 }).complete(REQUEST);
    expect(ERROR_FIELDS(res)).toBe('openai/timeout (retryable)');
  });

  it('gives up on a body that stalls after the headers at the call deadline, as a timeout', async () => {
    server.load([{ reply: { kind: 'stall' } }]);
    const m = model({ timeoutMs: 200, maxRetries: 0 });
    expect(m.deadlineMs).toBe(200);
    const res = await m.complete(REQUEST);
    expect(ERROR_FIELDS(res)).toBe('openai/timeout (retryable)');
    expect(server.requests.map((r) => r.outcome)).toEqual(['stall']);
  });

  it('retries after a timeout', async () => {
    server.load([{ reply: { kind: 'hang' } }, { reply: { kind: 'completion', content: 'late but here' } }]);
    const res = await model({ timeoutMs: 200, maxRetries: 1 }).complete(REQUEST);
    expect(res.ok && res.value.content).toBe('late but here');
    expect(server.requests.map((r) => r.outcome)).toEqual(['hang', 'completion']);
  });

  it('retries a dropped connection, and reports a persistent one as unavailable', async () => {
    server.load([{ reply: { kind: 'reset' } }, { reply: { kind: 'completion', content: 'reconnected' } }]);
    const again = await model({ maxRetries: 1 }).complete(REQUEST);
    expect(again.ok && again.value.content).toBe('reconnected');

    server.load([{ reply: { kind: 'reset' } }]);
    const res = await model({ maxRetries: 0 }).complete(REQUEST);
    expect(ERROR_FIELDS(res)).toBe('openai/unavailable (retryable)');
  });

  it('reports nothing listening as unavailable', async () => {
    const gone = await ScriptedOpenAiServer.start([]);
    const baseUrl = gone.baseUrl;
    await gone.close();
    const res = await model({ baseUrl, maxRetries: 0 }).complete(REQUEST);
    expect(ERROR_FIELDS(res)).toBe('openai/unavailable (retryable)');
  });

  it('reports a rejected key as auth_failed, without retrying', async () => {
    server.load([]);
    const res = await model({ apiKey: 'sk-wrong' }).complete(REQUEST);
    expect(ERROR_FIELDS(res)).toBe('openai/auth_failed');
    expect(!res.ok && res.error.status).toBe(401);
    expect(server.requests.map((r) => [r.outcome, r.headers.authorization])).toEqual([['unauthorized', 'Bearer sk-wrong']]);
  });

  it.each([
    [400, 'openai/invalid_request'],
    [403, 'openai/auth_failed'],
    [404, 'openai/invalid_request'],
    [422, 'openai/invalid_request'],
  ])('maps a %i to %s, without retrying', async (status, expected) => {
    server.load([{ reply: { kind: 'status', status, body: { error: { message: 'nope', type: 'invalid_request_error', code: 'scripted_code' } } } }]);
    const res = await model().complete(REQUEST);
    expect(ERROR_FIELDS(res)).toBe(expected);
    expect(!res.ok && [res.error.status, res.error.message]).toEqual([status, expect.stringContaining('[scripted_code]')]);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['no choices', 'application/json', '{"id":"x","object":"chat.completion","model":"m","choices":[]}'],
    ['a tool call without arguments', 'application/json', '{"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f"}}]},"finish_reason":"tool_calls"}]}'],
    ['a body that is not the JSON it claims', 'application/json', '{"choices": ['],
    ['an HTML page', 'text/html', '<html>gateway</html>'],
  ])('reports a 200 with %s as unavailable', async (_name, contentType, text) => {
    // Not something the scripted server does (it only answers well-formed completions): a bare server.
    const bare = createServer((_req, res) => res.writeHead(200, { 'content-type': contentType }).end(text));
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    try {
      const baseUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/v1`;
      const res = await model({ baseUrl, maxRetries: 0 }).complete(REQUEST);
      expect(ERROR_FIELDS(res)).toBe('openai/unavailable (retryable)');
    } finally {
      bare.closeAllConnections();
      await new Promise((r) => bare.close(r));
    }
  });
});
