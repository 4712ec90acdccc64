// Template variables of the subscription cases (cancellation, plan change), from cited facts and
// the case's proposals only.
import type { FactMap } from '../domain/evidence.js';
import { formatMoney } from '../domain/money.js';
import type { Proposal } from '../domain/proposal.js';

const SUBSCRIPTION_ACTIONS = new Set(['billing.cancel_subscription', 'billing.change_plan']);
const COUNTED = new Set(['verified', 'approved', 'pending', 'executed']);

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function formatDate(iso: unknown, locale: string): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

export function subscriptionCaseVars(facts: FactMap, proposals: Proposal[], locale: string): Record<string, string> {
  const vars: Record<string, string> = {
    planName: capitalize(String(facts['plan.requestedName']?.value ?? '')),
    endDate: formatDate(facts['subscription.cancelEffectiveAt']?.value, locale),
    periodEnd: formatDate(facts['subscription.currentPeriodEnd']?.value, locale),
  };
  const mine = proposals.filter((p) => SUBSCRIPTION_ACTIONS.has(p.action.type) && COUNTED.has(p.status));
  if (mine.length > 0) {
    // The credit the customer gets back (the proposal's amount; none when no money moves).
    const amount = mine.reduce((s, p) => s + (p.action.amount?.amount ?? 0), 0);
    const currency = mine.find((p) => p.action.amount)?.action.amount?.currency ?? 'usd';
    vars['amount'] = formatMoney({ amount, currency }, locale);
  }
  return vars;
}
