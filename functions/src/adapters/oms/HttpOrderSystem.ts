// OrderSystem port over the OMS HTTP contract (docs/oms-api.md): Bearer API key, global fetch,
// the caller's idempotency key sent as Idempotency-Key on every write.
import type { ConnectorError } from '../../domain/connectorError.js';
import type { Money } from '../../domain/money.js';
import { ok, type Result } from '../../domain/result.js';
import type { Address, Order, OrderResult, OrderSystem, ReturnAuthorization } from '../../ports/OrderSystem.js';
import { decode, fetchJson, type JsonRequest } from '../http/fetchJson.js';
import type { VendorCodeMap } from '../http/mapHttpFailure.js';
import { fromAddress, OrderListSchema, OrderSchema, ReturnSchema, toOrder, toReturn } from './omsResources.js';

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
    const orders: Order[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ customer_email: email, limit: String(PAGE_SIZE), ...(after ? { starting_after: after } : {}) });
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

  private order(res: Result<unknown, ConnectorError>): Result<Order, ConnectorError> {
    if (!res.ok) return res;
    const order = decode('oms', OrderSchema, res.value);
    return order.ok ? ok(toOrder(order.value)) : order;
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
