import { describe, expect, it } from 'vitest';
import { isAcknowledgement } from '../../../functions/src/domain/acknowledgement.js';

describe('isAcknowledgement', () => {
  it.each([
    ['Thank you so much, got it!', '', true],
    ['Thanks!', '', true],
    ['thx 👍', '', true],
    ['Great, thanks a lot. Have a nice day', '', true],
    ['Thanks! Jane', 'Jane Cooper', true],
    ['Muchas gracias, todo perfecto.', '', true],
    ['¡Gracias por la ayuda!', '', true],
    ['Obrigada! Abraços, Ana', 'Ana Souza', true],
    ['Valeu, recebido 🙏', '', true],
    ['Merci beaucoup', '', true],
    ['Vielen Dank', '', true],
    // Anything else is the customer asking something: investigated as usual.
    ['ok', '', false],
    ['Perfect', '', false],
    ['Thanks! Jane', '', false],
    ['Thanks, but the socks are missing from the box', '', false],
    ['Thanks, where is my refund?', '', false],
    ['Gracias, ¿y el reembolso?', '', false],
    ['Thanks for order ORD-1004 too', '', false],
    ['Thank you. Please cancel my other order as well.', '', false],
    ['', '', false],
    ['Thanks '.repeat(15), '', false],
  ])('%j (name %j) → %s', (text, name, expected) => expect(isAcknowledgement(text, name)).toBe(expected));
});
