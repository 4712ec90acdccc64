// Entitlement-system actions (the product's admin system through the EntitlementSystem port).
import { connectorError } from '../../domain/connectorError.js';
import { err, ok } from '../../domain/result.js';
import { stringParam, type ActionHandler } from './ActionHandler.js';

export const unlockAccount: ActionHandler = {
  async execute(c, p, key, trace) {
    if (!c.entitlements) return err(connectorError('entitlements', 'invalid_request', 'no entitlement system is connected'));
    const system = c.entitlements;
    const accountId = stringParam(p, 'accountId');
    const change = { reason: stringParam(p, 'reason'), evidenceRef: stringParam(p, 'evidenceRef') };
    const r = await trace.call('entitlements', 'unlock_account', { accountId, ...change, idempotencyKey: key }, () => system.unlockAccount(accountId, change, key), (a) => ({ status: a.status }));
    if (!r.ok) return r;
    return ok({ externalId: accountId, output: { status: r.value.status } });
  },
  async verify(c, _p, accountId, trace) {
    if (!c.entitlements) return err(connectorError('entitlements', 'invalid_request', 'no entitlement system is connected'));
    const system = c.entitlements;
    const r = await trace.call('entitlements', 'get_account', { accountId }, () => system.getAccount(accountId), (a) => ({ status: a.status }));
    if (!r.ok) return r;
    return r.value.status === 'active'
      ? ok({ state: 'confirmed', detail: `account ${accountId} is active` })
      : ok({ state: 'failed', detail: `account ${accountId} is ${r.value.status}` });
  },
};
