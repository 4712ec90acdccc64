import { describe, expect, it } from 'vitest';
import { decide, riskTierFor, type GuardrailInput } from '../../../functions/src/domain/guardrails.js';
import type { Policy } from '../../../functions/src/domain/policy.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../functions/src/domain/settings.js';

const policy: Policy = { id: 'p', version: 3, description: '', currency: 'usd', values: { 'risk.lowMax': 2500, 'risk.mediumMax': 10000 } };
const autopilot: Settings = { ...DEFAULT_SETTINGS, autonomy: { refund: { low: 'autopilot', medium: 'autopilot', high: 'approve' } } };

function input(over: Partial<GuardrailInput> = {}): GuardrailInput {
  return {
    action: { type: 'billing.refund', params: {}, amount: { amount: 1000, currency: 'usd' } },
    caseType: 'refund',
    riskTier: 'low',
    settings: autopilot,
    policy: { id: 'p', version: 3 },
    customerTags: [],
    spend: { case: 0, today: 0 },
    requiresIdentity: false,
    identityVerified: true,
    ...over,
  };
}
const money = (amount: number, currency = 'usd') => ({ type: 'billing.refund', params: {}, amount: { amount, currency } });

describe('decide', () => {
  it.each([
    ['autopilot, small refund', input(), 'auto', ['autopilot']],
    ['approve mode by default', input({ settings: DEFAULT_SETTINGS }), 'needs_approval', ['approve_mode']],
    ['assist mode', input({ settings: { ...autopilot, defaultMode: 'assist', autonomy: {} } }), 'needs_approval', ['assist_mode']],
    ['over the auto cap', input({ action: money(2501) }), 'needs_approval', ['over_auto_cap']],
    ['exactly the auto cap', input({ action: money(2500) }), 'auto', ['autopilot']],
    ['VIP customer', input({ customerTags: ['vip'] }), 'needs_approval', ['no_autonomy_for_customer']],
    ['enterprise org', input({ customerTags: ['gold', 'enterprise'] }), 'needs_approval', ['no_autonomy_for_customer']],
    ['shadow mode', input({ settings: { ...autopilot, shadowMode: true } }), 'needs_approval', ['shadow_mode']],
    ['per-day budget spent', input({ spend: { case: 0, today: 499_500 } }), 'needs_approval', ['per_day_limit']],
    ['per-case limit', input({ spend: { case: 49_500, today: 0 } }), 'forbidden', ['per_case_limit']],
    ['identity not verified', input({ requiresIdentity: true, identityVerified: false }), 'forbidden', ['identity_not_verified']],
    ['zero amount', input({ action: money(0) }), 'forbidden', ['non_positive_amount']],
    ['other currency', input({ action: money(1000, 'eur') }), 'needs_approval', ['currency_outside_limits']],
    ['high tier set to approve', input({ riskTier: 'high' }), 'needs_approval', ['approve_mode']],
  ] as const)('%s', (_name, inp, kind, codes) => {
    const d = decide(inp);
    expect(d.kind).toBe(kind);
    for (const c of codes) expect(d.reasons.map((r) => r.code)).toContain(c);
    expect(d.policy).toEqual({ id: 'p', version: 3 });
  });

  it('forbidden wins over approval reasons', () => {
    const d = decide(input({ customerTags: ['vip'], spend: { case: 50_000, today: 0 } }));
    expect(d.kind).toBe('forbidden');
  });
});

describe('riskTierFor', () => {
  it.each([
    [null, 'low', 'low'],
    [2500, 'low', 'low'],
    [2501, 'low', 'medium'],
    [10000, 'low', 'medium'],
    [10001, 'low', 'high'],
    [100, 'medium', 'medium'],
    [20000, 'medium', 'high'],
  ] as const)('amount %s with floor %s → %s', (amount, floor, tier) => {
    expect(riskTierFor(amount, policy, floor)).toBe(tier);
  });
});
