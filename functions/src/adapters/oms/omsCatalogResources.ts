// The OMS customer, product and variant resources of docs/oms-api.md as the adapter reads them, and
// their translation into the OrderSystem port's camelCase types. Unknown fields are ignored.
import { z } from 'zod';
import type { Customer, Product, ProductVariant } from '../../ports/OrderSystem.js';
import { AddressSchema, Money, Nullable, toAddress } from './omsResources.js';

export const CustomerSchema = z.object({
  id: z.string(),
  url: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  name: z.string(),
  default_address: AddressSchema,
  payment_methods: z.array(
    z.object({
      id: z.string(),
      type: z.enum(['credit_card', 'gift_card', 'paypal']),
      brand: Nullable,
      last_four: Nullable,
      balance: Money.nullish().transform((v) => v ?? null),
    }),
  ),
  order_ids: z.array(z.string()),
});

export const CustomerListSchema = z.object({ data: z.array(CustomerSchema) });

export const VariantSchema = z.object({
  sku: z.string(),
  product_id: z.string(),
  options: z.record(z.string(), z.string()),
  price: Money,
  available: z.boolean(),
});

export const ProductSchema = z.object({ id: z.string(), name: z.string(), variants: z.array(VariantSchema) });
export const ProductListSchema = z.object({ data: z.array(ProductSchema) });

export function toCustomer(c: z.output<typeof CustomerSchema>): Customer {
  return {
    id: c.id,
    email: c.email,
    firstName: c.first_name,
    lastName: c.last_name,
    name: c.name,
    defaultAddress: toAddress(c.default_address),
    paymentMethods: c.payment_methods.map((m) => ({ id: m.id, type: m.type, brand: m.brand, lastFour: m.last_four, balance: m.balance })),
    orderIds: c.order_ids,
    link: c.url,
  };
}

export function toVariant(v: z.output<typeof VariantSchema>): ProductVariant {
  return { sku: v.sku, productId: v.product_id, options: v.options, price: v.price, available: v.available };
}

export function toProduct(p: z.output<typeof ProductSchema>): Product {
  return { id: p.id, name: p.name, variants: p.variants.map(toVariant) };
}
