// The benchmark's stand-in model drives a whole scenario through the model path: one triage call,
// one review call, and the scenario ends exactly as it does on the deterministic path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScriptedOpenAiServer, SCRIPTED_OPENAI_KEY } from '../../../sandbox/openai/ScriptedOpenAiServer.js';
import { dataBlocks, standInModel } from '../../../sandbox/openai/standInModel.js';
import { runScenario } from '../../../sandbox/scenario/runScenario.js';

describe('stand-in model', () => {
  it('reads data blocks from the last user message', () => {
    const body = { messages: [{ role: 'system', content: 'x' }, { role: 'user', content: 'Ticket 1.\n<data kind="ticket">{"text":"a \\u003cb\\u003e"}</data>' }] };
    expect(dataBlocks(body)).toEqual({ ticket: { text: 'a <b>' } });
  });

  it('refuses a call it does not know, so the benchmark cannot count a misunderstood run', () => {
    expect(() => standInModel({ messages: [], tools: [{ type: 'function', function: { name: 'something_else' } }] })).toThrow('does not know this call');
  });

  it('takes a scenario through triage and review and it ends as on the deterministic path', async () => {
    const scenario = JSON.parse(readFileSync(new URL('../../scenarios/late-delivery-refund-approved.json', import.meta.url), 'utf8')) as unknown;
    const model = await ScriptedOpenAiServer.start([{ name: 'stand-in', respond: standInModel, times: 10 }]);
    try {
      const { failures } = await runScenario(scenario, { env: { OPENAI_API_KEY: SCRIPTED_OPENAI_KEY, OPENAI_BASE_URL: model.baseUrl } });
      expect(failures).toEqual([]);
      expect(model.failures).toEqual([]);
      const finals = model.requests.map((r) => (r.response as { choices: { message: { tool_calls: { function: { name: string } }[] } }[] }).choices[0]!.message.tool_calls.map((c) => c.function.name));
      expect(finals).toEqual([['record_requests'], ['propose_action', 'submit_review']]);
    } finally {
      await model.close();
    }
  });
});
