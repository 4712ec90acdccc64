// The guardrail engine (F4): a pure function of (action, case facts, settings, policy) that says
// forbidden / needs approval / auto, with every reason. Hard limits live here, in code, never in a
// prompt or a playbook, and nothing a ticket says can reach them except through verified facts.
import type { GuardrailDecision, PolicyRef, ProposedAction, Reason } from './proposal.js';
import type { Policy } from './policy.js';
import { RISK_TIERS, type Mode, type RiskTier, type Settings } from './settings.js';

export interface GuardrailInput {
  action: ProposedAction;
  caseType: string;
  riskTier: RiskTier;
  settings: Settings;
  policy: PolicyRef;
  /** Tags of the requester and their organization, as read from the help desk. */
  customerTags: string[];
  /** Money already moved (minor units, settings currency): by this case, and by the installation today. */
  spend: { case: number; today: number };
  requiresIdentity: boolean;
  identityVerified: boolean;
}

export function modeFor(settings: Settings, caseType: string, tier: RiskTier): Mode {
  return settings.autonomy[caseType]?.[tier] ?? settings.defaultMode;
}

export function riskTierFor(amount: number | null, policy: Policy, floor: RiskTier = 'low'): RiskTier {
  const lowMax = Number(policy.values['risk.lowMax'] ?? 2_500);
  const mediumMax = Number(policy.values['risk.mediumMax'] ?? 10_000);
  const byAmount: RiskTier = amount === null || amount <= lowMax ? 'low' : amount <= mediumMax ? 'medium' : 'high';
  return RISK_TIERS[Math.max(RISK_TIERS.indexOf(byAmount), RISK_TIERS.indexOf(floor))]!;
}

export function decide(input: GuardrailInput): GuardrailDecision {
  const { action, settings } = input;
  const mode = modeFor(settings, input.caseType, input.riskTier);
  const forbidden: Reason[] = [];
  const approval: Reason[] = [];
  const amount = action.amount;

  if (amount) {
    if (amount.amount <= 0) forbidden.push({ code: 'non_positive_amount', detail: 'the amount must be positive' });
    if (amount.currency !== settings.limits.currency) {
      approval.push({
        code: 'currency_outside_limits',
        detail: `limits are set in ${settings.limits.currency}, the action is in ${amount.currency}`,
      });
    } else {
      if (input.spend.case + amount.amount > settings.limits.perCaseSpendLimit) {
        forbidden.push({
          code: 'per_case_limit',
          detail: `this case would move ${input.spend.case + amount.amount}, over the per-case limit of ${settings.limits.perCaseSpendLimit}`,
        });
      }
      if (amount.amount > settings.limits.autoRefundCap) {
        approval.push({ code: 'over_auto_cap', detail: `over the ${settings.limits.autoRefundCap} cap for actions without approval` });
      }
      if (input.spend.today + amount.amount > settings.limits.perDaySpendLimit) {
        approval.push({ code: 'per_day_limit', detail: `today's automatic spend would pass ${settings.limits.perDaySpendLimit}` });
      }
    }
  }
  if (input.requiresIdentity && !input.identityVerified) {
    forbidden.push({ code: 'identity_not_verified', detail: 'the requester is not verified as the owner of the record' });
  }
  const protectedTags = input.customerTags.filter((t) => settings.noAutonomyTags.includes(t));
  if (protectedTags.length > 0) {
    approval.push({ code: 'no_autonomy_for_customer', detail: `customer tagged ${protectedTags.join(', ')}` });
  }
  if (settings.shadowMode) approval.push({ code: 'shadow_mode', detail: 'shadow mode: nothing executes on its own' });
  if (mode === 'assist') approval.push({ code: 'assist_mode', detail: 'assist mode: draft only' });
  if (mode === 'approve') approval.push({ code: 'approve_mode', detail: `${input.caseType} / ${input.riskTier} risk requires approval` });

  if (forbidden.length > 0) return { kind: 'forbidden', mode, reasons: forbidden, policy: input.policy };
  if (approval.length > 0) return { kind: 'needs_approval', mode, reasons: approval, policy: input.policy };
  return {
    kind: 'auto',
    mode,
    reasons: [{ code: 'autopilot', detail: `${input.caseType} / ${input.riskTier} risk runs on autopilot within limits` }],
    policy: input.policy,
  };
}
