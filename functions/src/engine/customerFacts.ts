// τ²-retail style identity and order resolution, as pure functions over what the OMS returned:
// who the customer is (by the requester's email, else by the first name, last name and zip the
// ticket gives — verified only when exactly one customer matches), which of their orders the
// ticket is about, and what it asks for (cancellation reason, items, refund method). Anything
// ambiguous resolves to null, so the playbook asks the customer instead of guessing.
import type { Citation, Fact, FactValue } from '../domain/evidence.js';
import type { HelpDeskUser } from '../ports/HelpDesk.js';
import { parseStatedAddress } from '../domain/addressBlock.js';
import type { Customer, LineItem, Order, PaymentMethod, Product } from '../ports/OrderSystem.js';
import { currentPaymentMethodId, extractPaymentChoice, resolveItemChanges, resolvePaymentChoice } from './orderChangeFacts.js';

export type CancelReason = 'no longer needed' | 'ordered by mistake';
export type RefundMethodWord = 'gift_card' | 'original' | 'credit_card' | 'paypal';

/** τ²'s two cancellation reasons, from the customer's words; both or neither → null. */
export function extractCancelReason(text: string): CancelReason | null {
  const mistake = /\b(ordered|bought|placed|purchased|added)\b[^.!?]{0,40}\bby mistake\b|\bby mistake\b/i.test(text);
  const noLonger = /\bno longer (need|want)(ed)?\b|\bdon'?t need (it|them|this|these|those)( anymore| any more)?\b/i.test(text);
  if (mistake === noLonger) return null;
  return mistake ? 'ordered by mistake' : 'no longer needed';
}

/** The refund destination the customer names; several different ones or none → null. */
export function extractRefundMethod(text: string): RefundMethodWord | null {
  const found = new Set<RefundMethodWord>();
  const t = text.replace(/\bgift ?cards?\b/gi, () => { found.add('gift_card'); return ' '; })
    .replace(/\boriginal (payment )?(method|methods|card|payment)\b/gi, () => { found.add('original'); return ' '; });
  if (/\bpay ?pal\b/i.test(t)) found.add('paypal');
  if (/\b(credit |debit )?card\b/i.test(t)) found.add('credit_card');
  return found.size === 1 ? [...found][0]! : null;
}

/** First name, last name and zip the ticket states; none or several different names → null. */
export function extractNameAndZip(text: string): { firstName: string; lastName: string; postalCode: string } | null {
  const zips = [...new Set([...text.matchAll(/\b(?:zip(?: code)?|postal code|[A-Z]{2})[:,]?\s+(\d{5})\b/g)].map((m) => m[1]!))];
  if (zips.length !== 1) return null;
  const N = "([A-Z][a-z'\\-]+)\\s+([A-Z][a-z'\\-]+)";
  const patterns = [
    new RegExp(`\\b(?:I'm|I am|this is|my name is|name is)\\s+${N}`, 'g'),
    new RegExp(`\\b${N}\\s+here\\b`, 'g'),
    new RegExp(`^(?:Hi|Hello|Hey|Dear \\w+)[!,.]?\\s+${N}\\b`, 'gm'),
    new RegExp(`^${N}[,.]`, 'gm'),
  ];
  const names = new Set<string>();
  for (const re of patterns) for (const m of text.matchAll(re)) names.add(`${m[1]} ${m[2]}`);
  if (names.size !== 1) return null;
  const [firstName, lastName] = [...names][0]!.split(' ') as [string, string];
  return { firstName, lastName, postalCode: zips[0]! };
}

const NEGATION = /\b(don'?t|do not|not|except|keep|keeping|apart from|other than|haven'?t)\b/i;

