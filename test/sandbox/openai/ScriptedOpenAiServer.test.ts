import { afterEach, describe, expect, it } from 'vitest';
import { loadScriptFile, parseScriptFile, type ScriptStep } from '../../../sandbox/openai/script.js';
import { SCRIPTED_OPENAI_KEY, ScriptedOpenAiServer } from '../../../sandbox/openai/ScriptedOpenAiServer.js';

const RECORDING = new URL('./fixtures/lookup-then-answer.json', import.meta.url);
const LOOKUP_TOOL = { type: 'function', function: { name: 'lookup_order', description: 'Looks an order up', parameters: { type: 'object' } } };
const ASK = { model: 'gpt-test', messages: [{ role: 'user', content: 'Where is ORD-1001?' }], tools: [LOOKUP_TOOL], max_completion_tokens: 200 };

describe('scripted OpenAI server', () => {
  let server: ScriptedOpenAiServer | undefined;
  const start = async (script: Parameters<typeof ScriptedOpenAiServer.start>[0], apiKey?: string) =>
    (server = await ScriptedOpenAiServer.start(script, apiKey ? { apiKey } : {}));
  const post = async (body: unknown, key: string | null = SCRIPTED_OPENAI_KEY, path = '/v1/chat/completions') => {
    const res = await fetch(`${server!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers the steps in order in the OpenAI wire format and records what was sent', async () => {
    await start([
      { reply: { kind: 'completion', toolCalls: [{ name: 'lookup_order', arguments: '{"orderId":"ORD-1001"}' }], usage: { promptTokens: 12, completionTokens: 3 } } },
      { reply: { kind: 'completion', content: 'Delivered.', usage: { promptTokens: 20, completionTokens: 2 } } },
    ]);
    const first = await post(ASK);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-test',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_0_0', type: 'function', function: { name: 'lookup_order', arguments: '{"orderId":"ORD-1001"}' } }] },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
    });
    const followUp = {
      ...ASK,
      messages: [...ASK.messages, first.body.choices[0].message, { role: 'tool', tool_call_id: 'call_0_0', content: '{"status":"delivered"}' }],
    };
    const second = await post(followUp);
    expect(second.body.choices[0]).toMatchObject({ message: { content: 'Delivered.' }, finish_reason: 'stop' });
    expect(second.body.choices[0].message).not.toHaveProperty('tool_calls');

    expect(server!.requests.map((r) => [r.seq, r.step, r.outcome, r.headers.authorization])).toEqual([
      [0, 0, 'completion', `Bearer ${SCRIPTED_OPENAI_KEY}`],
      [1, 1, 'completion', `Bearer ${SCRIPTED_OPENAI_KEY}`],
    ]);
    expect(server!.bodies[1]!.messages!.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(server!.bodies[0]!.max_completion_tokens).toBe(200);
    expect(() => server!.assertDone()).not.toThrow();
  });

  it('sends a malformed arguments string exactly as scripted', async () => {
    await start([{ reply: { kind: 'completion', toolCalls: [{ id: 'c1', name: 'lookup_order', arguments: '{"orderId": "ORD-1' }] } }]);
    const res = await post(ASK);
    expect(res.body.choices[0].message.tool_calls[0].function.arguments).toBe('{"orderId": "ORD-1');
  });

  it('estimates usage when the step gives none', async () => {
    await start([{ reply: { kind: 'completion', content: 'x'.repeat(40) } }]);
    const res = await post(ASK);
    expect(res.body.usage.completion_tokens).toBe(10);
    expect(res.body.usage.prompt_tokens).toBeGreaterThan(10);
  });

  it('computes a reply from the request with `respond` (code only), records the response, and reports a bad one', async () => {
    await start([
      {
        name: 'echo',
        times: 2,
        respond: (req) => {
          const last = String(req.messages?.at(-1)?.content ?? '');
          if (last === 'break') return { kind: 'completion', finishReason: 'nonsense' } as never;
          return { kind: 'completion', content: `You said: ${last}`, usage: { promptTokens: 5, completionTokens: 3 } };
        },
      },
    ]);
    const res = await post(ASK);
    expect(res.body.choices[0].message.content).toBe('You said: Where is ORD-1001?');
    expect(server!.requests[0]!.response).toEqual(res.body);
    const bad = await post({ ...ASK, messages: [{ role: 'user', content: 'break' }] });
    expect(bad.status).toBe(500);
    expect(() => server!.assertDone()).toThrow('step #0 (echo) could not compute a reply');
    await expect(ScriptedOpenAiServer.start([{ name: 'both' } as ScriptStep])).rejects.toThrow('needs exactly one of reply and respond');
  });

  it('reports a step that was never used', async () => {
    await start([{ reply: { kind: 'completion', content: 'a' } }, { name: 'second', reply: { kind: 'status', status: 500 }, times: 2 }]);
    await post(ASK);
    await post(ASK);
    expect(() => server!.assertDone()).toThrow('step #1 (second) unused (1 of 2 answers left)');
  });

  it('answers a request with no step left with a 500 that says why, and remembers it', async () => {
    await start([{ reply: { kind: 'completion', content: 'a' } }]);
    await post(ASK);
    const res = await post(ASK);
    expect(res.status).toBe(500);
    expect(res.headers.get('x-should-retry')).toBe('false');
    expect(res.body.error.message).toContain('no step left (all 1 used)');
    expect(res.body.error.message).toContain('last message (user) "Where is ORD-1001?"');
    expect(server!.requests.map((r) => [r.step, r.outcome])).toEqual([
      [0, 'completion'],
      [null, 'unexpected'],
    ]);
    expect(() => server!.assertDone()).toThrow('request #1: unexpected request: no step left');
  });

  const withTool = { ...ASK, messages: [...ASK.messages, { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup_order', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'c1', content: 'delivered on 3 Nov' }] };
  it.each<[string, ScriptStep['match'], unknown, string]>([
    ['other tools offered', { tools: ['refund'] }, ASK, 'tools offered [lookup_order], expected [refund]'],
    ['no tools offered', { tools: ['lookup_order'] }, { ...ASK, tools: undefined }, 'tools offered [], expected [lookup_order]'],
    ['another last role', { lastRole: 'tool' }, ASK, 'last message is user, expected tool'],
    ['a last message without the text', { lastContains: 'refund' }, ASK, 'last message does not contain "refund"'],
    ['a user message without the text', { userContains: 'ORD-2' }, withTool, 'last user message does not contain "ORD-2"'],
    ['a tool result without the text', { toolContains: 'cancelled' }, withTool, 'last tool message does not contain "cancelled"'],
    ['another tool choice', { toolChoice: 'required' }, ASK, 'tool_choice is auto, expected required'],
    ['another named tool choice', { toolChoice: { name: 'lookup_order' } }, { ...ASK, tool_choice: 'required' }, 'tool_choice is required, expected {name: lookup_order}'],
    ['another model', { model: 'gpt-other' }, ASK, 'model is gpt-test, expected gpt-other'],
    ['a predicate that says no', { predicate: (b) => (b.max_completion_tokens === 50 ? true : `max ${b.max_completion_tokens}`) }, ASK, 'predicate: max 200'],
    ['a predicate that returns false', { predicate: () => false }, ASK, 'predicate refused the request'],
  ])('refuses a request when a matcher fails: %s', async (_name, match, body, why) => {
    await start([{ name: 'picky', match, reply: { kind: 'completion', content: 'never sent' } }]);
    const res = await post(body);
    expect(res.status).toBe(500);
    expect(res.body.error.message).toContain(`step #0 (picky) does not match: ${why}`);
    // The step stays unused, so assertDone reports both.
    expect(() => server!.assertDone()).toThrow(/request #0: unexpected request: step #0 \(picky\) does not match[\s\S]*step #0 \(picky\) unused/);
  });

  it.each<[string, ScriptStep['match'], unknown]>([
    ['the exact tool set, in any order', { tools: ['b_tool', 'lookup_order'] }, { ...ASK, tools: [{ type: 'function', function: { name: 'b_tool' } }, LOOKUP_TOOL] }],
    ['role and text of the last message', { lastRole: 'tool', lastContains: 'delivered', userContains: 'ORD-1001', toolContains: '3 Nov' }, withTool],
    ['an absent tool_choice as auto', { toolChoice: 'auto' }, ASK],
    ['a named tool choice', { toolChoice: { name: 'lookup_order' } }, { ...ASK, tool_choice: { type: 'function', function: { name: 'lookup_order' } } }],
    ['a predicate', { predicate: (b) => b.messages?.length === 1 }, ASK],
  ])('accepts a request when the matcher fits: %s', async (_name, match, body) => {
    await start([{ match, reply: { kind: 'completion', content: 'ok' } }]);
    expect((await post(body)).status).toBe(200);
    server!.assertDone();
  });

  it.each([
    ['a tool message that answers nothing', { ...ASK, messages: [{ role: 'user', content: 'hi' }, { role: 'tool', tool_call_id: 'x', content: 'r' }] }, 'must answer a preceding assistant message'],
    ['a tool call left unanswered', { ...ASK, messages: [...withTool.messages.slice(0, 2), { role: 'user', content: 'and?' }] }, 'tool calls c1 have no tool message answering them'],
    ['a tool result for another call', { ...ASK, messages: [...withTool.messages.slice(0, 2), { role: 'tool', tool_call_id: 'c9', content: 'r' }] }, 'tool_call_id c9 answers no open tool call'],
    ['an empty tools array', { ...ASK, tools: [] }, 'tools'],
    ['tool_choice without tools', { ...ASK, tools: undefined, tool_choice: 'auto' }, 'tool_choice is only allowed when tools are specified'],
    ['an empty tool_calls array', { ...ASK, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'x', tool_calls: [] }] }, 'tool_calls'],
    ['no messages', { ...ASK, messages: [] }, 'messages'],
    ['a streaming request', { ...ASK, stream: true }, 'does not stream'],
    ['a body that is not JSON', '{"model":', '(body)'],
  ])('refuses %s like the real API, with a 400, and remembers it', async (_name, body, why) => {
    await start([{ reply: { kind: 'completion', content: 'never sent' } }]);
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(why);
    expect(server!.requests[0]!.outcome).toBe('invalid');
    expect(server!.failures).toEqual([expect.stringContaining(`request #0: the real API would refuse this request`)]);
  });

  it('requires the bearer key like the real API, without advancing the script or failing', async () => {
    await start([{ reply: { kind: 'completion', content: 'ok' } }], 'sk-right');
    const missing = await post(ASK, null);
    const wrong = await post(ASK, 'sk-wrong');
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(wrong.body.error.code).toBe('invalid_api_key');
    expect(server!.failures).toEqual([]);
    expect((await post(ASK, 'sk-right')).status).toBe(200);
    expect(server!.requests.map((r) => r.outcome)).toEqual(['unauthorized', 'unauthorized', 'completion']);
    server!.assertDone();
  });

  it('answers a scripted status with its retry-after headers, `times` times in a row', async () => {
    await start([{ reply: { kind: 'status', status: 429, retryAfterMs: 1500 }, times: 2 }, { reply: { kind: 'status', status: 503 } }]);
    const a = await post(ASK);
    const b = await post(ASK);
    const c = await post(ASK);
    expect([a.status, b.status, c.status]).toEqual([429, 429, 503]);
    expect([a.headers.get('retry-after-ms'), a.headers.get('retry-after'), a.body.error.code]).toEqual(['1500', '2', 'rate_limit_exceeded']);
    expect(c.headers.get('retry-after-ms')).toBeNull();
    expect(c.body.error.type).toBe('server_error');
    server!.assertDone();
  });

  it('hangs until the client gives up, and drops a connection on reset', async () => {
    await start([{ reply: { kind: 'hang' } }, { reply: { kind: 'reset' } }, { reply: { kind: 'completion', content: 'back' } }]);
    const send = (signal?: AbortSignal) =>
      fetch(`${server!.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SCRIPTED_OPENAI_KEY}` },
        body: JSON.stringify(ASK),
        ...(signal ? { signal } : {}),
      });
    await expect(send(AbortSignal.timeout(100))).rejects.toThrow();
    await expect(send()).rejects.toThrow();
    expect((await send()).status).toBe(200);
    expect(server!.requests.map((r) => r.outcome)).toEqual(['hang', 'reset', 'completion']);
    server!.assertDone();
  });

  it('answers another route with a 404 and remembers it', async () => {
    await start([]);
    const res = await post({}, SCRIPTED_OPENAI_KEY, '/v1/responses');
    expect(res.status).toBe(404);
    expect(() => server!.assertDone()).toThrow('request #0: no such route: POST /v1/responses');
  });

  it('replays a recording from a JSON file', async () => {
    await start(loadScriptFile(RECORDING));
    const first = await post(ASK);
    expect(first.body.choices[0].message.tool_calls[0]).toMatchObject({ id: 'call_lookup', function: { arguments: '{"orderId":"ORD-1001"}' } });
    const busy = await post(ASK);
    expect([busy.status, busy.headers.get('retry-after-ms')]).toEqual([429, '1']);
    const answer = await post(withTool);
    expect(answer.body.choices[0].message.content).toBe('Your order was delivered on 3 November.');
    expect(answer.body.usage).toMatchObject({ prompt_tokens: 402, completion_tokens: 11 });
    server!.assertDone();
  });

  it('loads a recording over the admin API and dumps its state', async () => {
    await start([{ reply: { kind: 'completion', content: 'first script' } }]);
    const recording = { steps: [{ name: 'only', reply: { kind: 'completion', content: 'from the recording' } }] };
    expect((await fetch(`${server!.url}/__sandbox/reset`, { method: 'POST', body: JSON.stringify(recording) })).status).toBe(200);
    expect((await post(ASK)).body.choices[0].message.content).toBe('from the recording');
    const world = (await (await fetch(`${server!.url}/__sandbox/world`)).json()) as any;
    expect(world.steps).toEqual([{ step: 0, name: 'only', kind: 'completion', left: 0 }]);
    expect(world.requests.map((r: any) => r.outcome)).toEqual(['completion']);
    server!.assertDone();
  });

  it.each([
    ['an unknown reply kind', { steps: [{ reply: { kind: 'think' } }] }, 'steps[0].reply'],
    ['an unknown matcher', { steps: [{ match: { lastUser: 'x' }, reply: { kind: 'reset' } }] }, 'lastUser'],
    ['a predicate (code only)', { steps: [{ match: { predicate: 'x' }, reply: { kind: 'reset' } }] }, 'predicate'],
    ['arguments that are not a string', { steps: [{ reply: { kind: 'completion', toolCalls: [{ name: 'a', arguments: { orderId: 1 } }] } }] }, 'arguments'],
    ['a status that is not an error', { steps: [{ reply: { kind: 'status', status: 200 } }] }, 'status'],
    ['another version', { version: 2, steps: [] }, 'version'],
  ])('refuses a recording with %s', (_name, file, where) => {
    expect(() => parseScriptFile(file)).toThrow(where);
  });

  it('names the file of a broken recording', () => {
    expect(() => loadScriptFile(new URL('./fixtures/missing.json', import.meta.url))).toThrow('cannot read script file');
  });
});
