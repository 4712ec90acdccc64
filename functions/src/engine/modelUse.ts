// What the model calls of an investigation cost: counted per call sequence, priced by config
// (EngineDeps.modelPrices; free when absent), summed onto the case's `agent` record.
import type { CaseData } from '../domain/caseRecord.js';
import { costOf, sumCosts } from '../domain/cost.js';
import type { ChatUsage } from '../ports/ChatModel.js';
import type { CaseContext } from './caseOps.js';

export type ModelUse = NonNullable<CaseData['agent']>;

const FREE = { inputPerMTok: 0, outputPerMTok: 0 };

/** The use of `calls` completions that reported `usage` in all, priced. */
export function modelUse(ctx: CaseContext, calls: number, usage: ChatUsage): ModelUse {
  return { calls, ...costOf(usage, ctx.deps.modelPrices ?? FREE) };
}

export function sumUse(a: ModelUse, b: ModelUse): ModelUse {
  return { calls: a.calls + b.calls, ...sumCosts([a, b]) };
}

/** The case's running total with `u` added. */
export function addUsage(prev: CaseData['agent'], u: ModelUse): ModelUse {
  return prev ? sumUse(prev, u) : u;
}
