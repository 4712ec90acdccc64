// τ²-bench retail record shapes (src/tau2/domains/retail/data_model.py, commit a2c0247) and the
// exact conversions between them and the OMS world: dollars as floats ↔ integer cents, "USA" ↔ "US".
import { readFileSync } from 'node:fs';

export interface Tau2Address {
  address1: string;
  address2: string;
  city: string;
  country: string;
  state: string;
  zip: string;
}

export type Tau2PaymentMethod =
  | { source: 'credit_card'; id: string; brand: string; last_four: string }
  | { source: 'gift_card'; id: string; balance: number }
  | { source: 'paypal'; id: string };

export interface Tau2User {
  user_id: string;
  name: { first_name: string; last_name: string };
  address: Tau2Address;
  email: string;
  payment_methods: Record<string, Tau2PaymentMethod>;
  orders: string[];
}

export interface Tau2Item {
  name: string;
  product_id: string;
  item_id: string;
  price: number;
  options: Record<string, string>;
}

export interface Tau2Payment {
  transaction_type: 'payment' | 'refund';
  amount: number;
  payment_method_id: string;
}

export type Tau2OrderStatus = 'pending' | 'processed' | 'delivered' | 'cancelled' | 'return requested' | 'exchange requested' | 'pending (item modified)';

export interface Tau2Order {
  order_id: string;
  user_id: string;
  address: Tau2Address;
  items: Tau2Item[];
  status: Tau2OrderStatus;
  fulfillments: { tracking_id: string[]; item_ids: string[] }[];
  payment_history: Tau2Payment[];
  cancel_reason?: string;
  return_items?: string[];
  return_payment_method_id?: string;
  exchange_items?: string[];
  exchange_new_items?: string[];
  exchange_payment_method_id?: string;
  exchange_price_difference?: number;
}

export interface Tau2Product {
  name: string;
  product_id: string;
  variants: Record<string, { item_id: string; options: Record<string, string>; price: number; available: boolean }>;
}

export interface Tau2Db {
  products: Record<string, Tau2Product>;
  users: Record<string, Tau2User>;
  orders: Record<string, Tau2Order>;
}

export function readTau2Db(): Tau2Db {
  return JSON.parse(readFileSync(new URL('./db.json', import.meta.url), 'utf8')) as Tau2Db;
}

/** τ² stores dollars as floats; every stored value is a whole number of cents. */
export const toCents = (dollars: number) => Math.round(dollars * 100);
/** Integer division by 100 is correctly rounded, so this gives back the literal τ² wrote. */
export const fromCents = (cents: number) => cents / 100;

/** τ² writes the country as "USA"; the OMS contract uses ISO 3166-1 alpha-2. */
const ALPHA2: Record<string, string> = { USA: 'US' };
const ALPHA3: Record<string, string> = { US: 'USA' };
export const toAlpha2 = (country: string) => ALPHA2[country] ?? country;
export const toAlpha3 = (country: string) => ALPHA3[country] ?? country;

/** OMS status for each τ² status: "processed" orders carry a tracking number, so they have shipped. */
export const STATUS_TO_OMS = {
  pending: 'pending',
  processed: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
  'pending (item modified)': 'pending_items_modified',
  'return requested': 'return_requested',
  'exchange requested': 'exchange_requested',
} as const satisfies Record<Tau2OrderStatus, string>;

export const STATUS_TO_TAU2: Record<string, Tau2OrderStatus> = Object.fromEntries(Object.entries(STATUS_TO_OMS).map(([t, o]) => [o, t as Tau2OrderStatus]));

/** `n` line item ids for `n` τ² item ids: the k-th occurrence of an item id is the k-th line item with that sku. */
export function lineItemIdsFor(lineItems: { id: string; sku: string }[], itemIds: string[]): (string | undefined)[] {
  const used = new Set<string>();
  return itemIds.map((itemId) => {
    const li = lineItems.find((x) => x.sku === itemId && !used.has(x.id));
    if (li) used.add(li.id);
    return li?.id;
  });
}
