// Turns records fetched from the help desk, the order system and billing into cited facts, and
// calls out where the systems disagree. Pure: records and the time in, facts out.
import type { Citation, Conflict, Fact, FactValue } from '../domain/evidence.js';
import { money } from '../domain/money.js';
import type { Charge } from '../ports/BillingGateway.js';
import type { HelpDeskUser, Organization, Ticket } from '../ports/HelpDesk.js';
import type { Order, Shipment } from '../ports/OrderSystem.js';
import { parseAddressBlock } from '../domain/addressBlock.js';
import { delayChoice, delayedShipment, SHIPPING_DELAY_TAG } from '../domain/shippingDelay.js';

export interface FetchedAt {
  zendesk: string;
  oms: string | null;
  stripe: string | null;
}

const DAY = 86_400_000;

/** Whole calendar days (UTC) from a to b: delivered on the 13th for the 8th is 5 days late. */
export function calendarDaysBetween(a: string, b: string): number {
  const day = (iso: string) => Math.floor(Date.parse(iso) / DAY);
  return day(b) - day(a);
}

class FactSheet {
  readonly facts: Fact[] = [];
  readonly conflicts: Conflict[] = [];
  add(key: string, value: FactValue, ...citations: Citation[]): void {
    this.facts.push({ key, value, citations });
  }
}

export function ticketFacts(t: { ticket: Ticket; requester: HelpDeskUser; organization: Organization | null; customerText?: string }, at: string): Fact[] {
  const sheet = new FactSheet();
  const ticketCite = (fields: string[]): Citation => ({ system: 'zendesk', recordType: 'ticket', recordId: t.ticket.id, fields, fetchedAt: at, link: t.ticket.link });
  const userCite = (fields: string[]): Citation => ({ system: 'zendesk', recordType: 'user', recordId: t.requester.id, fields, fetchedAt: at, link: t.requester.link });
  sheet.add('ticket.subject', t.ticket.subject, ticketCite(['subject']));
  sheet.add('ticket.channel', t.ticket.channel, ticketCite(['via.channel']));
  sheet.add('requester.name', t.requester.name, userCite(['name']));
  sheet.add('requester.email', t.requester.email, userCite(['email']));
  sheet.add('requester.locale', t.requester.locale, userCite(['locale']));
  const orgTags = t.organization?.tags ?? [];
  const tags = [...new Set([...t.requester.tags, ...orgTags])];
  const tagCites = [userCite(['tags'])];
  if (t.organization) {
    tagCites.push({ system: 'zendesk', recordType: 'organization', recordId: t.organization.id, fields: ['tags'], fetchedAt: at, link: t.organization.link });
    sheet.add('customer.organization', t.organization.name, tagCites[1]!);
  }
  sheet.add('customer.tags', tags, ...tagCites);
  // A delay case: what the customer chose, from their own replies only (never our outreach).
  if (t.ticket.tags.includes(SHIPPING_DELAY_TAG)) sheet.add('delay.choice', delayChoice(t.customerText ?? ''), ticketCite(['comments']));
  // A new shipping address only from a clearly marked block, never guessed from free text.
  const address = parseAddressBlock(`${t.ticket.description}\n${t.customerText ?? ''}`);
  if (address) {
    const cite = ticketCite([parseAddressBlock(t.ticket.description) ? 'description' : 'comments']);
    sheet.add('address.new.line1', address.line1, cite);
    if (address.line2) sheet.add('address.new.line2', address.line2, cite);
    sheet.add('address.new.city', address.city, cite);
    if (address.state) sheet.add('address.new.state', address.state, cite);
    sheet.add('address.new.postalCode', address.postalCode, cite);
    sheet.add('address.new.country', address.country, cite);
  }
  return sheet.facts;
}

/** Items the customer names by full name or SKU (case-insensitive); none named means none. */
export function namedLineItems(order: Order, text: string): string[] {
  const lower = text.toLowerCase().replace(/\s+/g, ' ');
  return order.lineItems.filter((li) => lower.includes(li.sku.toLowerCase()) || lower.includes(li.name.toLowerCase().replace(/\s+/g, ' '))).map((li) => li.id);
}

