// Cited facts about a customer's product account and what billing says they pay for, and the
// disagreement between the two ("paid but locked"). Pure.
import type { Citation, Conflict, Fact, FactValue } from '../domain/evidence.js';
import type { Invoice, Subscription } from '../ports/BillingGateway.js';
import type { EntitlementAccount } from '../ports/EntitlementSystem.js';
import type { HelpDeskUser } from '../ports/HelpDesk.js';

export function entitlementFacts(
  input: { account: EntitlementAccount; subscription: Subscription | null; invoices: Invoice[]; requester: HelpDeskUser },
  at: { zendesk: string; entitlements: string; stripe: string },
): { facts: Fact[]; conflicts: Conflict[] } {
  const { account, subscription, requester } = input;
  const facts: Fact[] = [];
  const add = (key: string, value: FactValue, ...citations: Citation[]) => facts.push({ key, value, citations });
  const acct = (fields: string[]): Citation => ({ system: 'entitlements', recordType: 'account', recordId: account.id, fields, fetchedAt: at.entitlements, link: account.link });

  add('account.id', account.id, acct(['id']));
  add('account.status', account.status, acct(['status']));
  add('account.lockReason', account.lockReason, acct(['lock_reason']));
  add('account.plan', account.plan.id, acct(['plan.id']));
  const owns = !!requester.email && requester.email.toLowerCase() === account.ownerEmail.toLowerCase();
  add('requester.ownsAccount', owns, { system: 'zendesk', recordType: 'user', recordId: requester.id, fields: ['email'], fetchedAt: at.zendesk, link: requester.link }, acct(['owner_email']));

  const conflicts: Conflict[] = [];
  let subCite: Citation | null = null;
  if (subscription) {
    subCite = { system: 'stripe', recordType: 'subscription', recordId: subscription.id, fields: ['status', 'items'], fetchedAt: at.stripe, link: subscription.link };
    add('subscription.status', subscription.status, subCite);
    add('subscription.priceId', subscription.items[0]?.priceId ?? null, subCite);
  }
  const latest = [...input.invoices].filter((i) => !subscription || i.subscriptionId === subscription.id).sort((a, b) => Date.parse(b.created) - Date.parse(a.created))[0];
  if (latest) {
    const invCite: Citation = { system: 'stripe', recordType: 'invoice', recordId: latest.id, fields: ['status', 'amount_paid'], fetchedAt: at.stripe, link: latest.link };
    add('billing.latestInvoiceStatus', latest.status, invCite);
    add('billing.latestInvoicePaid', latest.status === 'paid', invCite);
    add('billing.latestInvoiceRef', `stripe:${latest.id}`, invCite);
    const billingGood = subscription?.status === 'active' && latest.status === 'paid';
    if (billingGood && account.status !== 'active') {
      conflicts.push({
        key: 'account.status',
        description: `Billing shows subscription ${subscription!.id} active and invoice ${latest.id} paid, but account ${account.id} is ${account.status}${account.lockReason ? ` (${account.lockReason})` : ''}.`,
        citations: [acct(['status', 'lock_reason']), subCite!, invCite],
      });
    }
  }
  return { facts, conflicts };
}
