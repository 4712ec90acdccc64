// The contract every action type implements: execute once under the proposal's idempotency key,
// then verify against the system of record.
import type { ConnectorError } from '../../domain/connectorError.js';
import type { Proposal } from '../../domain/proposal.js';
import type { Result } from '../../domain/result.js';
import type { Connectors } from '../EngineDeps.js';
import type { ToolTrace } from '../traced.js';

export type Verification = { state: 'confirmed' | 'pending' | 'failed'; detail: string };

export interface ActionHandler {
  execute(c: Connectors, p: Proposal, key: string, trace: ToolTrace): Promise<Result<{ externalId: string; output: Record<string, unknown> }, ConnectorError>>;
  verify(c: Connectors, p: Proposal, externalId: string, trace: ToolTrace): Promise<Result<Verification, ConnectorError>>;
}

/** Reads a required string parameter; a playbook that produced anything else is a bug. */
export function stringParam(p: Proposal, name: string): string {
  const v = p.action.params[name];
  if (typeof v !== 'string' || v.length === 0) throw new Error(`action parameter ${name} must be a non-empty string`);
  return v;
}
