// OrderSystem port over the OMS HTTP contract (docs/oms-api.md): Bearer API key, global fetch,
// the caller's idempotency key sent as Idempotency-Key on every write.
import type { ConnectorError } from '../../domain/connectorError.js';
import type { Money } from '../../domain/money.js';
import { ok, type Result } from '../../domain/result.js';
import type { z } from 'zod';
import type {
  Address,
  Customer,
  ItemChange,
  Order,
  OrderResult,
  OrderSystem,
  Product,
  ProductVariant,
  ReturnAuthorization,
} from '../../ports/OrderSystem.js';
import { decode, fetchJson, type JsonRequest } from '../http/fetchJson.js';
import type { VendorCodeMap } from '../http/mapHttpFailure.js';
import { CustomerListSchema, CustomerSchema, ProductListSchema, ProductSchema, toCustomer, toProduct, toVariant, VariantSchema } from './omsCatalogResources.js';
import { fromAddress, fromItemChanges, OrderListSchema, OrderSchema, ReturnSchema, toOrder, toReturn } from './omsResources.js';

export interface HttpOrderSystemConfig {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

/**
 * 409 codes by which the OMS refuses the operation itself (the order is past the point where it is
 * allowed): retrying cannot succeed, so they are `declined`. Any other 409 is a race (`conflict`).
 */
export const OMS_ERROR_CODES: VendorCodeMap = {
  order_not_cancellable: 'declined',
  order_already_shipped: 'declined',
  order_cancelled: 'declined',
  order_not_returnable: 'declined',
  line_items_already_returned: 'declined',
  refund_exceeds_order_total: 'declined',
  refund_already_recorded: 'declined',
  order_not_modifiable: 'declined',
  order_items_already_modified: 'declined',
  order_not_exchangeable: 'declined',
  payment_not_changeable: 'declined',
  insufficient_gift_card_balance: 'declined',
  variant_unavailable: 'declined',
  refund_method_not_allowed: 'declined',
  idempotency_key_reused: 'idempotency_conflict',
};

const PAGE_SIZE = 100;
const MAX_PAGES = 10;

export class HttpOrderSystem implements OrderSystem {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  constructor(config: HttpOrderSystemConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.apiKey = config.apiKey;
    this.timeoutMs = config.timeoutMs ?? 10_000;
  }

  async getOrder(orderId: string): OrderResult<Order> {
    return this.order(await this.call('GET', `/v1/orders/${encodeURIComponent(orderId)}`));
  }

  async listOrdersForCustomer(email: string): OrderResult<Order[]> {
    return this.listOrders({ customer_email: email });
  }

  async listDelayedOrders(): OrderResult<Order[]> {
    return this.listOrders({ delayed: 'true' });
  }

