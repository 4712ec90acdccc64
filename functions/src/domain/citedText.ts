// "The summary and the reply draft may only state facts that carry a citation", enforced on what a
// model wrote. Each sentence comes with the fact ids it cites. A citation of an unknown fact is
// flagged (and dropped from the sentence). A sentence stating something factual (a number, money, a
// date, an order number, an email) with no valid citation is removed. A number in a cited sentence
// that appears in none of its cited facts' structured values is removed too (prose inside a fact —
// a name, a note — vouches for nothing). Numbers are compared as digit
// sequences, so "$45.50" matches 4550 (minor units) and "Nov 8" matches 2026-11-08. Pure.
import type { FactValue } from './evidence.js';

export interface CitedSentence {
  text: string;
  /** Fact ids, e.g. F3. */
  citations: string[];
}

export type CitationFlagReason = 'unknown_citation' | 'uncited_fact' | 'unsupported_number';

export interface CitationFlag {
  /** Position in the input list. */
  index: number;
  text: string;
  reason: CitationFlagReason;
  detail: string;
  removed: boolean;
}

export interface CheckedText {
  kept: CitedSentence[];
  flagged: CitationFlag[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/u;
/** A number as written: digits with thousands / decimal separators inside ("1,234.50", "45,50"). */
const NUMBER = /\d+(?:[.,\u00A0'\u202F]\d+)*/g;

/** Anything a reader would take as a checkable fact. */
export function hasFactualToken(text: string): boolean {
  return /\p{N}/u.test(text) || EMAIL.test(text);
}

/** Non-ASCII decimal digits (full-width, Arabic-Indic, Devanagari, Bengali) as ASCII. */
const ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6];
const ascii = (s: string) =>
  s.replace(/\p{Nd}/gu, (ch) => {
    const cp = ch.codePointAt(0)!;
    const zero = ZEROS.find((z) => cp >= z && cp < z + 10);
    return zero === undefined ? ch : String(cp - zero);
  });

/** Digit sequences of the numbers in a text, separators removed, leading zeros dropped. */
export function numbersIn(text: string): string[] {
  return [...ascii(text).matchAll(NUMBER)].map((m) => m[0].replace(/\D/g, '').replace(/^0+(?=\d)/, '')).filter((d) => d !== '');
}

/**
 * The numbers a fact can vouch for: those in its structured parts — numbers, amounts, dates, ids
 * (strings without spaces) — never those in prose (a name, an order note, an article, a tracking
 * description). Prose is where text an outsider wrote lives, so "$5,000" in a requester's name or a
 * planted note does not make a claim of $5,000 cited. A string holding JSON (a record a tool
 * fetched) is read as that JSON.
 */
export function vouchedNumbers(v: FactValue | unknown): string[] {
  if (typeof v === 'number') return numbersIn(String(v));
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return vouchedNumbers(JSON.parse(t) as unknown);
      } catch {
        // not JSON: a plain string
      }
    }
    return /\s/.test(t) ? [] : numbersIn(t);
  }
  if (Array.isArray(v)) return v.flatMap(vouchedNumbers);
  if (v && typeof v === 'object') return Object.values(v).flatMap(vouchedNumbers);
  return [];
}

/** True when the number appears among the facts' numbers: exactly, or as whole units of minor units (45 ↔ 4500). */
function supported(n: string, factNumbers: ReadonlySet<string>): boolean {
  return factNumbers.has(n) || factNumbers.has(`${n}00`);
}

export function enforceCitations(sentences: readonly CitedSentence[], facts: Readonly<Record<string, FactValue>>): CheckedText {
  const kept: CitedSentence[] = [];
  const flagged: CitationFlag[] = [];
  sentences.forEach((s, index) => {
    const unknown = s.citations.filter((c) => !(c in facts));
    const valid = [...new Set(s.citations.filter((c) => c in facts))];
    const factual = hasFactualToken(s.text);
    if (factual && valid.length === 0) {
      flagged.push({
        index,
        text: s.text,
        reason: unknown.length ? 'unknown_citation' : 'uncited_fact',
        detail: unknown.length ? `cites unknown facts ${unknown.join(', ')} and no known one` : 'states a fact without citing one',
        removed: true,
      });
      return;
    }
    if (unknown.length) flagged.push({ index, text: s.text, reason: 'unknown_citation', detail: `cites unknown facts ${unknown.join(', ')}`, removed: false });
    if (factual) {
      const factNumbers = new Set(valid.flatMap((id) => vouchedNumbers(facts[id]!)));
      const missing = numbersIn(s.text).filter((n) => !supported(n, factNumbers));
      if (missing.length) {
        flagged.push({ index, text: s.text, reason: 'unsupported_number', detail: `${missing.join(', ')} not in ${valid.join(', ')}`, removed: true });
        return;
      }
    }
    kept.push({ text: s.text, citations: valid });
  });
  return { kept, flagged };
}
