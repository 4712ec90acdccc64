import { describe, expect, it } from 'vitest';
import { costOf, sumCosts, ZERO_COST, type TokenPrices } from '../../../functions/src/domain/cost.js';

const MINI: TokenPrices = { inputPerMTok: 0.4, outputPerMTok: 1.6 };

describe('costOf', () => {
  it.each([
    ['nothing', 0, 0, MINI, 0],
    ['a million input tokens', 1_000_000, 0, MINI, 0.4],
    ['a million output tokens', 0, 1_000_000, MINI, 1.6],
    ['a typical loop turn', 1_200, 80, MINI, 0.000608],
    ['one token each', 1, 1, MINI, 0.000002],
    ['free prices', 50_000, 5_000, { inputPerMTok: 0, outputPerMTok: 0 }, 0],
    ['other prices', 3_000, 1_000, { inputPerMTok: 2, outputPerMTok: 8 }, 0.014],
  ])('prices %s', (_name, inputTokens, outputTokens, prices, usd) => {
    expect(costOf({ inputTokens, outputTokens }, prices)).toEqual({ inputTokens, outputTokens, usd });
  });

  it.each([
    ['negative input tokens', { inputTokens: -1, outputTokens: 0 }, MINI, 'inputTokens'],
    ['fractional output tokens', { inputTokens: 0, outputTokens: 1.5 }, MINI, 'outputTokens'],
    ['a negative price', { inputTokens: 1, outputTokens: 1 }, { inputPerMTok: -1, outputPerMTok: 1 }, 'inputPerMTok'],
    ['a NaN price', { inputTokens: 1, outputTokens: 1 }, { inputPerMTok: 1, outputPerMTok: Number.NaN }, 'outputPerMTok'],
  ])('refuses %s', (_name, usage, prices, field) => {
    expect(() => costOf(usage, prices)).toThrow(field);
  });
});

describe('sumCosts', () => {
  it.each([
    ['no costs', [], ZERO_COST],
    ['one cost', [{ inputTokens: 10, outputTokens: 2, usd: 0.5 }], { inputTokens: 10, outputTokens: 2, usd: 0.5 }],
    // 0.1 + 0.2 is 0.30000000000000004 in floats; the sum is rounded to the nano-dollar.
    ['float-noisy amounts', [{ inputTokens: 1, outputTokens: 0, usd: 0.1 }, { inputTokens: 2, outputTokens: 3, usd: 0.2 }], { inputTokens: 3, outputTokens: 3, usd: 0.3 }],
  ])('adds %s', (_name, costs, total) => {
    expect(sumCosts(costs)).toEqual(total);
  });

  it('adds the turns of a loop to what one call with all their tokens costs', () => {
    const turns = [
      { inputTokens: 1_200, outputTokens: 80 },
      { inputTokens: 1_650, outputTokens: 40 },
      { inputTokens: 2_010, outputTokens: 230 },
    ];
    expect(sumCosts(turns.map((t) => costOf(t, MINI)))).toEqual(costOf({ inputTokens: 4_860, outputTokens: 350 }, MINI));
  });
});
