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
];

const ORDER_ID = /\b(ORD-\d{3,})\b|(#W\d{7})\b/gi;
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;

export function extractOrderIds(text: string): string[] {
  return [...new Set([...text.matchAll(ORDER_ID)].map((m) => (m[1] ?? m[2] ?? '').toUpperCase()))];
}

export function detectIntent(input: IntentInput): IntentResult {
  const text = `${input.subject}\n${input.body}`;
  const orderIds = extractOrderIds(text);
  const emails = [...new Set([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()))];
  const base = { orderIds, emails };

  if (input.caseTypeField && RULES.some((r) => r.intent === input.caseTypeField)) {
    return { ...base, intent: input.caseTypeField, candidates: [input.caseTypeField], source: 'field' };
  }
  const byTag = RULES.filter((r) => r.tags.some((t) => input.tags.includes(t))).map((r) => r.intent);
  if (byTag.length === 1) return { ...base, intent: byTag[0]!, candidates: byTag, source: 'tag' };

  const byPattern = RULES.filter((r) => r.patterns.some((p) => p.test(text)) && !(r.excludes ?? []).some((p) => p.test(text))).map((r) => r.intent);
  if (byPattern.length === 1) return { ...base, intent: byPattern[0]!, candidates: byPattern, source: 'pattern' };
  return { ...base, intent: null, candidates: byPattern, source: byPattern.length ? 'pattern' : 'none' };
}

/** Maps a help-desk locale ("es-ES", "pt-BR", "en-US") to one the app ships. */
export function supportedLocale(locale: string | null | undefined): 'en' | 'es' | 'pt-BR' {
  const l = (locale ?? 'en').toLowerCase();
  if (l.startsWith('pt')) return 'pt-BR';
  if (l.startsWith('es')) return 'es';
  return 'en';
}
