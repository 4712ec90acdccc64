// Policy is versioned data (windows, caps, percentages, tiers), separate from playbook procedure:
// changing a refund window is a one-value edit here, and every decision records id@version.
import type { PolicyRef } from './proposal.js';

export type PolicyValue = number | string | boolean | string[];

export interface Policy {
  id: string;
  version: number;
  description: string;
  currency: string;
  /** Flat dotted keys, e.g. "lateDelivery.graceDays". */
  values: Record<string, PolicyValue>;
}

export function policyRef(p: Policy): PolicyRef {
  return { id: p.id, version: p.version };
}

export function formatPolicyRef(ref: PolicyRef): string {
  return `${ref.id}@${ref.version}`;
}
