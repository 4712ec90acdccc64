// What the engine needs from the order-management system (the HTTP contract in docs/oms-api.md).
import type { ConnectorError } from '../domain/connectorError.js';
import type { Money } from '../domain/money.js';
import type { Result } from '../domain/result.js';

export type OrderResult<T> = Promise<Result<T, ConnectorError>>;

export interface Address {
  name?: string;
  line1: string;
  line2?: string | null;
  city: string;
  state?: string | null;
  postalCode: string;
  country: string;
}

export type OrderStatus =
  | 'pending'
  | 'processing'
  | 'partially_shipped'
  | 'shipped'
  | 'delivered'
  | 'cancelled'
  | 'returned'
  /** Items were changed before shipment; address and payment may still change, items and cancel may not. */
  | 'pending_items_modified'
  /** A return of delivered items was requested (see Order.returnRequest). */
  | 'return_requested'
  /** An exchange of delivered items was requested (see Order.exchangeRequest). */
  | 'exchange_requested';

export interface LineItem {
  id: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  /** Catalog product the item is a variant of (`sku` is the variant), when the OMS has a catalog. */
  productId?: string;
  /** The variant's options, e.g. `{ color: 'blue', size: 'M' }`. */
  options?: Record<string, string>;
}

export interface TrackingEvent {
  at: string;
  status: string; // label_created | in_transit | out_for_delivery | delivered | exception | held
  description: string;
  location?: string | null;
}

export interface Shipment {
  id: string;
  carrier: string;
  trackingNumber: string;
  status: 'label_created' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception' | 'held' | 'returned';
  lineItemIds: string[];
  shippedAt: string | null;
  promisedDeliveryAt: string | null;
  deliveredAt: string | null;
  /** The carrier's current estimate; null when unknown. Delayed: not delivered and this is after `promisedDeliveryAt`. */
  estimatedDeliveryAt?: string | null;
  events: TrackingEvent[];
}

export interface OrderRefundRecord {
  id: string;
  amount: Money;
  reason: string;
  externalRefundId: string | null;
  createdAt: string;
}

export interface ReturnAuthorization {
  id: string; // RMA number
  orderId: string;
  lineItemIds: string[];
  status: 'authorized' | 'label_issued' | 'received' | 'refunded' | 'cancelled';
  labelUrl: string | null;
  reason: string;
  createdAt: string;
}

export interface Order {
  id: string;
  customer: { id: string; email: string; name: string };
  status: OrderStatus;
  placedAt: string;
  total: Money;
  shippingCost: Money;
  lineItems: LineItem[];
  shippingAddress: Address;
  /** `store`: paid with payment methods the OMS holds itself (see `paymentHistory`), no Stripe ids. */
  payment: { provider: 'stripe' | 'store'; chargeId: string | null; paymentIntentId: string | null };
  shipments: Shipment[];
  refunds: OrderRefundRecord[];
  returns: ReturnAuthorization[];
  cancelledAt: string | null;
  cancelReason: string | null;
  notes: string | null;
  link: string;
  /** Money moved by the OMS itself on store-paid orders, oldest first (empty for Stripe-paid orders). */
  paymentHistory?: PaymentTransaction[];
  returnRequest?: ReturnRequest | null;
  exchangeRequest?: ExchangeRequest | null;
}

export interface PaymentTransaction {
  type: 'payment' | 'refund';
  amount: Money;
  paymentMethodId: string;
}

export interface ReturnRequest {
  lineItemIds: string[];
  refundPaymentMethodId: string;
  reason: string | null;
  requestedAt: string;
}

export interface ItemChange {
  lineItemId: string;
  /** The variant to switch to; it must be a variant of the same product. */
  newSku: string;
}

export interface ExchangeRequest {
  items: ItemChange[];
  paymentMethodId: string;
  /** New prices minus old prices; negative means the customer gets money back. */
  priceDifference: Money;
  reason: string | null;
  requestedAt: string;
}

export interface PaymentMethod {
  id: string;
  type: 'credit_card' | 'gift_card' | 'paypal';
  brand: string | null;
  lastFour: string | null;
  /** Gift cards only. */
  balance: Money | null;
}

export interface Customer {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  name: string;
  defaultAddress: Address;
  paymentMethods: PaymentMethod[];
  /** Oldest first. */
  orderIds: string[];
  link: string;
}

export interface ProductVariant {
  sku: string;
  productId: string;
  options: Record<string, string>;
  price: Money;
  available: boolean;
}

export interface Product {
  id: string;
  name: string;
  variants: ProductVariant[];
}

export interface OrderSystem {
  getOrder(orderId: string): OrderResult<Order>;
  listOrdersForCustomer(email: string): OrderResult<Order[]>;
  /** Live orders with at least one delayed shipment (`GET /v1/orders?delayed=true`), newest first. */
  listDelayedOrders(): OrderResult<Order[]>;
  cancelOrder(orderId: string, reason: string, idempotencyKey: string): OrderResult<Order>;
  updateShippingAddress(orderId: string, address: Address, idempotencyKey: string): OrderResult<Order>;
  recordRefund(
    orderId: string,
    refund: { amount: Money; reason: string; externalRefundId: string },
    idempotencyKey: string,
  ): OrderResult<Order>;
  createReturn(
    orderId: string,
    input: { lineItemIds: string[]; reason: string },
    idempotencyKey: string,
  ): OrderResult<ReturnAuthorization>;

  /** Exact match, case-insensitive; `null` when nobody has that email. */
  findCustomerByEmail(email: string): OrderResult<Customer | null>;
  /** Names match case- and accent-insensitively, the postal code exactly; usually zero or one. */
  findCustomersByNameAndZip(query: { firstName: string; lastName: string; postalCode: string }): OrderResult<Customer[]>;
  getCustomer(customerId: string): OrderResult<Customer>;
  listProducts(): OrderResult<Product[]>;
  getProduct(productId: string): OrderResult<Product>;
  getVariant(sku: string): OrderResult<ProductVariant>;
  /** Pending orders only; the whole amount moves to the new method (gift cards must cover it). */
  modifyPendingOrderPayment(orderId: string, paymentMethodId: string, idempotencyKey: string): OrderResult<Order>;
  /** Pending orders, once; the price difference is charged to or refunded on `paymentMethodId`. */
  modifyPendingOrderItems(orderId: string, input: { items: ItemChange[]; paymentMethodId: string }, idempotencyKey: string): OrderResult<Order>;
  /** Delivered orders, once (return or exchange); refunds go to the original method or a gift card. */
  returnDeliveredItems(
    orderId: string,
    input: { lineItemIds: string[]; refundPaymentMethodId: string; reason?: string },
    idempotencyKey: string,
  ): OrderResult<Order>;
  /** Delivered orders, once (return or exchange); the price difference is settled on `paymentMethodId`. */
  exchangeDeliveredItems(
    orderId: string,
    input: { items: ItemChange[]; paymentMethodId: string; reason?: string },
    idempotencyKey: string,
  ): OrderResult<Order>;
  updateCustomerDefaultAddress(customerId: string, address: Address, idempotencyKey: string): OrderResult<Customer>;
}
