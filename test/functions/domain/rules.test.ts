import { describe, expect, it } from 'vitest';
import type { FactMap } from '../../../functions/src/domain/evidence.js';
import type { Policy } from '../../../functions/src/domain/policy.js';
import { evaluate, holds, type Condition, type Expr } from '../../../functions/src/domain/rules.js';

const cite = { system: 'oms' as const, recordType: 'order', recordId: 'o', fields: [], fetchedAt: '2026-01-01T00:00:00Z' };
const facts: FactMap = {
  total: { key: 'total', value: { amount: 8400, currency: 'usd' }, citations: [cite] },
  refundable: { key: 'refundable', value: { amount: 1000, currency: 'usd' }, citations: [cite] },
  status: { key: 'status', value: 'processing', citations: [cite] },
  late: { key: 'late', value: 5, citations: [cite] },
  nothing: { key: 'nothing', value: null, citations: [cite] },
};
const policy: Policy = { id: 'p', version: 1, description: '', currency: 'usd', values: { pct: 20, cap: 5000, grace: 2, statuses: ['pending', 'processing'] } };
const ctx = { facts, policy };

describe('evaluate', () => {
  it.each<[string, Expr, unknown]>([
    ['fact', { fact: 'status' }, 'processing'],
    ['missing fact', { fact: 'absent' }, undefined],
    ['policy', { policy: 'cap' }, 5000],
    ['percent of money rounds down', { percentOf: [{ fact: 'total' }, { policy: 'pct' }] }, { amount: 1680, currency: 'usd' }],
    ['min of money and number keeps currency', { min: [{ fact: 'total' }, { policy: 'cap' }] }, { amount: 5000, currency: 'usd' }],
    ['min picks refundable', { min: [{ percentOf: [{ fact: 'total' }, { literal: 20 }] }, { fact: 'refundable' }] }, { amount: 1000, currency: 'usd' }],
    ['max', { max: [{ literal: 3 }, { fact: 'late' }] }, 5],
    ['sub money', { sub: [{ fact: 'total' }, { fact: 'refundable' }] }, { amount: 7400, currency: 'usd' }],
  ])('%s', (_n, expr, value) => {
    const r = evaluate(expr, ctx);
    expect(r).toEqual({ ok: true, value });
  });

  it('reports an unknown policy value', () => {
    const r = evaluate({ policy: 'nope' }, ctx);
    expect(r.ok).toBe(false);
  });
});

describe('holds', () => {
  it.each<[string, Condition, boolean]>([
    ['gt policy', { fact: 'late', op: 'gt', value: { policy: 'grace' } }, true],
    ['lte', { fact: 'late', op: 'lte', value: { literal: 4 } }, false],
    ['in policy list', { fact: 'status', op: 'in', value: { policy: 'statuses' } }, true],
    ['notIn', { fact: 'status', op: 'notIn', value: { literal: ['shipped'] } }, true],
    ['money gt number', { fact: 'refundable', op: 'gt', value: { literal: 0 } }, true],
    ['missing fact never satisfies a comparison', { fact: 'absent', op: 'lt', value: { literal: 100 } }, false],
    ['null fact is missing', { fact: 'nothing', op: 'missing' }, true],
    ['exists', { fact: 'status', op: 'exists' }, true],
    ['all', { all: [{ fact: 'status', op: 'exists' }, { fact: 'late', op: 'eq', value: { literal: 5 } }] }, true],
    ['any', { any: [{ fact: 'absent', op: 'exists' }, { fact: 'late', op: 'eq', value: { literal: 6 } }] }, false],
    ['not', { not: { fact: 'absent', op: 'exists' } }, true],
  ])('%s', (_n, cond, expected) => {
    expect(holds(cond, ctx)).toEqual({ ok: true, value: expected });
  });
});
