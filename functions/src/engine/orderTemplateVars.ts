// Template variables for the order-side cases (returns, address changes, "where is my order"),
// only from cited facts or from what a verified action's system of record answered. Pure.
import type { FactMap } from '../domain/evidence.js';
import type { Proposal } from '../domain/proposal.js';

function str(facts: FactMap, key: string): string {
  const v = facts[key]?.value;
  if (v === undefined || v === null) return '';
  return Array.isArray(v) ? v.join(', ') : String(v);
}

function date(facts: FactMap, key: string, locale: string): string {
  const v = facts[key]?.value;
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(v));
}

export function orderCaseVars(facts: FactMap, proposals: Proposal[], policyValues: Record<string, unknown>, locale: string): Record<string, string> {
  // The RMA and its label exist only once the return is verified in the order system.
  const rma = proposals.find((p) => p.action.type === 'orders.create_return' && p.status === 'verified' && p.execution?.verified);
  const out = rma?.execution?.output ?? {};
  const newAddress = ['address.new.line1', 'address.new.line2', 'address.new.city'].map((k) => str(facts, k))
    .concat([[str(facts, 'address.new.state'), str(facts, 'address.new.postalCode')].filter(Boolean).join(' '), str(facts, 'address.new.country')])
    .filter(Boolean).join(', ');
  return {
    rmaId: typeof out['rmaId'] === 'string' ? out['rmaId'] : '',
    labelUrl: typeof out['labelUrl'] === 'string' ? out['labelUrl'] : '',
    returnItems: str(facts, 'return.itemNames'),
    returnWindowDays: String(policyValues['returns.windowDays'] ?? ''),
    newAddress,
    currentAddress: str(facts, 'order.shippingAddress'),
    carrier: str(facts, 'shipment.carrier'),
    tracking: str(facts, 'shipment.trackingNumber'),
    latestEvent: str(facts, 'shipment.latestEvent'),
    latestEventAt: date(facts, 'shipment.latestEventAt', locale),
    promisedAt: date(facts, 'delivery.promisedAt', locale),
    deliveredAt: date(facts, 'delivery.deliveredAt', locale),
    newEta: date(facts, 'shipment.estimatedDeliveryAt', locale),
    daysDelayed: str(facts, 'delivery.daysDelayed'),
    shippedItems: str(facts, 'order.shippedItems'),
    unshippedItems: str(facts, 'order.unshippedItems'),
  };
}
