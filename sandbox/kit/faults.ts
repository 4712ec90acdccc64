// Per-test fault injection shared by every sandbox: a rule matches requests by method and path and
// fires a given number of times (latency, an HTTP status, a hang past the client's timeout, a
// dropped connection, or a lost response: the request is carried out, then the connection dropped
// before the answer — the write happened and the client cannot know).
import { z } from 'zod';

export const FaultRuleSchema = z.object({
  method: z.string().toUpperCase().optional(),
  /** Matched as a prefix of the request path, or as a regular expression when it starts with "^". */
  path: z.string().default('/'),
  kind: z.enum(['latency', 'status', 'timeout', 'reset', 'lost_response']),
  /** How many matching requests it affects; it is removed afterwards. */
  times: z.number().int().positive().default(1),
  status: z.number().int().min(400).max(599).optional(),
  body: z.unknown().optional(),
  delayMs: z.number().int().nonnegative().optional(),
});
export type FaultRule = z.input<typeof FaultRuleSchema>;
type ParsedRule = z.output<typeof FaultRuleSchema>;

export class FaultInjector {
  private rules: ParsedRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push(FaultRuleSchema.parse(rule));
  }

  clear(): void {
    this.rules = [];
  }

  /** Takes (and uses up one firing of) the first rule that matches. */
  take(method: string, path: string): ParsedRule | null {
    const i = this.rules.findIndex(
      (r) => (!r.method || r.method === method) && (r.path.startsWith('^') ? new RegExp(r.path).test(path) : path.startsWith(r.path)),
    );
    if (i < 0) return null;
    const rule = this.rules[i]!;
    rule.times -= 1;
    if (rule.times <= 0) this.rules.splice(i, 1);
    return rule;
  }

  get pending(): number {
    return this.rules.length;
  }
}
