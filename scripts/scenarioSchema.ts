// Writes docs/scenario.schema.json from the zod schema the runner validates with
// (`npm run scenario:schema`); a test fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ScenarioSchema } from '../sandbox/scenario/ScenarioSchema.js';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Case Closer scenario' }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../docs/scenario.schema.json', import.meta.url), scenarioJsonSchema());
  console.log('wrote docs/scenario.schema.json');
}
