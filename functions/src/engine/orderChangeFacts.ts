// τ²-retail order changes read from the customer's words, as pure functions over what the OMS
// returned: which payment method they name (for a pending order's payment, or for settling a price
// difference), and which variant of the same product each named item should become. Anything
// ambiguous — two methods, two values of one option, no variant with exactly those options — is
// null, so the playbook asks the customer instead of guessing.
import type { Money } from '../domain/money.js';
import type { LineItem, Order, PaymentMethod, Product, ProductVariant } from '../ports/OrderSystem.js';

export type PaymentWord = 'gift_card' | 'paypal' | 'credit_card' | 'original';
export interface PaymentChoice {
  type: PaymentWord;
  /** "ending in 1234", for a card. */
  lastFour: string | null;
}

const METHOD = /\b(gift ?cards?)\b|\b(pay ?pal)\b|\b(original (?:payment )?(?:method|card|payment))\b|\b((?:visa|mastercard|amex|discover)(?: (?:credit |debit )?card)?|(?:credit |debit )?card(?: on file)?)\b(?: ending (?:in|with) (\d{4})\b)?/gi;
/** A method named as the one being replaced ("from my card to …", "instead of PayPal"). */
const SOURCE_BEFORE = /\b(from|instead of|rather than|not|than|currently on|paid (?:with|by|on))\s+(?:my |the |your |a |an )?(?:\w+ )?$/i;

/** The payment method the customer wants to use; two different ones (or none) → null. */
export function extractPaymentChoice(text: string): PaymentChoice | null {
  const found = new Map<string, PaymentChoice>();
  for (const m of text.matchAll(METHOD)) {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    if (SOURCE_BEFORE.test(before)) continue;
    const type: PaymentWord = m[1] ? 'gift_card' : m[2] ? 'paypal' : m[3] ? 'original' : 'credit_card';
    const choice = { type, lastFour: m[5] ?? null };
    found.set(`${type}:${choice.lastFour ?? ''}`, choice);
  }
  const choices = [...found.values()];
  const types = new Set(choices.map((c) => c.type));
  if (types.size !== 1) return null;
  const fours = new Set(choices.map((c) => c.lastFour).filter((f): f is string => f !== null));
  if (fours.size > 1) return null;
  return { type: choices[0]!.type, lastFour: [...fours][0] ?? null };
}

/** The method the order is paid with now: its latest payment. */
export function currentPaymentMethodId(order: Order): string | null {
  return (order.paymentHistory ?? []).filter((t) => t.type === 'payment').at(-1)?.paymentMethodId ?? null;
}

/** The customer's one method of that kind (a card by its last four when given); none or several → null. */
export function resolvePaymentChoice(choice: PaymentChoice | null, order: Order, methods: readonly PaymentMethod[]): PaymentMethod | null {
  if (!choice) return null;
  if (choice.type === 'original') {
    const original = (order.paymentHistory ?? []).find((t) => t.type === 'payment')?.paymentMethodId;
    return methods.find((m) => m.id === original) ?? null;
  }
  const fits = methods.filter((m) => m.type === choice.type && (!choice.lastFour || m.lastFour === choice.lastFour));
  return fits.length === 1 ? fits[0]! : null;
}

const NEGATION = /\b(don'?t|do not|not|except|keep|keeping|apart from|other than|haven'?t)\b/i;
const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the item is named in the sentence (its full name, else its last word), or -1. */
function mentionAt(sentence: string, name: string): { index: number; length: number } | null {
  const words = name.toLowerCase().split(/\s+/);
  for (const phrase of [words.join(' '), words.at(-1)!]) {
    const m = new RegExp(`\\b${esc(phrase)}(e?s)?\\b`, 'i').exec(sentence);
    if (m) return { index: m.index, length: m[0].length };
  }
  return null;
}

/**
 * The words describing what the item should become: in each sentence naming it (without a
 * negation), what follows the first "for" / "to" / "into" after its name, up to the next item named.
 */
export function targetSegments(text: string, item: LineItem, otherNames: readonly string[]): string[] {
  const out: string[] = [];
  for (const sentence of text.split(/(?<=[.!?;])\s+|\n+/)) {
    if (NEGATION.test(sentence)) continue;
    const at = mentionAt(sentence, item.name);
    if (!at) continue;
    const rest = sentence.slice(at.index + at.length);
    const conn = /\b(for|to|into)\b/i.exec(rest);
    if (!conn) continue;
    let segment = rest.slice(conn.index + conn[0].length);
    for (const other of otherNames) {
      const o = mentionAt(segment, other);
      if (o) segment = segment.slice(0, o.index);
    }
    out.push(segment);
  }
  return out;
}

