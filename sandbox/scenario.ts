// `npm run scenario -- <file.json>`: runs one scenario and prints its result as the last line.
import { readFileSync } from 'node:fs';
import { runScenario } from './scenario/runScenario.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run scenario -- <scenario.json>');
  process.exit(2);
}
const { output, failures } = await runScenario(JSON.parse(readFileSync(file, 'utf8')));
for (const f of failures) console.error(`expectation failed: ${f}`);
// Exit only once the (possibly large) line has been flushed to a pipe.
process.stdout.write(`${JSON.stringify(output)}\n`, () => process.exit(failures.length ? 1 : 0));
