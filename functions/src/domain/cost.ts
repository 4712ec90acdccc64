// What model calls cost: token counts priced in USD per million tokens. Pure; the prices come from
// configuration (OPENAI_PRICE_INPUT_PER_MTOK / OPENAI_PRICE_OUTPUT_PER_MTOK), the counts from the
// model's reported usage.

/** Structurally the ChatModel port's ChatUsage. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** USD per million tokens. */
export interface TokenPrices {
  inputPerMTok: number;
  outputPerMTok: number;
}

export interface Cost {
  inputTokens: number;
  outputTokens: number;
  usd: number;
}

export const ZERO_COST: Cost = Object.freeze({ inputTokens: 0, outputTokens: 0, usd: 0 });

// Amounts are kept to the nano-dollar so sums of many small calls do not drift with float noise.
const roundUsd = (usd: number) => Math.round(usd * 1e9) / 1e9;

function checkCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

function checkPrice(name: string, p: number): void {
  if (!Number.isFinite(p) || p < 0) throw new RangeError(`${name} must be a non-negative number, got ${p}`);
}

export function costOf(usage: TokenUsage, prices: TokenPrices): Cost {
  checkCount('inputTokens', usage.inputTokens);
  checkCount('outputTokens', usage.outputTokens);
  checkPrice('inputPerMTok', prices.inputPerMTok);
  checkPrice('outputPerMTok', prices.outputPerMTok);
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    usd: roundUsd((usage.inputTokens * prices.inputPerMTok + usage.outputTokens * prices.outputPerMTok) / 1e6),
  };
}

export function sumCosts(costs: Iterable<Cost>): Cost {
  let inputTokens = 0;
  let outputTokens = 0;
  let usd = 0;
  for (const c of costs) {
    inputTokens += c.inputTokens;
    outputTokens += c.outputTokens;
    usd += c.usd;
  }
  return { inputTokens, outputTokens, usd: roundUsd(usd) };
}
