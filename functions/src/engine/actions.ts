// How each action type is executed and then verified against its system of record.
// Every write carries the proposal's idempotency key, so a retry after a crash, a timeout or a
// redelivered job replays instead of acting twice. One file per system; this one maps types.
import type { ActionType } from '../domain/playbook.js';
import { err, ok, type Result } from '../domain/result.js';
import type { ActionHandler } from './actions/ActionHandler.js';
import { cancelSubscription, changePlan, refund } from './actions/billingActions.js';
import { unlockAccount } from './actions/entitlementActions.js';
import { cancelOrder, createReturn, exchangeItems, modifyItems, modifyPayment, returnItems, updateAddress, updateDefaultAddress } from './actions/orderActions.js';

export type { ActionHandler, Verification } from './actions/ActionHandler.js';

export const ACTION_HANDLERS: Record<ActionType, ActionHandler> = {
  'billing.refund': refund,
  'orders.cancel': cancelOrder,
  'entitlements.unlock': unlockAccount,
  'orders.create_return': createReturn,
  'orders.update_address': updateAddress,
  'billing.cancel_subscription': cancelSubscription,
  'billing.change_plan': changePlan,
  'orders.return_items': returnItems,
  'orders.modify_payment': modifyPayment,
  'orders.modify_items': modifyItems,
  'orders.exchange_items': exchangeItems,
  'customers.update_default_address': updateDefaultAddress,
};

export function handlerFor(type: string): Result<ActionHandler, string> {
  const h = (ACTION_HANDLERS as Record<string, ActionHandler | undefined>)[type];
  return h ? ok(h) : err(`no handler for action type ${type}`);
}
