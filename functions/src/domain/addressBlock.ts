// Reads a new shipping address from a clearly marked line of ticket text, and nothing else:
//   New address: 742 Evergreen Terrace, Apt 2, Springfield, IL 62704, US
//   Nueva dirección: … / Novo endereço: …
// Parts are comma-separated: line1, optional line2, city, "[state] postal code", country. Anything
// that does not fit exactly (a missing part, two different marked addresses, an unknown country)
// gives null: the address is then asked for, never guessed. Pure.

export interface ParsedAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
}

const MARKER = /(?:^|\n)[ \t>*-]*(?:new (?:shipping |delivery )?address|nueva direcci[óo]n(?: de env[íi]o| de entrega)?|novo endere[çc]o(?: de entrega| de envio)?)[ \t]*:[ \t]*([^\n]*)/gi;

const COUNTRY_NAMES: Record<string, string> = {
  usa: 'US', 'united states': 'US', 'united states of america': 'US', 'estados unidos': 'US', 'eua': 'US',
  brasil: 'BR', brazil: 'BR', 'españa': 'ES', espana: 'ES', spain: 'ES', 'méxico': 'MX', mexico: 'MX',
  portugal: 'PT', canada: 'CA', 'canadá': 'CA', 'united kingdom': 'GB', uk: 'GB',
};

function country(raw: string): string | null {
  const v = raw.trim().replace(/\.$/, '');
  if (/^[A-Za-z]{2}$/.test(v)) return v.toUpperCase();
  return COUNTRY_NAMES[v.toLowerCase()] ?? null;
}

/** "IL 62704", "SP 01310-100", "62704": an optional state, then a postal code with a digit. */
function stateAndPostal(raw: string): { state: string | null; postalCode: string } | null {
  const m = /^(?:([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .]{0,30}?)\s+)?([A-Za-z0-9][A-Za-z0-9 -]{1,9})$/.exec(raw.trim());
  if (!m || !/\d/.test(m[2]!)) return null;
  return { state: m[1]?.trim() || null, postalCode: m[2]!.trim() };
}

function parseLine(line: string): ParsedAddress | null {
  const parts = line.trim().replace(/[.;]\s*$/, '').split(',').map((p) => p.trim());
  if (parts.length < 4 || parts.length > 5 || parts.some((p) => p.length === 0 || p.length > 100)) return null;
  const c = country(parts[parts.length - 1]!);
  const sp = stateAndPostal(parts[parts.length - 2]!);
  if (!c || !sp) return null;
  const [line1, ...rest] = parts.slice(0, -2);
  const city = rest.pop()!;
  return { line1: line1!, line2: rest[0] ?? null, city, state: sp.state, postalCode: sp.postalCode, country: c };
}

export function parseAddressBlock(text: string): ParsedAddress | null {
  const found = [...text.matchAll(MARKER)].map((m) => m[1] ?? '');
  if (found.length === 0) return null;
  const parsed = found.map(parseLine);
  if (parsed.some((p) => p === null)) return null;
  const first = parsed[0]!;
  // The same address repeated (a follow-up quoting it) is fine; two different ones are not.
  return parsed.every((p) => JSON.stringify(p) === JSON.stringify(first)) ? first : null;
}

/**
 * An address stated in a sentence the way τ² customers write it, after "to" or "is":
 *   "change the shipping address of #W1234567 to 123 Elm St, Suite 4, Springfield, IL 62701, USA."
 * Every stretch that starts like an address (a house number, a word, a comma) must parse exactly as
 * a marked line does, and all of them must be the same address; otherwise null (ask, never guess).
 * A ticket with a marked "New address:" line is left to parseAddressBlock.
 */
export function parseStatedAddress(text: string): ParsedAddress | null {
  if ([...text.matchAll(MARKER)].length > 0) return null;
  const found: (ParsedAddress | null)[] = [];
  for (const m of text.matchAll(/\b(?:to|is)\s+(\d+[A-Za-z]?\s+[^,\n]*,[^\n]*)/gi)) {
    const stretch = m[1]!.split(/[!?]|\.(?=\s|$)/)[0]!;
    found.push(parseLine(stretch));
  }
  if (found.length === 0 || found.some((p) => p === null)) return null;
  const first = found[0]!;
  return found.every((p) => JSON.stringify(p) === JSON.stringify(first)) ? first : null;
}
