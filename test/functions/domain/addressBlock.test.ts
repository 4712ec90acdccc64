import { describe, expect, it } from 'vitest';
import { parseAddressBlock } from '../../../functions/src/domain/addressBlock.js';

describe('parseAddressBlock', () => {
  it.each([
    ['US with line2', 'Hi!\nNew address: 742 Evergreen Terrace, Apt 2, Springfield, IL 62704, US\nThanks',
      { line1: '742 Evergreen Terrace', line2: 'Apt 2', city: 'Springfield', state: 'IL', postalCode: '62704', country: 'US' }],
    ['US without line2, lower-case marker, trailing period', 'new shipping address: 1 Main St, Austin, TX 73301, us.',
      { line1: '1 Main St', line2: null, city: 'Austin', state: 'TX', postalCode: '73301', country: 'US' }],
    ['Spanish marker, no state', 'Nueva dirección: Calle Mayor 5, Madrid, 28013, España',
      { line1: 'Calle Mayor 5', line2: null, city: 'Madrid', state: null, postalCode: '28013', country: 'ES' }],
    ['Portuguese marker, CEP with a dash', 'Novo endereço: Av. Paulista 1000, São Paulo, SP 01310-100, Brasil',
      { line1: 'Av. Paulista 1000', line2: null, city: 'São Paulo', state: 'SP', postalCode: '01310-100', country: 'BR' }],
    ['the same address quoted twice', 'New address: 1 Main St, Austin, TX 73301, US\n> New address: 1 Main St, Austin, TX 73301, US',
      { line1: '1 Main St', line2: null, city: 'Austin', state: 'TX', postalCode: '73301', country: 'US' }],
  ])('%s', (_n, text, want) => expect(parseAddressBlock(text)).toEqual(want));

  it.each([
    ['no marker (free text is never guessed)', 'Please send it to 1 Main St, Austin, TX 73301, US instead'],
    ['marker without a value', 'New address:'],
    ['too few parts', 'New address: 1 Main St, Austin TX 73301'],
    ['too many parts', 'New address: 1 Main St, Unit 2, Building 3, Austin, TX 73301, US'],
    ['no postal code', 'New address: 1 Main St, Austin, Texas, US'],
    ['unknown country', 'New address: 1 Main St, Austin, TX 73301, Atlantis'],
    ['two different addresses', 'New address: 1 Main St, Austin, TX 73301, US\nNew address: 2 Oak St, Dallas, TX 75001, US'],
    ['an empty part', 'New address: 1 Main St, , TX 73301, US'],
    ['marker in the middle of a sentence', 'I will tell you the new address: 1 Main St, Austin, TX 73301, US'],
  ])('%s → null', (_n, text) => expect(parseAddressBlock(text)).toBeNull());
});
