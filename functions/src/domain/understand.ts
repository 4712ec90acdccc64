// The deterministic reader: from a ticket to the requests it holds. Explicit signals (form field,
// tags) name one request; otherwise the text is cut into clauses and each clause's intent is
// matched, so "cancel #W1. Also, where is #W2?" becomes two requests and "exchange it; if you
// can't, return it" a request with a fallback. A clause that asks for two things at once, or two
// intents the clauses cannot separate, stay ambiguous: the engine asks instead of guessing.
import { detectIntent, extractOrderIds, patternIntents, type IntentInput, type IntentResult } from './intent.js';
import type { CaseRequest, Entities, Understanding } from './requests.js';

// "if you can't, …", "otherwise …": what follows replaces the request before it when that is refused.
const CONDITION_LEAD =
  /^\s*(?:if (?:you |that |it |this )?(?:can'?t|cannot|can not|are unable to|aren'?t able to|isn'?t possible|is not possible|(?:is|'s) not possible)|if not(?: possible)?|si no (?:se )?(?:puede|pueden|es posible|pueden hacerlo)|si no es posible|se n[ãa]o (?:for poss[íi]vel|puder|der|conseguirem|conseguir))\b[^,;:]*[,;:]\s*/iu;
const CONDITION_SPLIT =
  /[,;]?\s+\b(?:otherwise|failing that|or else|if not,?|de lo contrario|si no,?|sino|caso contr[áa]rio|sen[ãa]o)(?![\p{L}])[,:]?\s*/iu;
const AND_SPLIT = /[,;]?\s+\b(?:and also|and then|and|also|plus|additionally|y también|y además|además|y|e também|além disso|também|e)\s+/iu;

interface Clause {
  text: string;
  intent: string | null;
  conditional: boolean;
}

/** The text's sentences, each once: the description also comes back as the first public comment. */
function sentences(text: string): string[] {
  return [...new Set(text.split(/(?<=[.!?;])\s+|\n+/).map((s) => s.trim()).filter(Boolean))];
}

/** One sentence as clauses with at most one intent each; null when it asks for two things at once. */
function clausesOf(sentence: string): Clause[] | null {
  let rest = sentence;
  let conditional = false;
  const lead = CONDITION_LEAD.exec(rest);
  if (lead) {
    conditional = true;
    rest = rest.slice(lead[0].length);
  }
  const parts: { text: string; conditional: boolean }[] = [];
  const split = rest.split(CONDITION_SPLIT);
  split.forEach((t, i) => parts.push({ text: t, conditional: i === 0 ? conditional : true }));
  const out: Clause[] = [];
  for (const part of parts) {
    const intents = patternIntents(part.text);
    if (intents.length <= 1) {
      out.push({ text: part.text, intent: intents[0] ?? null, conditional: part.conditional });
      continue;
    }
    // Two intents in one clause: only separable at a conjunction, each side with one intent.
    const pieces = part.text.split(AND_SPLIT).map((t) => ({ t, i: patternIntents(t) }));
    if (pieces.some((p) => p.i.length > 1)) return null;
    pieces.forEach((p, k) => out.push({ text: p.t, intent: p.i[0] ?? null, conditional: k === 0 ? part.conditional : false }));
  }
  return out;
}

/** Several requests in one text, or null when the text cannot be separated unambiguously. */
export function splitRequests(text: string, now: Date): CaseRequest[] | null {
  const clauses: Clause[] = [];
  for (const s of sentences(text)) {
    const c = clausesOf(s);
    if (!c) return null;
    clauses.push(...c);
  }
  const shared = clauses.filter((c) => !c.intent).map((c) => c.text);
  const allIds = extractOrderIds(text);
  const groups: { intent: string; clauses: string[]; ids: string[]; conditional: boolean }[] = [];
  for (const c of clauses) {
    if (!c.intent) continue;
    const ids = extractOrderIds(c.text);
    const last = groups.at(-1);
    const sameAsLast = last && last.intent === c.intent && !c.conditional && (ids.length === 0 || ids.every((id) => last.ids.includes(id)) || last.ids.length === 0);
    if (sameAsLast) {
      last.clauses.push(c.text);
      for (const id of ids) if (!last.ids.includes(id)) last.ids.push(id);
    } else {
      groups.push({ intent: c.intent, clauses: [c.text], ids, conditional: c.conditional });
    }
  }
  if (groups.length === 0) return null;
  return groups.map((g, i) => {
    const ownText = [...g.clauses, ...shared].join(' ');
    return {
      intent: g.intent,
      orderIds: g.ids.length ? g.ids : allIds.length === 1 ? allIds : [],
      text: ownText,
      fallbackFor: g.conditional && i > 0 ? i - 1 : null,
      entities: extractEntities(ownText, now),
    };
  });
}

/** One request per order when one intent names several orders in the clauses that ask for it. */
function perOrder(intent: string, text: string, now: Date): CaseRequest[] | null {
  const asking = sentences(text).filter((s) => patternIntents(s).includes(intent));
  const ids = extractOrderIds(asking.join(' '));
  if (ids.length < 2) return null;
  const others = sentences(text).filter((s) => extractOrderIds(s).length === 0);
  return ids.map((id) => {
    const own = sentences(text).filter((s) => extractOrderIds(s).includes(id));
    const t = [...own, ...others].join(' ');
    return { intent, orderIds: [id], text: t, fallbackFor: null, entities: extractEntities(t, now) };
  });
}