/** A pattern for an option value in free text: "4 hours" also as "4-hour", "full size" as "full-size". */
function valuePatterns(key: string, value: string): RegExp[] {
  // A plural word also matches its singular ("4 hours" as "4-hour"); "S" or "glass" stay as they are.
  const tokens = value.trim().split(/[\s-]+/).map((t) => (/^[a-z]{3,}[^s]s$/.test(t) ? `${esc(t.slice(0, -1))}s?` : esc(t)));
  const body = tokens.join('[\\s-]+');
  // S, M, XL…: only in capitals, so "it's" is not a size S.
  const flags = /^[A-Z]{1,3}$/.test(value) ? 'g' : 'gi';
  const patterns = [new RegExp(`(?<![\\w-])${body}(?![\\w-])`, flags)];
  // "not resistant" / "none" / "no" as "no water resistance", "without backlight".
  if (/^(no|none|not\b.*|non\b.*)$/i.test(value.trim())) {
    const k = key.trim().split(/\s+/).map(esc).join('[\\s-]+');
    patterns.push(new RegExp(`\\b(?:no|without(?: an?)?|non)[\\s-]+${k}\\b`, 'gi'));
  }
  return patterns;
}

/** The option values a text names, per option, longest values first (so "full size" is not also "size"). */
export function namedOptionValues(segment: string, product: Product): Record<string, string[]> {
  const values: { key: string; value: string }[] = [];
  for (const v of product.variants) for (const [key, value] of Object.entries(v.options)) {
    if (!values.some((x) => x.key === key && x.value === value)) values.push({ key, value });
  }
  values.sort((a, b) => b.value.length - a.value.length);
  let rest = segment;
  const named: Record<string, string[]> = {};
  for (const { key, value } of values) {
    let hit = false;
    for (const re of valuePatterns(key, value)) {
      rest = rest.replace(re, (m) => { hit = true; return ' '.repeat(m.length); });
    }
    if (hit) (named[key] ??= []).push(value);
  }
  return named;
}

/**
 * The variant the customer asks the item to become: the item's current options with the values they
 * name; exactly one variant of the product must have those options, and it must not be the item
 * itself. No value named, two values of one option, or no such variant → null.
 */
export function resolveTargetVariant(text: string, item: LineItem, product: Product, otherNames: readonly string[] = []): ProductVariant | null {
  if (!item.options || item.productId !== product.id) return null;
  const named: Record<string, Set<string>> = {};
  for (const segment of targetSegments(text, item, otherNames)) {
    for (const [key, vals] of Object.entries(namedOptionValues(segment, product))) for (const v of vals) (named[key] ??= new Set()).add(v);
  }
  const keys = Object.keys(named);
  if (keys.length === 0 || keys.some((k) => named[k]!.size !== 1)) return null;
  const wanted: Record<string, string> = { ...item.options };
  for (const k of keys) wanted[k] = [...named[k]!][0]!;
  const fits = product.variants.filter((v) => {
    const ks = Object.keys(v.options);
    return ks.length === Object.keys(wanted).length && ks.every((k) => v.options[k] === wanted[k]);
  });
  if (fits.length !== 1 || fits[0]!.sku === item.sku) return null;
  return fits[0]!;
}

export interface ItemChanges {
  lineItemIds: string[];
  names: string[];
  newSkus: string[];
  /** "Fleece Jacket (size L, color red, zipper half)". */
  newVariants: string[];
  allAvailable: boolean;
  /** New prices minus old prices; negative means money back. */
  priceDifference: Money;
}

/** Each item named (as matchLineItems finds them) with the variant it should become; any unresolved → null. */
export function resolveItemChanges(text: string, order: Order, lineItemIds: readonly string[] | null, products: readonly Product[]): ItemChanges | null {
  if (!lineItemIds || lineItemIds.length === 0) return null;
  const items = lineItemIds.map((id) => order.lineItems.find((li) => li.id === id));
  if (items.some((li) => !li)) return null;
  const names = (items as LineItem[]).map((li) => li.name);
  const out: ItemChanges = { lineItemIds: [...lineItemIds], names, newSkus: [], newVariants: [], allAvailable: true, priceDifference: { amount: 0, currency: order.total.currency } };
  for (const li of items as LineItem[]) {
    const product = products.find((p) => p.id === li.productId);
    const variant = product ? resolveTargetVariant(text, li, product, names.filter((n) => n !== li.name)) : null;
    if (!variant || variant.price.currency !== order.total.currency) return null;
    out.newSkus.push(variant.sku);
    out.newVariants.push(`${li.name} (${Object.entries(variant.options).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    out.allAvailable &&= variant.available;
    out.priceDifference.amount += (variant.price.amount - li.unitPrice.amount) * li.quantity;
  }
  return out;
}
