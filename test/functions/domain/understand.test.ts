import { describe, expect, it } from 'vitest';
import { extractAmounts, extractDates, understandTicket } from '../../../functions/src/domain/understand.js';

const now = new Date('2026-11-25T12:00:00Z');
const read = (body: string, subject = 'Help', tags: string[] = []) => understandTicket({ subject, body, tags, now });
const summary = (body: string, subject?: string) => read(body, subject).requests.map((r) => ({ intent: r.intent, orderIds: r.orderIds, fallbackFor: r.fallbackFor }));

describe('understandTicket: requests in one ticket', () => {
  it.each([
    ['one request keeps the whole text', 'Please cancel order ORD-1001, I no longer need it.', [{ intent: 'cancel_order', orderIds: ['ORD-1001'], fallbackFor: null }]],
    ['two requests in two sentences, each with its order',
      'Please cancel order ORD-1001. Also, where is my order ORD-1002? It has not arrived yet.',
      [{ intent: 'cancel_order', orderIds: ['ORD-1001'], fallbackFor: null }, { intent: 'where_is_my_order', orderIds: ['ORD-1002'], fallbackFor: null }]],
    ['two requests joined by "and also" in one sentence',
      'I want to return the lamp from #W1234567 and also change the shipping address of #W7654321.',
      [{ intent: 'return_order', orderIds: ['#W1234567'], fallbackFor: null }, { intent: 'change_address', orderIds: ['#W7654321'], fallbackFor: null }]],
    ['one intent naming two orders becomes one request per order',
      'Please cancel my orders #W1111111 and #W2222222, I ordered them by mistake.',
      [{ intent: 'cancel_order', orderIds: ['#W1111111'], fallbackFor: null }, { intent: 'cancel_order', orderIds: ['#W2222222'], fallbackFor: null }]],
    ['a conditional request falls back on the one before it',
      'Please cancel order ORD-1001. If you can\'t, I want to return it.',
      [{ intent: 'cancel_order', orderIds: ['ORD-1001'], fallbackFor: null }, { intent: 'return_order', orderIds: ['ORD-1001'], fallbackFor: 0 }]],
    ['"otherwise" inside one sentence',
      'Cancel order ORD-1001 please, otherwise I will return it when it arrives.',
      [{ intent: 'cancel_order', orderIds: ['ORD-1001'], fallbackFor: null }, { intent: 'return_order', orderIds: ['ORD-1001'], fallbackFor: 0 }]],
    ['Spanish: two requests',
      'Quiero cancelar el pedido ORD-2001. Además, ¿dónde está mi pedido ORD-2002?',
      [{ intent: 'cancel_order', orderIds: ['ORD-2001'], fallbackFor: null }, { intent: 'where_is_my_order', orderIds: ['ORD-2002'], fallbackFor: null }]],
    ['Portuguese: conditional',
      'Quero cancelar o pedido ORD-3001. Se não for possível, quero devolvê-lo.',
      [{ intent: 'cancel_order', orderIds: ['ORD-3001'], fallbackFor: null }, { intent: 'return_order', orderIds: ['ORD-3001'], fallbackFor: 0 }]],
  ])('%s', (_name, body, expected) => {
    expect(summary(body)).toEqual(expected);
  });

  it.each([
    ['one clause asking for two things', 'I want to cancel or return my order ORD-1001.'],
    ['late and where in the same sentence', 'My order ORD-1001 is late, where is my package?'],
  ])('stays ambiguous: %s', (_name, body) => {
    const u = read(body);
    expect(u.requests).toEqual([]);
    expect(u.candidates.length).toBeGreaterThan(1);
  });

  it('a tag names one request even when the text mentions more', () => {
    const u = read('Cancel ORD-1 and where is ORD-2?', 'x', ['cancel_order']);
    expect(u.requests.map((r) => r.intent)).toEqual(['cancel_order']);
    expect(u.source).toBe('tag');
  });

  it('each request reads its own words plus the sentences that ask for nothing', () => {
    const u = read('Hi, Yusuf Rossi, zip 19122. Please cancel order #W1111111, ordered by mistake. Also I want to return the lamp from #W2222222.');
    expect(u.requests).toHaveLength(2);
    expect(u.requests[0]!.text).toContain('ordered by mistake');
    expect(u.requests[0]!.text).not.toContain('lamp');
    expect(u.requests[1]!.text).toContain('lamp');
    expect(u.requests[1]!.text).toContain('zip 19122');
    expect(u.requests[1]!.text).not.toContain('by mistake');
  });

  it('the description repeated as the first comment is read once', () => {
    const body = 'Quiero cancelar el pedido ORD-1002. Además, ¿dónde está mi pedido ORD-1006?';
    expect(summary(`${body}\n${body}`)).toEqual([
      { intent: 'cancel_order', orderIds: ['ORD-1002'], fallbackFor: null },
      { intent: 'where_is_my_order', orderIds: ['ORD-1006'], fallbackFor: null },
    ]);
  });

  it('no intent at all gives no request', () => {
    expect(read('Hello, I have a question about your opening hours.')).toMatchObject({ requests: [], candidates: [], source: 'none' });
  });
});

describe('amounts and dates the customer states', () => {
  it.each([
    ['I was charged $45.50 twice', [{ amount: 4550, currency: 'usd' }]],
    ['refund $5,000 now', [{ amount: 500000, currency: 'usd' }]],
    ['me cobraron 1.234,50 € y 20 euros', [{ amount: 123450, currency: 'eur' }, { amount: 2000, currency: 'eur' }]],
    ['paguei R$ 120,90', [{ amount: 12090, currency: 'brl' }]],
    ['pagué 129,00 US$ el lunes', [{ amount: 12900, currency: 'usd' }]],
    ['it cost 30 dollars', [{ amount: 3000, currency: 'usd' }]],
    ['order ORD-1001 has 3 items', []],
  ])('%s', (text, expected) => {
    expect(extractAmounts(text)).toEqual(expected);
  });

  it.each([
    ['delivered on 2026-11-20', null, ['2026-11-20']],
    ['it was promised for November 18, 2026', null, ['2026-11-18']],
    ['promised Nov 3rd', null, ['2026-11-03']],
    ['llegó el 20 de noviembre', null, ['2026-11-20']],
    ['chegou em 2 de dezembro de 2025', null, ['2025-12-02']],
    ['on 25/11/2026', null, ['2026-11-25']],
    ['on 11/05/2026 (ambiguous, writer unknown)', null, []],
    ['on 11/05/2026 written by a US customer', false, ['2026-11-05']],
    ['on 11/05/2026 written by a Spanish customer', true, ['2026-05-11']],
    ['late December: 30 December', null, ['2026-12-30']],
    ['February 30 does not exist', null, []],
  ])('%s', (text, dayFirst, expected) => {
    expect(extractDates(text, now, dayFirst as boolean | null)).toEqual(expected);
  });
});
