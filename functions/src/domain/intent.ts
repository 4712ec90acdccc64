// Deterministic understanding of a ticket: explicit signals (tags, form fields) first, then
// patterns on the text in en / es / pt. Ticket text is only ever matched, never followed.
// Two different intents, or none, is reported as such; the engine then asks or escalates.

export interface IntentInput {
  subject: string;
  body: string;
  tags: string[];
  /** Value of the ticket form's "case type" field, when the installation has one. */
  caseTypeField?: string | null;
}

export interface IntentResult {
  intent: string | null;
  /** Every intent that matched, when more than one did. */
  candidates: string[];
  source: 'field' | 'tag' | 'pattern' | 'none';
  orderIds: string[];
  emails: string[];
}

interface IntentRule {
  intent: string;
  tags: string[];
  patterns: RegExp[];
  /** Text that rules the intent out even when a pattern matches. */
  excludes?: RegExp[];
}

// A subscription, plan or membership named without any order: not an order cancellation.
const SUBSCRIPTION_NOT_ORDER =
  /^(?![\s\S]*\b(order|pedido|orden|encomenda|compra|ORD-\d+)\b)(?![\s\S]*#W\d{7})[\s\S]*\b(subscriptions?|membership|plan|plano|suscripci[oó]n|membres[ií]a|assinatura|mensalidade)\b/i;

// The customer's default address (on their account or profile), as opposed to an order's.
const DEFAULT_ADDRESS =
  /\bdefault (?:shipping |delivery |mailing )?address\b|\baddress (?:on|in|of|for) (?:my|the) (?:user )?(?:account|profile)\b|\b(?:account|profile)(?:'s)? (?:shipping |mailing )?address\b|\bdirecci[óo]n (?:predeterminada|por defecto|(?:de|en) mi (?:cuenta|perfil))(?![\p{L}])|\bendere[çc]o (?:padr[ãa]o|(?:da|na) minha conta|(?:do|no) meu perfil)(?![\p{L}])/iu;

// Moving a pending order's payment to another method.
const PAYMENT_CHANGE =
  /\b(change|switch|update|modify|move)\b[^.!?]{0,40}\bpayment( method)?\b|\b(cambiar|modificar|actualizar)\b[^.!?]{0,40}\b(m[ée]todo|forma|medio) de pago\b|\b(mudar|alterar|trocar|atualizar)\b[^.!?]{0,40}\b(forma|m[ée]todo|meio) de pagamento\b/iu;

const RULES: IntentRule[] = [
  {
    intent: 'subscription_cancellation',
    tags: ['cancel_subscription', 'cc_intent_subscription_cancellation'],
    patterns: [
      /\b(cancel\w*|end|stop|terminate)\b[^.!?]{0,40}\b(subscriptions?|membership|plan)\b/i,
      /\b(subscription|membership)\b[^.!?]{0,40}\bcancel\w*/i,
      /\b(cancelar|anular|dar(me)? de baja)\b[^.!?]{0,40}\b(suscripci[oó]n|membres[ií]a|plan)\b/i,
      /\b(baja|cancelaci[oó]n)\b[^.!?]{0,40}\b(suscripci[oó]n|membres[ií]a)\b/i,
      /\b(cancelar|encerrar)\b[^.!?]{0,40}\b(assinatura|plano|mensalidade)\b/i,
      /\bcancelamento\b[^.!?]{0,40}\b(assinatura|plano)\b/i,
    ],
  },
  {
    intent: 'plan_downgrade',
    tags: ['downgrade', 'cc_intent_plan_downgrade'],
    patterns: [
      /\bdowngrad\w*/i,
      /\b(switch|change|move)\b[^.!?]{0,40}\b(plan|tier)\b/i,
      /\b(cambiar|pasar|bajar)(me)?\b[^.!?]{0,40}\bplan\b/i,
      /\b(mudar|trocar|passar|rebaixar)\b[^.!?]{0,40}\bplano\b/i,
    ],
  },
  {
    intent: 'paid_but_locked',
    tags: ['account_locked', 'cc_intent_paid_but_locked'],
    patterns: [
      /\b(account|workspace|subscription)\b[^.!?]{0,40}\b(locked|suspended|disabled|blocked|deactivated)\b/i,
      /\bpaid\b[^.!?]{0,60}\b(locked|no access|can'?t (log ?in|access|use))\b/i,
      /\bcuenta\b[^.!?]{0,40}\b(bloquead[ao]|suspendid[ao]|desactivad[ao])\b/i,
      /\bconta\b[^.!?]{0,40}\b(bloquead[ao]|suspens[ao]|desativad[ao])\b/i,
    ],
  },
  {
    intent: 'cancel_order',
    tags: ['cancel_order', 'cc_intent_cancel_order'],
    patterns: [/\bcancel(l?ation|l?ed|l?ing|s)?\b/i, /\bcancel(ar|amento|e|en)\b/i, /\banular\b/i, /\bno longer (need|want)\b/i],
    excludes: [SUBSCRIPTION_NOT_ORDER],
  },
  {
    intent: 'late_delivery_refund',
    tags: ['late_delivery', 'cc_intent_late_delivery_refund'],
    patterns: [
      /\b(arrived|came|delivered|shipped)\b[^.!?]{0,40}\b(late|delayed)\b/i,
      /\b(late|delayed|overdue)\b[^.!?]{0,40}\b(order|delivery|package|parcel|shipment)\b/i,
      /\b(order|delivery|package|parcel|shipment)\b[^.!?]{0,40}\b(late|delayed|overdue)\b/i,
      /\b(days?|week) (late|after the promised)\b/i,
      /\b(lleg[óo]|entregad[oa])\b[^.!?]{0,40}\b(tarde|con retraso)\b/i,
      /\b(retraso|demora)\b/i,
      /\b(chegou|entregue)\b[^.!?]{0,40}\b(atrasad[oa]|com atraso)\b/i,
      /\batras(o|ad[oa])\b/i,
    ],
  },
  {
    intent: 'return_order',
    tags: ['return_request', 'cc_intent_return_order'],
    patterns: [
      // "return" as a request, not "returned to sender" nor "return my money" (a refund).
      /\breturn(ing)?\b(?!\s+(to sender|((the|my) )?(money|payment|funds|charge)))/i,
      /\bsend (it|them|this|these|the \w+) back\b/i,
      /\b(rma|return label)\b/i,
      /\bdevolver(lo|la|los|las)?\b(?![^.!?]{0,20}\b(dinero|dinheiro)\b)/i,
      /\bdevolu[cç](i[óo]n|[ãa]o)(?![\p{L}])(?![^.!?]{0,20}\b(dinero|dinheiro)\b)/iu,
      /\bdevolv[êe]-l[oa]s?(?![\p{L}])/iu,
    ],
  },
  {
    intent: 'change_default_address',
    tags: ['default_address_change', 'cc_intent_change_default_address'],
    patterns: [
      new RegExp(`\\b(change|update|set|make|correct|fix|edit|replace|modify|cambiar|actualizar|modificar|corregir|mudar|alterar|trocar|atualizar|corrigir)\\b[^.!?]{0,60}(?:${DEFAULT_ADDRESS.source})`, 'iu'),
    ],
  },
  {
    intent: 'change_payment_method',
    tags: ['payment_method_change', 'cc_intent_change_payment_method'],
    patterns: [PAYMENT_CHANGE, /\bpay(ing)? for (the|this|that|my) (whole |pending )?order (with|using|by|on)\b/i],
  },
  {
    intent: 'modify_order_items',
    tags: ['modify_items', 'cc_intent_modify_order_items'],
    patterns: [
      /\b(change|modify|switch|swap|exchang\w*)\b[^.!?]{0,80}\bpending order\b/i,
      /\bpending order\b[^.!?]{0,80}\b(change|modify|switch|swap)\b/i,
      /\b(change|modify|switch)\b[^.!?]{0,60}\b(to|for|into)\b[^.!?]{0,60}\b(size|colou?r|material|style|version|variant)\b/i,
      /\b(change|modify|switch)\b[^.!?]{0,40}\b(in|on|from) (my |the |that )?(pending )?order\b[^.!?]{0,30}\b(to|for|into)\b/i,
      /\b(change|modify)\b[^.!?]{0,20}\bitems?\b/i,
      /\b(cambiar|modificar)\b[^.!?]{0,60}\b(talla|color|tama[ñn]o)(?![\p{L}])/iu,
      /\b(mudar|trocar|alterar)\b[^.!?]{0,60}\b(tamanho|cor)\b/iu,
    ],
    // An order's address or payment, not its items.
    excludes: [/\baddress\b|\bdirecci[óo]n(?![\p{L}])|\bendere[çc]o(?![\p{L}])/iu, PAYMENT_CHANGE],
  },
  {
    intent: 'exchange_order',
    tags: ['exchange_request', 'cc_intent_exchange_order'],
    patterns: [
      /\bexchang(e|ed|es|ing)\b/i,
      /\bswap\w*\b[^.!?]{0,80}\b(received|arrived|delivered)\b/i,
      /\b(received|arrived|delivered)\b[^.!?]{0,80}\bswap\w*/i,
      /\b(cambiar|cambio)\b[^.!?]{0,60}\b(recib[ií]|lleg[óo]|entregad[oa])(?![\p{L}])/iu,
      /\b(trocar|troca)\b[^.!?]{0,60}\b(recebi|chegou|entregue)(?![\p{L}])/iu,
    ],
    // An order not delivered yet changes items by modification, not exchange.
    excludes: [/\bpending\b|\bpendiente\b|\bpendente\b/i],
  },
  {
    intent: 'change_address',
    tags: ['address_change', 'cc_intent_change_address'],
    patterns: [
      /\b(change|update|correct|fix|edit)\b[^.!?]{0,40}\b(shipping |delivery |mailing )?address\b/i,
      /\bnew (shipping |delivery )?address\b/i,
      /\b(gave|entered|put|typed|used) (the |a )?wrong (shipping |delivery )?address\b/i,
      /\b(cambiar|actualizar|corregir|modificar)\b[^.!?]{0,40}\bdirecci[óo]n(?![\p{L}])/iu,
      /\bnueva direcci[óo]n(?![\p{L}])/iu,
      /\b(mudar|alterar|trocar|atualizar|corrigir)\b[^.!?]{0,40}\bendere[çc]o(?![\p{L}])/iu,
      /\bnovo endere[çc]o(?![\p{L}])/iu,
    ],
    // "the address on my account" is the customer's default address, not an order's.
    excludes: [DEFAULT_ADDRESS],
  },
  {
    intent: 'where_is_my_order',
    tags: ['where_is_my_order', 'cc_intent_where_is_my_order'],
    patterns: [
      /\bwhere('?s| is| are)\b[^.!?]{0,30}\b(order|package|parcel|shipment|delivery)\b/i,
      /\b(track|tracking|status of)\b[^.!?]{0,20}\b(order|package|parcel|shipment)\b/i,
      /\b(order|package|parcel|shipment)\b[^.!?]{0,30}\b(hasn'?t|has not|still hasn'?t|not yet) (arrived|come|shipped|been delivered)\b/i,
      /\bd[óo]nde est[áa]n?(?![\p{L}])[^.!?]{0,30}\b(pedido|paquete|env[íi]o|orden|compra)/iu,
      /\b(no (me )?ha llegado|todav[íi]a no (me )?(ha )?llega(do)?|a[úu]n no (me )?(ha )?llega(do)?)(?![\p{L}])/iu,
      /\bseguimiento\b[^.!?]{0,30}\b(pedido|paquete|env[íi]o)/iu,
      /\bonde est[áa](o)?(?![\p{L}])[^.!?]{0,30}\b(pedido|pacote|encomenda|entrega|compra)/iu,
      /\b(ainda )?n[ãa]o (chegou|recebi)(?![\p{L}])/iu,
      /\brastre(amento|ar)\b/i,
    ],
  },
  {
    // Opened by Case Closer's proactive outreach (tag); the customer's choice then decides.
    intent: 'shipping_delay',
    tags: ['cc_intent_shipping_delay'],
    patterns: [],
  },
];

const ORDER_ID = /\b(ORD-\d{3,})\b|(#W\d{7})\b/gi;
/** A ticket tagged `cc_order_<id>` (normalised by the help desk: lower case) names that order. */
const ORDER_TAG = 'cc_order_';
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;

export function extractOrderIds(text: string): string[] {
  return [...new Set([...text.matchAll(ORDER_ID)].map((m) => (m[1] ?? m[2] ?? '').toUpperCase()))];
}

export function detectIntent(input: IntentInput): IntentResult {
  const text = `${input.subject}\n${input.body}`;
  const tagged = input.tags.filter((t) => t.startsWith(ORDER_TAG)).flatMap((t) => extractOrderIds(t.slice(ORDER_TAG.length)));
  const orderIds = [...new Set([...tagged, ...extractOrderIds(text)])];
  const emails = [...new Set([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()))];
  const base = { orderIds, emails };

  if (input.caseTypeField && RULES.some((r) => r.intent === input.caseTypeField)) {
    return { ...base, intent: input.caseTypeField, candidates: [input.caseTypeField], source: 'field' };
  }
  const byTag = RULES.filter((r) => r.tags.some((t) => input.tags.includes(t))).map((r) => r.intent);
  if (byTag.length === 1) return { ...base, intent: byTag[0]!, candidates: byTag, source: 'tag' };

  const byPattern = patternIntents(text);
  if (byPattern.length === 1) return { ...base, intent: byPattern[0]!, candidates: byPattern, source: 'pattern' };
  return { ...base, intent: null, candidates: byPattern, source: byPattern.length ? 'pattern' : 'none' };
}

/** The intents whose text patterns match (and are not ruled out), in rule order. */
export function patternIntents(text: string): string[] {
  return RULES.filter((r) => r.patterns.some((p) => p.test(text)) && !(r.excludes ?? []).some((p) => p.test(text))).map((r) => r.intent);
}

/** Maps a help-desk locale ("es-ES", "pt-BR", "en-US") to one the app ships. */
export function supportedLocale(locale: string | null | undefined): 'en' | 'es' | 'pt-BR' {
  const l = (locale ?? 'en').toLowerCase();
  if (l.startsWith('pt')) return 'pt-BR';
  if (l.startsWith('es')) return 'es';
  return 'en';
}