function formatAddress(a: Order['shippingAddress']): string {
  return [a.line1, a.line2, a.city, [a.state, a.postalCode].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ');
}

function latestShipment(order: Order): Shipment | null {
  const delivered = order.shipments.filter((s) => s.deliveredAt).sort((a, b) => Date.parse(b.deliveredAt!) - Date.parse(a.deliveredAt!));
  return delivered[0] ?? order.shipments[order.shipments.length - 1] ?? null;
}

export function orderFacts(
  input: { order: Order; charge: Charge | null; requester: HelpDeskUser; now: string; ticket?: { id: string; link: string; text: string } },
  at: FetchedAt,
): { facts: Fact[]; conflicts: Conflict[] } {
  const { order, charge, requester, now } = input;
  const sheet = new FactSheet();
  const oms = (fields: string[], recordType = 'order', recordId = order.id): Citation => ({
    system: 'oms', recordType, recordId, fields, fetchedAt: at.oms ?? now, link: order.link,
  });
  const requesterCite: Citation = { system: 'zendesk', recordType: 'user', recordId: requester.id, fields: ['email'], fetchedAt: at.zendesk, link: requester.link };

  sheet.add('order.id', order.id, oms(['id']));
  sheet.add('order.status', order.status, oms(['status']));
  sheet.add('order.total', order.total, oms(['total']));
  sheet.add('order.placedAt', order.placedAt, oms(['placed_at']));
  sheet.add('order.hoursSincePlaced', Math.floor((Date.parse(now) - Date.parse(order.placedAt)) / 3_600_000), oms(['placed_at']));
  sheet.add('order.customerEmail', order.customer.email, oms(['customer.email']));
  sheet.add('order.shipmentCount', order.shipments.length, oms(['shipments']));
  const owns = !!requester.email && requester.email.toLowerCase() === order.customer.email.toLowerCase();
  sheet.add('requester.ownsOrder', owns, requesterCite, oms(['customer.email']));

  sheet.add('order.shippingName', order.shippingAddress.name ?? null, oms(['shipping_address.name']));
  sheet.add('order.shippingAddress', formatAddress(order.shippingAddress), oms(['shipping_address']));

  // What has shipped, and whether any shipment is stuck (its current status, not past events).
  const shippedIds = new Set(order.shipments.flatMap((s) => s.lineItemIds));
  sheet.add('order.shippedItems', order.lineItems.filter((li) => shippedIds.has(li.id)).map((li) => li.name), oms(['line_items', 'shipments.line_item_ids']));
  sheet.add('order.unshippedItems', order.lineItems.filter((li) => !shippedIds.has(li.id)).map((li) => li.name), oms(['line_items', 'shipments.line_item_ids']));
  sheet.add('order.unshippedItemCount', order.lineItems.filter((li) => !shippedIds.has(li.id)).length, oms(['line_items', 'shipments.line_item_ids']));
  sheet.add('order.heldShipments', order.shipments.filter((s) => s.status === 'held').length, oms(['shipments.status']));
  sheet.add('order.exceptionShipments', order.shipments.filter((s) => s.status === 'exception').length, oms(['shipments.status']));

  // A return covers the items the customer names, or every item; items already in an open return are left out.
  const inReturn = new Set(order.returns.filter((r) => r.status !== 'cancelled').flatMap((r) => r.lineItemIds));
  const named = input.ticket ? namedLineItems(order, input.ticket.text) : [];
  const requested = named.length ? named : order.lineItems.map((li) => li.id);
  const returnable = requested.filter((id) => !inReturn.has(id));
  const returnCites = [oms(['line_items', 'returns']), ...(named.length && input.ticket ? [{ system: 'zendesk' as const, recordType: 'ticket', recordId: input.ticket.id, fields: ['description', 'comments'], fetchedAt: at.zendesk, link: input.ticket.link }] : [])];
  if (returnable.length) {
    sheet.add('return.lineItemIds', returnable, ...returnCites);
    sheet.add('return.itemNames', returnable.map((id) => order.lineItems.find((li) => li.id === id)!.name), ...returnCites);
  }
  sheet.add('return.alreadyReturned', requested.length > 0 && returnable.length === 0, ...returnCites);

  const shipment = latestShipment(order);
  if (shipment) {
    const ship = (fields: string[]) => oms(fields, 'shipment', shipment.id);
    sheet.add('shipment.status', shipment.status, ship(['status']));
    sheet.add('shipment.tracking', `${shipment.carrier} ${shipment.trackingNumber}`, ship(['carrier', 'tracking_number']));
    sheet.add('shipment.carrier', shipment.carrier, ship(['carrier']));
    sheet.add('shipment.trackingNumber', shipment.trackingNumber, ship(['tracking_number']));
    const last = shipment.events[shipment.events.length - 1];
    if (last) {
      sheet.add('shipment.latestEvent', last.location ? `${last.description} (${last.location})` : last.description, ship(['events']));
      sheet.add('shipment.latestEventAt', last.at, ship(['events']));
    }
    if (shipment.promisedDeliveryAt) sheet.add('delivery.promisedAt', shipment.promisedDeliveryAt, ship(['promised_delivery_at']));
    if (shipment.deliveredAt) {
      sheet.add('delivery.deliveredAt', shipment.deliveredAt, ship(['delivered_at']));
      sheet.add('delivery.daysSinceDelivered', calendarDaysBetween(shipment.deliveredAt, now), ship(['delivered_at']));
      if (shipment.promisedDeliveryAt) {
        sheet.add('delivery.daysLate', calendarDaysBetween(shipment.promisedDeliveryAt, shipment.deliveredAt), ship(['promised_delivery_at', 'delivered_at']));
      }
    }
    if (shipment.estimatedDeliveryAt && !delayedShipment(order)) sheet.add('shipment.estimatedDeliveryAt', shipment.estimatedDeliveryAt, ship(['estimated_delivery_at']));
    if (order.status === 'delivered' && !shipment.deliveredAt) {
      sheet.conflicts.push({ key: 'delivery.deliveredAt', description: `The order is marked delivered but shipment ${shipment.id} has no delivery date.`, citations: [oms(['status']), ship(['delivered_at'])] });
    }
  }

  // The shipment the customer waits for, when it runs later than promised.
  const delayed = delayedShipment(order);
  if (delayed) {
    const ship = (fields: string[]) => oms(fields, 'shipment', delayed.id);
    sheet.add('delay.shipmentId', delayed.id, ship(['id']));
    sheet.add('shipment.estimatedDeliveryAt', delayed.estimatedDeliveryAt!, ship(['estimated_delivery_at']));
    sheet.add('delivery.daysDelayed', calendarDaysBetween(delayed.promisedDeliveryAt!, delayed.estimatedDeliveryAt!), ship(['promised_delivery_at', 'estimated_delivery_at']));
  }

  if (charge) {
    const stripe = (fields: string[]): Citation => ({ system: 'stripe', recordType: 'charge', recordId: charge.id, fields, fetchedAt: at.stripe ?? now, link: charge.link });
    sheet.add('payment.chargeId', charge.id, stripe(['id']));
    sheet.add('payment.status', charge.status, stripe(['status']));
    sheet.add('payment.amount', charge.amount, stripe(['amount', 'currency']));
    sheet.add('payment.amountRefunded', charge.amountRefunded, stripe(['amount_refunded']));
    sheet.add('payment.refundable', money(charge.amount.amount - charge.amountRefunded.amount, charge.amount.currency), stripe(['amount', 'amount_refunded']));
    if (charge.amount.amount !== order.total.amount || charge.amount.currency !== order.total.currency) {
      sheet.conflicts.push({
        key: 'payment.amount',
        description: `The order system says the order totals ${order.total.amount} ${order.total.currency}, billing charged ${charge.amount.amount} ${charge.amount.currency}.`,
        citations: [oms(['total']), stripe(['amount', 'currency'])],
      });
    }
    const omsRefunded = order.refunds.reduce((sum, r) => sum + r.amount.amount, 0);
    if (omsRefunded !== charge.amountRefunded.amount) {
      sheet.conflicts.push({
        key: 'payment.amountRefunded',
        description: `The order system records ${omsRefunded} refunded, billing records ${charge.amountRefunded.amount}.`,
        citations: [oms(['refunds']), stripe(['amount_refunded'])],
      });
    }
    if (charge.status !== 'succeeded' && !['pending', 'cancelled'].includes(order.status)) {
      sheet.conflicts.push({
        key: 'payment.status',
        description: `The order is ${order.status}, but its charge is ${charge.status} in billing.`,
        citations: [oms(['status']), stripe(['status'])],
      });
    }
  }
  return { facts: sheet.facts, conflicts: sheet.conflicts };
}
