// A customer's "thanks!" on a solved ticket is not a new request. Zendesk reopens the ticket on any
// requester comment, and without this the case would be investigated again from the start — and,
// its refund already made, handed to a person as a "second compensation". Deliberately narrow:
// only a short message made of nothing but thanks, closing words, a name and emoji counts; any
// digit, question mark or other word is treated as the customer asking something. Pure.

/** Words (lower case, accents removed) that say thanks or close a conversation, in en/es/pt/fr/de. */
const CLOSING = new Set([
  // en
  'thanks', 'thank', 'you', 'thx', 'ty', 'tysm', 'many', 'so', 'very', 'much', 'a', 'lot', 'again', 'great', 'perfect', 'awesome', 'excellent',
  'got', 'it', 'received', 'all', 'good', 'ok', 'okay', 'cool', 'cheers', 'appreciate', 'appreciated', 'that', 's', 'works', 'worked', 'fine',
  'have', 'nice', 'day', 'best', 'regards', 'kind', 'hi', 'hello', 'hey', 'for', 'the', 'help', 'your', 'quick', 'reply', 'response', 'sorted', 'solved', 'resolved',
  // es
  'gracias', 'muchas', 'muchisimas', 'mil', 'perfecto', 'genial', 'excelente', 'listo', 'vale', 'recibido', 'todo', 'bien', 'saludos', 'por', 'la', 'ayuda', 'hola', 'de', 'nuevo', 'buen', 'dia', 'un', 'muy', 'amable', 'su', 'tu',
  // pt
  'obrigado', 'obrigada', 'muito', 'valeu', 'perfeito', 'otimo', 'beleza', 'certo', 'recebido', 'tudo', 'certinho', 'abracos', 'abraco', 'pela', 'ola', 'oi', 'bom',
  // fr / de
  'merci', 'beaucoup', 'parfait', 'danke', 'vielen', 'dank', 'super', 'prima', 'schon',
]);

/** The words that must appear: without one of these it is not a thanks ("ok" alone may answer a question). */
const THANKS = new Set(['thanks', 'thank', 'thx', 'ty', 'tysm', 'appreciate', 'appreciated', 'gracias', 'obrigado', 'obrigada', 'valeu', 'merci', 'danke', 'dank']);

const MAX_WORDS = 14;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * True when `text` only thanks or closes the conversation. `name` (the requester's name) may
 * appear as a signature.
 */
export function isAcknowledgement(text: string, name = ''): boolean {
  const t = fold(text).trim();
  if (t === '' || /[\p{N}?¿]/u.test(t)) return false;
  const signature = new Set(fold(name).split(/[^\p{L}]+/u).filter(Boolean));
  const words = t.replace(/\p{Extended_Pictographic}|\p{Emoji_Component}/gu, ' ').split(/[^\p{L}]+/u).filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  if (!words.some((w) => THANKS.has(w))) return false;
  return words.every((w) => CLOSING.has(w) || signature.has(w));
}
