// The small, closed expression language playbooks use for checks and action parameters.
// Evaluation is pure: facts and policy in, a value or a precise error out.
import type { FactMap, FactValue } from './evidence.js';
import { money, percentOf, type Money } from './money.js';
import type { Policy, PolicyValue } from './policy.js';
import { err, ok, type Result } from './result.js';

export type Expr =
  | { fact: string }
  | { policy: string }
  | { literal: FactValue }
  | { percentOf: [Expr, Expr] }
  | { min: Expr[] }
  | { max: Expr[] }
  | { sub: [Expr, Expr] };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn';

export type Condition =
  | { fact: string; op: 'exists' | 'missing' }
  | { fact: string; op: CompareOp; value: Expr }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export type Value = FactValue | PolicyValue | undefined;

export interface RuleContext {
  facts: FactMap;
  policy: Policy;
}

export function isMoney(v: unknown): v is Money {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'amount' in v && 'currency' in v;
}

const num = (v: Value): number | null => (typeof v === 'number' ? v : isMoney(v) ? v.amount : null);

export function evaluate(expr: Expr, ctx: RuleContext): Result<Value, string> {
  if ('fact' in expr) return ok(ctx.facts[expr.fact]?.value ?? undefined);
  if ('policy' in expr) {
    const v = ctx.policy.values[expr.policy];
    return v === undefined ? err(`policy ${ctx.policy.id} has no value "${expr.policy}"`) : ok(v);
  }
  if ('literal' in expr) return ok(expr.literal);
  if ('percentOf' in expr) {
    const [base, pct] = expr.percentOf.map((e) => evaluate(e, ctx));
    if (!base?.ok) return base ?? err('percentOf needs a base');
    if (!pct?.ok) return pct ?? err('percentOf needs a percent');
    if (typeof pct.value !== 'number') return err('percentOf: percent is not a number');
    if (isMoney(base.value)) return ok(percentOf(base.value, pct.value));
    if (typeof base.value === 'number') return ok(Math.floor((base.value * pct.value) / 100));
    return err('percentOf: base is neither money nor a number');
  }
  if ('sub' in expr) {
    const [a, b] = expr.sub.map((e) => evaluate(e, ctx));
    if (!a?.ok || !b?.ok) return err('sub: operand failed');
    const an = num(a.value);
    const bn = num(b.value);
    if (an === null || bn === null) return err('sub: operands must be numbers or money');
    return ok(isMoney(a.value) ? money(an - bn, a.value.currency) : an - bn);
  }
  const list = 'min' in expr ? expr.min : expr.max;
  const values: Value[] = [];
  for (const e of list) {
    const r = evaluate(e, ctx);
    if (!r.ok) return r;
    values.push(r.value);
  }
  const nums = values.map(num);
  if (nums.some((n) => n === null) || nums.length === 0) return err('min/max: operands must be numbers or money');
  const pick = 'min' in expr ? Math.min(...(nums as number[])) : Math.max(...(nums as number[]));
  const moneyOperand = values.find(isMoney);
  return ok(moneyOperand ? money(pick, moneyOperand.currency) : pick);
}

function compare(op: CompareOp, left: Value, right: Value): boolean {
  if (op === 'in' || op === 'notIn') {
    const inList = Array.isArray(right) && typeof left === 'string' && right.includes(left);
    return op === 'in' ? inList : !inList;
  }
  if (op === 'eq') return JSON.stringify(left) === JSON.stringify(right);
  if (op === 'ne') return JSON.stringify(left) !== JSON.stringify(right);
  const l = num(left);
  const r = num(right);
  if (l === null || r === null) return false;
  if (isMoney(left) && isMoney(right) && left.currency !== right.currency) return false;
  switch (op) {
    case 'gt':
      return l > r;
    case 'gte':
      return l >= r;
    case 'lt':
      return l < r;
    case 'lte':
      return l <= r;
  }
}

/** A condition over a missing fact is false (never "true by absence"), except `missing`. */
export function holds(cond: Condition, ctx: RuleContext): Result<boolean, string> {
  if ('all' in cond || 'any' in cond) {
    const parts = 'all' in cond ? cond.all : cond.any;
    const results: boolean[] = [];
    for (const c of parts) {
      const r = holds(c, ctx);
      if (!r.ok) return r;
      results.push(r.value);
    }
    return ok('all' in cond ? results.every(Boolean) : results.some(Boolean));
  }
  if ('not' in cond) {
    const r = holds(cond.not, ctx);
    return r.ok ? ok(!r.value) : r;
  }
  const present = ctx.facts[cond.fact] !== undefined && ctx.facts[cond.fact]?.value !== null;
  if (!('value' in cond)) return ok(cond.op === 'exists' ? present : !present);
  if (!present) return ok(false);
  const right = evaluate(cond.value, ctx);
  if (!right.ok) return right;
  return ok(compare(cond.op, ctx.facts[cond.fact]!.value, right.value));
}

/** The fact keys an expression or condition reads: what a decision rests on. */
export function factsReferenced(node: Expr | Condition): string[] {
  const out = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n)) {
      if (k === 'fact' && typeof v === 'string') out.add(v);
      else if (k !== 'literal') walk(v);
    }
  };
  walk(node);
  return [...out];
}
