// Chooses the string table for a Zendesk locale ("es-419", "pt-br", "en-US"…) and the tag Intl
// formats with: exact match first, then the language alone, then English.
import { en, type Messages } from './en.js';
import { es } from './es.js';
import { ptBR } from './ptBR.js';

export const TABLES: Record<string, Messages> = { en, es, 'pt-BR': ptBR };

export interface PickedLocale {
  /** Key of the string table used. */
  table: string;
  messages: Messages;
  /** A valid BCP-47 tag for Intl: the agent's own locale when Intl accepts it. */
  intl: string;
}

export function pickLocale(requested: string | null | undefined): PickedLocale {
  const wanted = (requested ?? '').trim().replace(/_/g, '-');
  const lower = wanted.toLowerCase();
  const keys = Object.keys(TABLES);
  const table = keys.find((k) => k.toLowerCase() === lower) ?? keys.find((k) => k.toLowerCase().split('-')[0] === lower.split('-')[0]) ?? 'en';
  let intl = table;
  try {
    if (wanted) intl = Intl.getCanonicalLocales(wanted)[0] ?? table;
  } catch {
    // Not a tag Intl knows: format in the table's locale instead.
  }
  return { table, messages: TABLES[table]!, intl };
}
