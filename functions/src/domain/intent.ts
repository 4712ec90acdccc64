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
}

const RULES: IntentRule[] = [
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

  const byPattern = RULES.filter((r) => r.patterns.some((p) => p.test(text))).map((r) => r.intent);
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
