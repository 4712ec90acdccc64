// Intents of the τ² order changes (payment, items, exchange, default address) and the address
// stated in a sentence, τ²-style.
import { describe, expect, it } from 'vitest';
import { parseStatedAddress } from '../../../functions/src/domain/addressBlock.js';
import { detectIntent } from '../../../functions/src/domain/intent.js';

describe('detectIntent: τ² order changes', () => {
  it.each([
    ['Please change the shipping address of my order #W1845024 to 224 Elm Street, Suite 491, New York, NY 10108, USA.', 'change_address'],
    ['I gave the wrong address for order #W1845024.', 'change_address'],
    ['Please update my default address to 943 Maple Drive, Suite 356, Chicago, IL 60621, USA.', 'change_default_address'],
    ['Can you change the address on my account to 1 Main St, Dover, DE 19901, USA?', 'change_default_address'],
    ['Please fix my profile address.', 'change_default_address'],
    ['Quiero actualizar la dirección predeterminada de mi cuenta.', 'change_default_address'],
    ['Quero alterar o endereço padrão da minha conta.', 'change_default_address'],
    ['For my pending order #W1080318, please switch the payment from my credit card to my gift card.', 'change_payment_method'],
    ["I'd like to change the payment method of order #W6030855 to my gift card.", 'change_payment_method'],
    ['Quiero cambiar el método de pago del pedido #W6030855.', 'change_payment_method'],
    ["I'd like to change the fleece jacket in my pending order to a red one in size L with a half zip.", 'modify_order_items'],
    ['Please change the grill in order #W2466703 to the charcoal one with a rotisserie.', 'modify_order_items'],
    ['Change the t-shirt to size L, blue.', 'modify_order_items'],
    ["I'd like to exchange the blue wireless earbuds for a black pair. Use my PayPal for any difference.", 'exchange_order'],
    ['Order #W2378156 has arrived and I would like to swap the keyboard for a clicky one.', 'exchange_order'],
    ['Please exchange the jacket in my pending order for a red one.', 'modify_order_items'],
  ] as const)('%s → %s', (body, intent) => {
    const r = detectIntent({ subject: '', body, tags: [] });
    expect(r.candidates).toEqual([intent]);
    expect(r.intent).toBe(intent);
  });

  it('an order address change mentioning the profile is the default address only when it is the profile\'s address', () => {
    expect(detectIntent({ subject: '', body: 'Change the delivery address of #W1845024, the one on my profile is wrong for this.', tags: [] }).intent).toBe('change_address');
  });

  it('each change intent has a tag', () => {
    for (const [tag, intent] of [['payment_method_change', 'change_payment_method'], ['modify_items', 'modify_order_items'], ['exchange_request', 'exchange_order'], ['default_address_change', 'change_default_address']]) {
      expect(detectIntent({ subject: 'x', body: 'y', tags: [tag!] }).intent).toBe(intent);
    }
  });
});

describe('parseStatedAddress', () => {
  it.each([
    ['change the address of #W1 to 123 Elm St, Suite 4, Springfield, IL 62701, USA. You have my permission.', { line1: '123 Elm St', line2: 'Suite 4', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' }],
    ['my new address is 943 Maple Drive, Chicago, IL 60621, USA', { line1: '943 Maple Drive', line2: null, city: 'Chicago', state: 'IL', postalCode: '60621', country: 'US' }],
    ['send it to 123 Elm St, Springfield. Thanks', null], // incomplete
    ['to 123 Elm St, Springfield, IL 62701, Atlantis', null], // unknown country
    ['to 1 Oak Rd, Dover, DE 19901, USA, or maybe to 9 Elm St, Dover, DE 19901, USA', null], // two different
    ['to 1 Oak Rd, Dover, DE 19901, USA. Yes: to 1 Oak Rd, Dover, DE 19901, USA.', { line1: '1 Oak Rd', line2: null, city: 'Dover', state: 'DE', postalCode: '19901', country: 'US' }],
    ['change my address please', null],
    ['New address: 1 Oak Rd, Dover, DE 19901, US\nand to 2 Elm St, Dover, DE 19901, USA', null], // the marked line is parseAddressBlock's
  ] as const)('%s', (text, want) => expect(parseStatedAddress(text)).toEqual(want));
});
