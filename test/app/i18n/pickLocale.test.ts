// Which string table an agent's Zendesk locale gets, and the formatting in that locale.
import { describe, expect, it } from 'vitest';
import { en } from '../../../app/src/i18n/en.js';
import { es } from '../../../app/src/i18n/es.js';
import { formatFactValue, formatMoney } from '../../../app/src/i18n/format.js';
import { pickLocale } from '../../../app/src/i18n/pickLocale.js';
import { ptBR } from '../../../app/src/i18n/ptBR.js';

describe('pickLocale', () => {
  it.each([
    ['en-US', 'en', 'en-US'],
    ['es', 'es', 'es'],
    ['es-419', 'es', 'es-419'],
    ['pt-BR', 'pt-BR', 'pt-BR'],
    ['pt-br', 'pt-BR', 'pt-BR'],
    ['pt', 'pt-BR', 'pt'],
    ['de', 'en', 'de'],
    ['', 'en', 'en'],
    [null, 'en', 'en'],
    ['not a locale!', 'en', 'en'],
  ])('%s → table %s, Intl %s', (requested, table, intl) => {
    const picked = pickLocale(requested);
    expect(picked.table).toBe(table);
    expect(picked.intl).toBe(intl);
  });

  it('every table translates every key, none left empty or identical by accident to a different key', () => {
    for (const table of [es, ptBR]) {
      expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
      for (const value of Object.values(table)) expect(value.trim()).not.toBe('');
    }
    expect(es['action.approve']).toBe('Aprobar');
    expect(ptBR['action.approve']).toBe('Aprovar');
  });
});

describe('formatting', () => {
  it.each([
    [{ amount: 1680, currency: 'usd' }, 'en-US', '$16.80'],
    [{ amount: 1680, currency: 'eur' }, 'pt-BR', '€ 16,80'],
    [{ amount: 500, currency: 'jpy' }, 'en-US', '¥500'],
    [{ amount: 1234, currency: 'bhd' }, 'en-US', 'BHD 1.234'],
  ])('money %j in %s is %s', (m, locale, expected) => {
    expect(formatMoney(m, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('fact values: booleans, lists, empty lists, numbers, money and ISO dates', () => {
    const words = { yes: 'Yes', no: 'No', none: 'None' };
    expect(formatFactValue(true, 'en', words)).toBe('Yes');
    expect(formatFactValue(['vip', 'enterprise'], 'en', words)).toBe('vip and enterprise');
    expect(formatFactValue([], 'en', words)).toBe('None');
    expect(formatFactValue(null, 'en', words)).toBe('None');
    expect(formatFactValue(12345, 'en', words)).toBe('12,345');
    expect(formatFactValue({ amount: 8400, currency: 'usd' }, 'en', words)).toBe('$84.00');
    expect(formatFactValue('2026-11-13T15:30:00Z', 'en', words)).toMatch(/Nov 13, 2026/);
    expect(formatFactValue('ORD-1001', 'en', words)).toBe('ORD-1001');
  });
});