  private async listOrders(filter: Record<string, string>): OrderResult<Order[]> {
    const orders: Order[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ ...filter, limit: String(PAGE_SIZE), ...(after ? { starting_after: after } : {}) });
      const res = await this.call('GET', `/v1/orders?${query}`);
      if (!res.ok) return res;
      const list = decode('oms', OrderListSchema, res.value);
      if (!list.ok) return list;
      orders.push(...list.value.data.map(toOrder));
      after = list.value.data.at(-1)?.id ?? null;
      if (!list.value.has_more || !after) break;
    }
    return ok(orders);
  }

  async cancelOrder(orderId: string, reason: string, idempotencyKey: string): OrderResult<Order> {
    return this.order(await this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/cancel`, { reason }, idempotencyKey));
  }

  async updateShippingAddress(orderId: string, address: Address, idempotencyKey: string): OrderResult<Order> {
    return this.order(await this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/shipping_address`, fromAddress(address), idempotencyKey));
  }

  async recordRefund(
    orderId: string,
    refund: { amount: Money; reason: string; externalRefundId: string },
    idempotencyKey: string,
  ): OrderResult<Order> {
    const body = { amount: refund.amount, reason: refund.reason, external_refund_id: refund.externalRefundId };
    return this.order(await this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/refunds`, body, idempotencyKey));
  }

  async createReturn(orderId: string, input: { lineItemIds: string[]; reason: string }, idempotencyKey: string): OrderResult<ReturnAuthorization> {
    const res = await this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/returns`, { line_item_ids: input.lineItemIds, reason: input.reason }, idempotencyKey);
    if (!res.ok) return res;
    const rma = decode('oms', ReturnSchema, res.value);
    return rma.ok ? ok(toReturn(rma.value)) : rma;
  }

  async findCustomerByEmail(email: string): OrderResult<Customer | null> {
    const found = await this.customers(new URLSearchParams({ email }));
    return found.ok ? ok(found.value[0] ?? null) : found;
  }

  async findCustomersByNameAndZip(q: { firstName: string; lastName: string; postalCode: string }): OrderResult<Customer[]> {
    return this.customers(new URLSearchParams({ first_name: q.firstName, last_name: q.lastName, postal_code: q.postalCode }));
  }

  async getCustomer(customerId: string): OrderResult<Customer> {
    return this.read(await this.call('GET', `/v1/customers/${encodeURIComponent(customerId)}`), CustomerSchema, toCustomer);
  }

  async listProducts(): OrderResult<Product[]> {
    return this.read(await this.call('GET', '/v1/products'), ProductListSchema, (l) => l.data.map(toProduct));
  }

  async getProduct(productId: string): OrderResult<Product> {
    return this.read(await this.call('GET', `/v1/products/${encodeURIComponent(productId)}`), ProductSchema, toProduct);
  }

  async getVariant(sku: string): OrderResult<ProductVariant> {
    return this.read(await this.call('GET', `/v1/variants/${encodeURIComponent(sku)}`), VariantSchema, toVariant);
  }

  async modifyPendingOrderPayment(orderId: string, paymentMethodId: string, idempotencyKey: string): OrderResult<Order> {
    return this.order(await this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/payment_method`, { payment_method_id: paymentMethodId }, idempotencyKey));
  }

  async modifyPendingOrderItems(orderId: string, input: { items: ItemChange[]; paymentMethodId: string }, idempotencyKey: string): OrderResult<Order> {
    const body = { items: fromItemChanges(input.items), payment_method_id: input.paymentMethodId };
    return this.order(await this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/modify_items`, body, idempotencyKey));
  }

  async returnDeliveredItems(
    orderId: string,
    input: { lineItemIds: string[]; refundPaymentMethodId: string; reason?: string },
    idempotencyKey: string,
  ): OrderResult<Order> {
    const body = { line_item_ids: input.lineItemIds, refund_payment_method_id: input.refundPaymentMethodId, ...(input.reason ? { reason: input.reason } : {}) };
    return this.order(await this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/return_request`, body, idempotencyKey));
  }

  async exchangeDeliveredItems(
    orderId: string,
    input: { items: ItemChange[]; paymentMethodId: string; reason?: string },
    idempotencyKey: string,
  ): OrderResult<Order> {
    const body = { items: fromItemChanges(input.items), payment_method_id: input.paymentMethodId, ...(input.reason ? { reason: input.reason } : {}) };
    return this.order(await this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/exchange_request`, body, idempotencyKey));
  }

  async updateCustomerDefaultAddress(customerId: string, address: Address, idempotencyKey: string): OrderResult<Customer> {
    const res = await this.call('POST', `/v1/customers/${encodeURIComponent(customerId)}/default_address`, fromAddress(address), idempotencyKey);
    return this.read(res, CustomerSchema, toCustomer);
  }

  private async customers(query: URLSearchParams): OrderResult<Customer[]> {
    return this.read(await this.call('GET', `/v1/customers?${query}`), CustomerListSchema, (l) => l.data.map(toCustomer));
  }

  private order(res: Result<unknown, ConnectorError>): Result<Order, ConnectorError> {
    return this.read(res, OrderSchema, toOrder);
  }

  private read<S extends z.ZodType, T>(res: Result<unknown, ConnectorError>, schema: S, to: (v: z.output<S>) => T): Result<T, ConnectorError> {
    if (!res.ok) return res;
    const decoded = decode('oms', schema, res.value);
    return decoded.ok ? ok(to(decoded.value)) : decoded;
  }

  private async call(method: JsonRequest['method'], path: string, body?: unknown, idempotencyKey?: string): Promise<Result<unknown, ConnectorError>> {
    const res = await fetchJson({
      system: 'oms',
      method,
      url: `${this.baseUrl}${path}`,
      headers: { authorization: `Bearer ${this.apiKey}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      ...(body === undefined ? {} : { body }),
      timeoutMs: this.timeoutMs,
      vendorCodes: OMS_ERROR_CODES,
    });
    return res.ok ? ok(res.value.body) : res;
  }
}
