// `npm run bench:agent`: the scenario suite through the model path. Each scenario runs on the real
// stack with the backend's openai SDK pointed at the scripted server, whose one step answers every
// call as a careful model would (sandbox/openai/standInModel.ts). Tokens are counted with a real
// tokenizer (gpt-tokenizer, o200k) on what the loop actually sent — messages and tool specs — and
// what came back, never from usage numbers. Prints progress on stderr and, as the last line on
// stdout, one JSON object:
//   llmCallsPerCase / tokensPerCase        means over routine cases (no injected fault, one
//                                          investigation, the model path ran)
//   maxCallsPerCase / maxTokensPerCase     the worst routine case
//   allCases…                              the same means over every case the model touched
//   sameOutcome                            scenarios whose expectations still hold on the model path
// Usage: npm run bench:agent [-- --only <substring>]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'gpt-tokenizer';
import { ScriptedOpenAiServer, SCRIPTED_OPENAI_KEY, type RecordedRequest } from '../sandbox/openai/ScriptedOpenAiServer.js';
import { standInModel } from '../sandbox/openai/standInModel.js';
import { runScenario } from '../sandbox/scenario/runScenario.js';

const DIR = new URL('../test/scenarios/', import.meta.url).pathname;
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const log = (line: string) => console.error(line);

/** Tokens of one completion: everything sent (messages + tool specs) and the message received. */
export function completionTokens(r: RecordedRequest): number {
  const sent = encode(JSON.stringify(r.body.messages ?? [])).length + encode(JSON.stringify(r.body.tools ?? [])).length;
  const message = (r.response as { choices?: { message?: unknown }[] } | undefined)?.choices?.[0]?.message;
  return sent + (message ? encode(JSON.stringify(message)).length : 0);
}

interface CaseRun {
  name: string;
  calls: number;
  tokens: number;
  routine: boolean;
  sameOutcome: boolean;
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : 0);

const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && (!only || f.includes(only))).sort();
const runs: CaseRun[] = [];
const STAND_IN = [{ name: 'stand-in model', respond: standInModel, times: 1_000_000 }];
const model = await ScriptedOpenAiServer.start(STAND_IN);
try {
  for (const file of files) {
    const scenario = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { faults?: unknown[]; deliveries?: number };
    model.load(STAND_IN); // a fresh record of requests per scenario
    const { output, failures } = await runScenario(scenario, { env: { OPENAI_API_KEY: SCRIPTED_OPENAI_KEY, OPENAI_BASE_URL: model.baseUrl } });
    if (model.failures.length) throw new Error(`${file}: the stand-in model was asked something it cannot answer:\n${model.failures.join('\n')}`);
    const completions = model.requests.filter((r) => r.outcome === 'completion');
    const triage = completions.filter((r) => (r.body.tools ?? []).some((t) => t.function.name === 'record_requests')).length;
    const calls = completions.length;
    const tokens = completions.reduce((s, r) => s + completionTokens(r), 0);
    const routine = calls > 0 && !(scenario.faults?.length) && triage <= 1 && completions.filter((r) => (r.body.tools ?? []).some((t) => t.function.name === 'submit_review')).length <= 1;
    runs.push({ name: String(output['name'] ?? file), calls, tokens, routine, sameOutcome: failures.length === 0 });
    log(`${file}: ${calls} calls, ${tokens} tokens${routine ? '' : ' (not routine)'}${failures.length ? ` — differs: ${failures.slice(0, 2).join('; ')}` : ''}`);
  }
} finally {
  await model.close();
}

const touched = runs.filter((r) => r.calls > 0);
const routine = runs.filter((r) => r.routine);
const result = {
  scenarios: runs.length,
  routineCases: routine.length,
  llmCallsPerCase: mean(routine.map((r) => r.calls)),
  tokensPerCase: mean(routine.map((r) => r.tokens)),
  maxCallsPerCase: Math.max(0, ...routine.map((r) => r.calls)),
  maxTokensPerCase: Math.max(0, ...routine.map((r) => r.tokens)),
  allCases: touched.length,
  allCasesCallsPerCase: mean(touched.map((r) => r.calls)),
  allCasesTokensPerCase: mean(touched.map((r) => r.tokens)),
  sameOutcome: runs.filter((r) => r.sameOutcome).length,
  tokenizer: 'gpt-tokenizer (o200k_base)',
  targets: { llmCallsPerCase: 3, tokensPerCase: 6000 },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