function mentions(sentence: string, name: string): boolean {
  const words = name.toLowerCase().split(/\s+/);
  const last = words.at(-1)!;
  const s = sentence.toLowerCase();
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b${esc(words.join(' '))}s?\\b`).test(s) || new RegExp(`\\b${esc(last)}(e?s)?\\b`).test(s);
}

/**
 * The order's line items the customer asks about: named (by the product name or its last word) in
 * a sentence without a negation. Two items of the same name mentioned → null (which one?).
 */
export function matchLineItems(text: string, items: readonly LineItem[]): string[] | null {
  const sentences = text.split(/(?<=[.!?;])\s+/);
  const wanted = items.filter((li) => sentences.some((s) => !NEGATION.test(s) && mentions(s, li.name)));
  const names = wanted.map((li) => li.name.toLowerCase());
  if (new Set(names).size !== names.length) return null;
  return wanted.length ? wanted.map((li) => li.id) : null;
}

/** The payment method the order was paid with (its first payment). */
export function originalPaymentMethodId(order: Order): string | null {
  return order.paymentHistory?.find((t) => t.type === 'payment')?.paymentMethodId ?? null;
}

/** Where a refund may go under τ²'s policy: the original method, or an existing gift card. */
export function resolveRefundMethod(word: RefundMethodWord | null, order: Order, methods: readonly PaymentMethod[]): string | null {
  const original = originalPaymentMethodId(order);
  if (!word) return null;
  if (word === 'original') return original;
  if (word === 'gift_card') {
    const cards = methods.filter((m) => m.type === 'gift_card');
    return cards.length === 1 ? cards[0]!.id : null;
  }
  const originalType = methods.find((m) => m.id === original)?.type ?? original?.replace(/_\d+$/, '');
  return originalType === word ? original : null;
}

export interface CustomerFactsInput {
  requester: HelpDeskUser;
  customer: Customer | null;
  verifiedBy: 'email' | 'name_zip' | null;
  /** The order the ticket is about (named, or the single candidate among the customer's orders). */
  order: Order | null;
  intent: string | null;
  text: string;
  ticket: { id: string; link: string };
  /** The catalog products of the order's named items (item changes and exchanges). */
  products?: Product[];
}

/** Intents that change an order's items to other variants: the pending order's, or an exchange of delivered ones. */
const ITEM_CHANGE_INTENTS = new Set(['modify_order_items', 'exchange_order']);

export function customerFacts(input: CustomerFactsInput, at: { zendesk: string; oms: string }): Fact[] {
  const { customer, order } = input;
  const facts: Fact[] = [];
  const add = (key: string, value: FactValue, ...citations: Citation[]) => facts.push({ key, value, citations });
  const tick: Citation = { system: 'zendesk', recordType: 'ticket', recordId: input.ticket.id, fields: ['description'], fetchedAt: at.zendesk, link: input.ticket.link };
  const req: Citation = { system: 'zendesk', recordType: 'user', recordId: input.requester.id, fields: ['email'], fetchedAt: at.zendesk, link: input.requester.link };
  const cust = (fields: string[]): Citation[] => (customer ? [{ system: 'oms', recordType: 'customer', recordId: customer.id, fields, fetchedAt: at.oms, link: customer.link }] : []);
  const ord = (fields: string[]): Citation => ({ system: 'oms', recordType: 'order', recordId: order!.id, fields, fetchedAt: at.oms, link: order!.link });

  const how = input.verifiedBy === 'email' ? req : tick;
  add('customer.id', customer?.id ?? null, how, ...cust(input.verifiedBy === 'email' ? ['id', 'email'] : ['id', 'first_name', 'last_name', 'default_address.postal_code']));
  add('customer.verifiedBy', input.verifiedBy, how, ...cust(['id']));
  // An address stated in a sentence ("… to 123 Elm St, Suite 4, Springfield, IL 62701, USA"); a
  // marked "New address:" line is read with the ticket (ticketFacts), not here.
  if (input.intent === 'change_address' || input.intent === 'change_default_address') {
    const a = parseStatedAddress(input.text);
    if (a) {
      add('address.new.line1', a.line1, tick);
      if (a.line2) add('address.new.line2', a.line2, tick);
      add('address.new.city', a.city, tick);
      if (a.state) add('address.new.state', a.state, tick);
      add('address.new.postalCode', a.postalCode, tick);
      add('address.new.country', a.country, tick);
    }
  }
  if (input.intent === 'change_default_address') add('customer.verified', !!customer && input.verifiedBy !== null, how, ...cust(['id']));
  if (!order) return facts;
  add('order.id', order.id, ord(['id']));
  add('order.status', order.status, ord(['status']));
  add('order.total', order.total, ord(['total']));
  add('customer.ownsOrder', !!customer && order.customer.id === customer.id, ord(['customer.id']), ...cust(['id']));
  if (input.intent === 'cancel_order') add('cancel.reason', extractCancelReason(input.text), tick);
  if (input.intent === 'return_order') {
    const items = matchLineItems(input.text, order.lineItems);
    add('return.lineItemIds', items, tick, ord(['line_items']));
    if (items) add('return.itemNames', items.map((id) => order.lineItems.find((li) => li.id === id)!.name), tick, ord(['line_items']));
    const refund = resolveRefundMethod(extractRefundMethod(input.text), order, customer?.paymentMethods ?? []);
    add('return.refundMethodId', refund, tick, ord(['payment_history']), ...cust(['payment_methods']));
  }
  if (input.intent === 'change_payment_method') {
    const method = resolvePaymentChoice(extractPaymentChoice(input.text), order, customer?.paymentMethods ?? []);
    add('payment.currentMethodId', currentPaymentMethodId(order), ord(['payment_history']));
    add('payment.newMethodId', method?.id ?? null, tick, ...cust(['payment_methods']));
    if (method) add('payment.newMethodType', method.type, ...cust(['payment_methods']));
    if (method?.balance) add('payment.newMethodBalance', method.balance, ...cust(['payment_methods.balance']));
  }
  if (input.intent && ITEM_CHANGE_INTENTS.has(input.intent)) {
    const prod = (input.products ?? []).map((p): Citation => ({ system: 'oms', recordType: 'product', recordId: p.id, fields: ['variants'], fetchedAt: at.oms }));
    const named = matchLineItems(input.text, order.lineItems);
    const changes = resolveItemChanges(input.text, order, named, input.products ?? []);
    add('items.lineItemIds', named, tick, ord(['line_items']));
    add('items.newSkus', changes?.newSkus ?? null, tick, ord(['line_items']), ...prod);
    if (changes) {
      add('items.names', changes.names, tick, ord(['line_items']));
      add('items.newVariants', changes.newVariants, tick, ...prod);
      add('items.allAvailable', changes.allAvailable, ...prod);
      add('items.priceDifference', changes.priceDifference, ord(['line_items']), ...prod);
      // What the store pays back when the new items cost less: money out, so it counts toward the limits.
      add('items.refundDue', { amount: Math.max(0, -changes.priceDifference.amount), currency: changes.priceDifference.currency }, ord(['line_items']), ...prod);
    }
    const method = resolvePaymentChoice(extractPaymentChoice(input.text), order, customer?.paymentMethods ?? []);
    add('items.paymentMethodId', method?.id ?? null, tick, ...cust(['payment_methods']));
    if (method) add('items.paymentMethodType', method.type, ...cust(['payment_methods']));
    if (method?.balance) add('items.paymentMethodBalance', method.balance, ...cust(['payment_methods.balance']));
  }
  return facts;
}

/** Which of the customer's orders a ticket without an order number is about; none or several → null. */
export function candidateOrder(intent: string | null, text: string, orders: readonly Order[]): Order | null {
  const named = (o: Order) => matchLineItems(text, o.lineItems) !== null;
  const fits = orders.filter((o) => {
    switch (intent) {
      case 'cancel_order': return o.status === 'pending';
      case 'return_order': case 'exchange_order': return o.status === 'delivered' && named(o);
      case 'change_address': case 'change_payment_method': return o.status === 'pending' || o.status === 'pending_items_modified';
      case 'modify_order_items': return o.status === 'pending' && named(o);
      default: return false;
    }
  });
  return fits.length === 1 ? fits[0]! : null;
}
