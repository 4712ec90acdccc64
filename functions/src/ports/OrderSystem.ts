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

export type OrderStatus = 'pending' | 'processing' | 'partially_shipped' | 'shipped' | 'delivered' | 'cancelled' | 'returned';

export interface LineItem {
  id: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Money;
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
  payment: { provider: 'stripe'; chargeId: string | null; paymentIntentId: string | null };
  shipments: Shipment[];
  refunds: OrderRefundRecord[];
  returns: ReturnAuthorization[];
  cancelledAt: string | null;
  cancelReason: string | null;
  notes: string | null;
  link: string;
}

export interface OrderSystem {
  getOrder(orderId: string): OrderResult<Order>;
  listOrdersForCustomer(email: string): OrderResult<Order[]>;
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
}
