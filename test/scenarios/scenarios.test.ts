import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sandbox/scenario/runScenario.js';
import { ScenarioSchema } from '../../sandbox/scenario/ScenarioSchema.js';
import { scenarioJsonSchema } from '../../scripts/scenarioSchema.js';

const dir = new URL('.', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('scenario suite', () => {
  it('has scenario files, each with an expect block', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(ScenarioSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))).expect, f).toBeDefined();
  });

  it.each(files)('%s', async (file) => {
    const { output, failures } = await runScenario(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    expect(failures, JSON.stringify({ state: output['state'], escalation: output['escalation'], proposals: output['proposals'] }, null, 1)).toEqual([]);
  });

  it('docs/scenario.schema.json matches the schema the runner uses', () => {
    expect(readFileSync(new URL('../../docs/scenario.schema.json', import.meta.url), 'utf8')).toBe(scenarioJsonSchema());
  });
});