/** `detected`: the reader's result for the same input, when the caller already has it. */
export function understandTicket(input: IntentInput & { now: Date }, detected?: IntentResult): Understanding {
  const r = detected ?? detectIntent(input);
  const text = `${input.subject}\n${input.body}`;
  if (r.intent) {
    const split = r.source === 'pattern' ? perOrder(r.intent, input.body, input.now) : null;
    if (split) return { path: 'deterministic', requests: split, candidates: [r.intent], source: r.source };
    return {
      path: 'deterministic',
      requests: [{ intent: r.intent, orderIds: r.orderIds, text, fallbackFor: null, entities: extractEntities(text, input.now) }],
      candidates: r.candidates,
      source: r.source,
    };
  }
  if (r.candidates.length > 1 && r.source === 'pattern') {
    // The subject often names both requests ("Return and cancel"); the body says which is which.
    const split = splitRequests(input.body, input.now);
    const intents = new Set(split?.map((q) => q.intent));
    if (split && split.length > 1 && intents.size > 1) return { path: 'deterministic', requests: split, candidates: [...intents], source: 'pattern' };
  }
  return { path: 'deterministic', requests: [], candidates: r.candidates, source: r.source };
}

// ---------------------------------------------------------------------------------------------
// Entities: amounts and dates the customer states. Data only: they become cited facts, never
// amounts to act on (an amount to refund always comes from the systems of record and the policy).

const CURRENCY_SIGNS: Record<string, string> = { $: 'usd', 'us$': 'usd', usd: 'usd', '€': 'eur', eur: 'eur', '£': 'gbp', gbp: 'gbp', 'r$': 'brl', brl: 'brl', 'mx$': 'mxn', mxn: 'mxn' };

function minorUnits(num: string): number | null {
  // "1,234.50", "1.234,50", "45,5", "45": the last separator followed by 1–2 digits is the decimal one.
  const m = /^(\d{1,3}(?:[.,\s]\d{3})*|\d+)(?:([.,])(\d{1,2}))?$/.exec(num);
  if (!m) return null;
  const whole = Number(m[1]!.replace(/[.,\s]/g, ''));
  const cents = m[3] ? Number(m[3].padEnd(2, '0')) : 0;
  return whole * 100 + cents;
}

export function extractAmounts(text: string): Entities['amounts'] {
  const out: Entities['amounts'] = [];
  const seen = new Set<string>();
  const push = (sign: string, num: string) => {
    const currency = CURRENCY_SIGNS[sign.toLowerCase().replace(/\s/g, '')];
    const amount = minorUnits(num);
    if (!currency || amount === null) return;
    const k = `${amount}:${currency}`;
    if (!seen.has(k)) { seen.add(k); out.push({ amount, currency }); }
  };
  const NUM = '(\\d{1,3}(?:[.,]\\d{3})*(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)';
  for (const m of text.matchAll(new RegExp(`(US\\$|R\\$|MX\\$|\\$|€|£)\\s?${NUM}`, 'gi'))) push(m[1]!, m[2]!);
  for (const m of text.matchAll(new RegExp(`${NUM}\\s?(US\\$|R\\$|€|USD|EUR|GBP|BRL|MXN|dollars?|d[óo]lares|euros?|reais|reales)(?![A-Za-z])`, 'gi'))) {
    const word = m[2]!.toLowerCase();
    push(/^d[oó]l|^usd|dollar/.test(word) ? 'usd' : /^eur|€/.test(word) ? 'eur' : /^rea/.test(word) ? 'brl' : word, m[1]!);
  }
  for (const m of text.matchAll(new RegExp(`\\b(USD|EUR|GBP|BRL|MXN)\\s?${NUM}`, 'g'))) push(m[1]!, m[2]!);
  return out;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  janeiro: 1, fevereiro: 2, 'março': 3, marco: 3, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10, novembro: 11, dezembro: 12,
};

function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/**
 * Dates as YYYY-MM-DD: ISO, "November 20(, 2026)", "20 November", "20 de noviembre (de 2026)", and
 * numeric d/m/y when the day is above 12 or the writer's order is known (`dayFirst`); a numeric date
 * that could be either is left out rather than guessed. A date without a year takes the year that
 * puts it closest to `now`.
 */
export function extractDates(text: string, now: Date, dayFirst: boolean | null = null): string[] {
  const out = new Set<string>();
  const year = (y: string | undefined, m: number, d: number): number => {
    if (y) return Number(y.length === 2 ? `20${y}` : y);
    const cands = [now.getUTCFullYear() - 1, now.getUTCFullYear(), now.getUTCFullYear() + 1];
    return cands.reduce((best, c) => (Math.abs(Date.UTC(c, m - 1, d) - now.getTime()) < Math.abs(Date.UTC(best, m - 1, d) - now.getTime()) ? c : best));
  };
  const add = (y: string | undefined, m: number | undefined, d: number) => {
    if (!m) return;
    const iso = isoDate(year(y, m, d), m, d);
    if (iso) out.add(iso);
  };
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) add(m[1], Number(m[2]), Number(m[3]));
  const MONTH = '([A-Za-zçÇ]{3,10})\\.?';
  for (const m of text.matchAll(new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'g'))) add(m[3], MONTHS[m[1]!.toLowerCase()], Number(m[2]));
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:de\\s+|of\\s+)?${MONTH}(?:,?\\s+(?:de\\s+)?(\\d{4}))?`, 'g'))) add(m[3], MONTHS[m[2]!.toLowerCase()], Number(m[1]));
  for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b/g)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const dFirst = a > 12 ? true : b > 12 ? false : dayFirst;
    if (dFirst === null) continue;
    add(m[3], dFirst ? b : a, dFirst ? a : b);
  }
  return [...out];
}

export function extractEntities(text: string, now: Date, dayFirst: boolean | null = null): Entities {
  return { amounts: extractAmounts(text), dates: extractDates(text, now, dayFirst) };
}
