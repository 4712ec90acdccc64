// Text the case writes into the help desk: internal notes with the decision and its evidence, and
// the variables customer templates are filled with. Pure.
import type { CaseData } from '../domain/caseRecord.js';
import type { Fact, FactMap, FactValue } from '../domain/evidence.js';
import { formatMoney } from '../domain/money.js';
import { formatPolicyRef } from '../domain/policy.js';
import type { Proposal } from '../domain/proposal.js';
import { isMoney } from '../domain/rules.js';
import { orderCaseVars } from './orderTemplateVars.js';
import { subscriptionCaseVars } from './subscriptionTemplateVars.js';

export function factMap(facts: Fact[]): FactMap {
  return Object.fromEntries(facts.map((f) => [f.key, f]));
}

export function showValue(v: FactValue): string {
  if (isMoney(v)) return formatMoney(v);
  if (Array.isArray(v)) return v.join(', ') || '(none)';
  return String(v);
}

function citeLine(f: Fact): string {
  const c = f.citations.map((c) => `${c.system} ${c.recordType} ${c.recordId} [${c.fields.join(', ')}]`).join('; ');
  return `- ${f.key}: ${showValue(f.value)} (${c})`;
}

function proposalLine(p: Proposal): string {
  const amount = p.action.amount ? ` ${formatMoney(p.action.amount)}` : '';
  const reasons = p.decision.reasons.map((r) => r.code).join(', ');
  return `- ${p.title}${amount}: ${p.status}; ${p.decision.kind} (${reasons}); policy ${formatPolicyRef(p.decision.policy)}${p.execution?.externalId ? `; id ${p.execution.externalId}` : ''}`;
}

export function investigationNote(data: CaseData, headline: string): string {
  const lines = ['[Case Closer] ' + headline, '', 'Evidence:', ...data.facts.map(citeLine)];
  if (data.conflicts.length) lines.push('', 'Conflicts between systems:', ...data.conflicts.map((c) => `- ${c.description}`));
  if (data.proposals.length) lines.push('', 'Proposed actions:', ...data.proposals.map(proposalLine));
  return lines.join('\n');
}

export function escalationNote(data: CaseData, reason: string, detail: string, nextStep: string, slaHours: number): string {
  return [
    `[Case Closer] Escalated: ${reason}`,
    detail,
    '',
    `Recommended next step: ${nextStep}`,
    `SLA: respond within ${slaHours} hours.`,
    '',
    'Evidence:',
    ...data.facts.map(citeLine),
    ...(data.conflicts.length ? ['', 'Conflicts between systems:', ...data.conflicts.map((c) => `- ${c.description}`)] : []),
    ...(data.proposals.length ? ['', 'Actions so far:', ...data.proposals.map(proposalLine)] : []),
  ].join('\n');
}

export function closingNote(data: CaseData): string {
  return ['[Case Closer] Closed: every action executed and verified in its system of record.', '', ...data.proposals.map(proposalLine)].join('\n');
}

/** Values customer templates may use; only facts the investigation established. */
export function templateVars(facts: FactMap, proposals: Proposal[], policyValues: Record<string, unknown>, locale: string): Record<string, string | number> {
  const name = String(facts['requester.name']?.value ?? '').split(' ')[0] || 'there';
  const refunded = proposals.filter((p) => p.action.type === 'billing.refund' && p.action.amount && ['verified', 'approved', 'pending', 'executed'].includes(p.status));
  const amount = refunded.reduce((s, p) => s + (p.action.amount?.amount ?? 0), 0);
  const currency = refunded[0]?.action.amount?.currency ?? 'usd';
  return {
    name,
    orderId: String(facts['order.id']?.value ?? ''),
    accountId: String(facts['account.id']?.value ?? ''),
    days: Number(facts['delivery.daysLate']?.value ?? 0),
    amount: formatMoney({ amount, currency }, locale),
    windowDays: String(policyValues['lateDelivery.claimWindowDays'] ?? ''),
    windowHours: String(policyValues['cancellation.windowHours'] ?? ''),
    ...orderCaseVars(facts, proposals, policyValues, locale),
    ...subscriptionCaseVars(facts, proposals, locale),
  };
}

/**
 * One reply from the answers to several requests: every answer after the first loses its greeting
 * ("Hi Ana, …") so the customer reads one message, not a stack of letters.
 */
export function joinReplies(bodies: string[], name: string): string {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const greeting = new RegExp(`^\\S+ ${esc}[,!]\\s*`, 'u');
  return bodies.map((b, i) => {
    if (i === 0) return b;
    const rest = b.replace(greeting, '');
    return rest === b ? b : rest.charAt(0).toLocaleUpperCase() + rest.slice(1);
  }).join('\n\n');
}
