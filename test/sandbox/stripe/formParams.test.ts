import { describe, expect, it } from 'vitest';
import { ParamReader, applyMetadata, parseFormParams } from '../../../sandbox/stripe/formParams.js';
import { StripeApiError } from '../../../sandbox/stripe/StripeApiError.js';

describe('parseFormParams', () => {
  it.each([
    { encoded: '', params: {} },
    { encoded: 'charge=ch_1&amount=500', params: { charge: 'ch_1', amount: '500' } },
    { encoded: 'metadata[case]=c1&metadata[step]=refund', params: { metadata: { case: 'c1', step: 'refund' } } },
    { encoded: 'metadata%5Bcase%5D=c%201', params: { metadata: { case: 'c 1' } } },
    {
      encoded: 'items[0][id]=si_1&items[0][price]=price_b&items[1][id]=si_2',
      params: { items: [{ id: 'si_1', price: 'price_b' }, { id: 'si_2' }] },
    },
    { encoded: 'items[1][id]=b&items[0][id]=a', params: { items: [{ id: 'a' }, { id: 'b' }] } },
    { encoded: 'expand[]=latest_charge&expand[]=customer', params: { expand: ['latest_charge', 'customer'] } },
    {
      encoded: 'subscription=sub_1&subscription_details[items][0][id]=si_1&subscription_details[proration_behavior]=always_invoice',
      params: { subscription: 'sub_1', subscription_details: { items: [{ id: 'si_1' }], proration_behavior: 'always_invoice' } },
    },
    { encoded: 'metadata[k]=', params: { metadata: { k: '' } } },
  ])('parses $encoded', ({ encoded, params }) => {
    expect(parseFormParams(encoded)).toEqual(params);
  });
});

function stripeError(fn: () => unknown): { code?: string; param?: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StripeApiError) return e.body;
    throw e;
  }
  throw new Error('expected a StripeApiError');
}

describe('ParamReader', () => {
  it('rejects unknown parameters, naming them as Stripe does', () => {
    expect(stripeError(() => new ParamReader({ colour: 'red' }, ['charge']))).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    const nested = new ParamReader(parseFormParams('items[0][id]=si&items[0][foo]=1'), ['items']);
    expect(stripeError(() => nested.list('items', ['id', 'price']))).toMatchObject({ code: 'parameter_unknown', param: 'items[0][foo]' });
  });

  it.each([
    { value: '500', result: 500 },
    { value: '-3', error: 'parameter_invalid_integer' },
    { value: '12.5', error: 'parameter_invalid_integer' },
    { value: 'abc', error: 'parameter_invalid_integer' },
  ])('reads integer $value', ({ value, result, error }) => {
    const reader = new ParamReader({ amount: value }, ['amount']);
    if (error) expect(stripeError(() => reader.int('amount', { min: 1 }))).toMatchObject({ code: error, param: 'amount' });
    else expect(reader.int('amount', { min: 1 })).toBe(result);
  });

  it('reads booleans, enums, required strings and metadata', () => {
    const reader = new ParamReader({ prorate: 'true', reason: 'duplicate', metadata: { a: '1', b: '' } }, ['prorate', 'reason', 'metadata', 'charge']);
    expect(reader.bool('prorate')).toBe(true);
    expect(reader.oneOf('reason', ['duplicate', 'fraudulent'])).toBe('duplicate');
    expect(reader.metadata()).toEqual({ a: '1', b: null });
    expect(stripeError(() => reader.requiredString('charge'))).toMatchObject({ code: 'parameter_missing', param: 'charge' });
    expect(stripeError(() => new ParamReader({ prorate: 'yes' }, ['prorate']).bool('prorate'))).toMatchObject({ param: 'prorate' });
  });

  it('applies metadata updates, an empty value removing the key', () => {
    expect(applyMetadata({ a: '1', b: '2' }, { b: null, c: '3' })).toEqual({ a: '1', c: '3' });
    expect(applyMetadata({ a: '1' }, undefined)).toEqual({ a: '1' });
  });
});
