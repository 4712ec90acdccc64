// Shipping delays: which shipment is delayed, the key that makes each delay contacted once, the
// tags of a proactive ticket, and the customer's choice (cancel or wait) from their own replies.
// Pure. Ticket text is only ever matched, never followed.

/** The parts of an order-system shipment and order (ports/OrderSystem.ts) the rules read. */
interface Shipment {
  id: string;
  status: string;
  promisedDeliveryAt: string | null;
  deliveredAt: string | null;
  estimatedDeliveryAt?: string | null;
}
interface Order<S extends Shipment = Shipment> {
  status: string;
  shipments: S[];
}

/** Tags of a ticket Case Closer opened itself, and of its intent. */
export const PROACTIVE_TAG = 'cc_proactive';
export const SHIPPING_DELAY_TAG = 'cc_intent_shipping_delay';
export const SHIPPING_DELAY_INTENT = 'shipping_delay';
/** The intent a delay case takes once the customer chose to cancel (playbook shipping_delay_cancel). */
export const SHIPPING_DELAY_CANCEL_INTENT = 'shipping_delay_cancel';

/** docs/oms-api.md: not delivered, and the carrier's current ETA is after the promised date. */
export function isDelayed(s: Shipment): boolean {
  if (s.status === 'delivered' || s.status === 'returned' || s.deliveredAt) return false;
  if (!s.estimatedDeliveryAt || !s.promisedDeliveryAt) return false;
  return Date.parse(s.estimatedDeliveryAt) > Date.parse(s.promisedDeliveryAt);
}

/** The order's delayed shipment that arrives last (the one the customer waits for), or null. */
export function delayedShipment<S extends Shipment>(order: Order<S>): S | null {
  if (order.status === 'cancelled') return null;
  const delayed = order.shipments.filter(isDelayed);
  delayed.sort((a, b) => Date.parse(b.estimatedDeliveryAt!) - Date.parse(a.estimatedDeliveryAt!) || a.id.localeCompare(b.id));
  return delayed[0] ?? null;
}

/**
 * One outreach per delayed shipment and ETA: the same delay is never contacted twice, and a later
 * slip (a new ETA) is a new delay the customer hears about.
 */
export function outreachKey(orderId: string, shipmentId: string, eta: string): string {
  return `delay:${orderId}:${shipmentId}:${new Date(Date.parse(eta)).toISOString()}`;
}

/** Zendesk lower-cases tags and splits them at whitespace; intent.ts reads the id back. */
export function orderTag(orderId: string): string {
  return `cc_order_${orderId.toLowerCase().replace(/\s+/g, '_')}`;
}

export type DelayChoice = 'cancel' | 'wait';

// "don't cancel", "no lo canceles", "não cancele": a wish to wait, not to cancel.
const NEGATED_CANCEL = /\b(?:don'?t|do not|please don'?t|no|not|never|n[ãa]o|nao)\s+(?:\p{L}+\s+){0,2}?canc[eé]l\p{L}*/giu;
// "I don't want to wait", "prefiero no esperar", "não quero esperar": not a wish to wait.
const NEGATED_WAIT = /\b(?:don'?t|do not|not|no|n[ãa]o|nao|never|nunca)\s+(?:\p{L}+\s+){0,2}?(?:wait|esper\p{L}*|aguard\p{L}*)/giu;
const CANCEL = [/\bcanc[eé]l\p{L}*/iu, /\ban[uú]l[aeá]\p{L}*/iu];
const WAIT = [
  /\bwait\b/iu,
  /\bkeep (?:it|the order|my order|them|waiting)\b/iu,
  /\b(?:esperar|espero|esperar[ée]|esperamos|me lo quedo|lo mantengo|mantener el pedido)(?![\p{L}])/iu,
  /\b(?:aguardar|aguardo|vou aguardar|vou esperar|fico com|manter o pedido|pode manter)(?![\p{L}])/iu,
];

/**
 * What the customer chose in their own words: `cancel`, `wait`, or null when they said neither or
 * both ("should I wait or cancel?"). Pass only text the customer wrote.
 */
export function delayChoice(customerText: string): DelayChoice | null {
  const negated = NEGATED_CANCEL.test(customerText);
  NEGATED_CANCEL.lastIndex = 0;
  const rest = customerText.replace(NEGATED_CANCEL, ' ').replace(NEGATED_WAIT, ' ');
  const cancel = CANCEL.some((p) => p.test(rest));
  const wait = negated || WAIT.some((p) => p.test(rest));
  if (cancel === wait) return null;
  return cancel ? 'cancel' : 'wait';
}
