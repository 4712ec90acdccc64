// The scenario file format (docs/scenarios.md; JSON Schema in docs/scenario.schema.json).
import { z } from 'zod';
import { MODES, RISK_TIERS } from '../../functions/src/domain/settings.js';
import { DENY_REASONS } from '../../functions/src/domain/proposal.js';
import { FaultRuleSchema } from '../kit/faults.js';
import { WorldSchema } from '../worlds/loadWorld.js';

const DecisionSchema = z.discriminatedUnion('decision', [
  z.object({ type: z.string().describe('proposal action type, e.g. billing.refund'), decision: z.literal('approve') }),
  z.object({ type: z.string(), decision: z.literal('deny'), reason: z.enum(DENY_REASONS), note: z.string().optional() }),
]);

export const ScenarioSchema = z.object({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  world: z.union([z.string().describe('a named world in sandbox/worlds/'), WorldSchema]),
  ticket: z.union([
    z.object({ id: z.union([z.string(), z.number()]).transform(String).describe('a ticket of the world, delivered as ticket.created') }),
    z.object({
      create: z.object({ requesterId: z.number().int(), subject: z.string(), body: z.string(), channel: z.string().optional(), tags: z.array(z.string()).optional() }),
    }),
  ]),
  settings: z
    .object({
      autonomy: z.record(z.string(), z.partialRecord(z.enum(RISK_TIERS), z.enum(MODES))).optional(),
      defaultMode: z.enum(MODES).optional(),
      shadowMode: z.boolean().optional(),
      limits: z.object({ currency: z.string(), autoRefundCap: z.number().int(), perCaseSpendLimit: z.number().int(), perDaySpendLimit: z.number().int() }).optional(),
      noAutonomyTags: z.array(z.string()).optional(),
    })
    .optional()
    .describe('installation settings overriding the defaults'),
  policy: z
    .object({ version: z.number().int().positive(), values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.string())])) })
    .optional()
    .describe('a new version of the standard policy with these values changed'),
  policyId: z.string().min(1).optional().describe('the policy the installation runs under (default standard-retail), e.g. tau2-retail'),
  faults: z
    .array(FaultRuleSchema.extend({ system: z.enum(['stripe', 'zendesk', 'oms', 'entitlements']) }))
    .optional()
    .describe('faults injected before the ticket is delivered'),
  deliveries: z.number().int().min(1).max(20).default(1).describe('how many times the webhook is delivered (redeliveries keep the invocation id)'),
  decisions: z.array(DecisionSchema).default([]),
  /** Minutes the clock moves forward between rounds of background work, so retries and follow-ups run. */
  advanceMinutes: z.array(z.number().positive()).default([]),
  expect: z.record(z.string(), z.unknown()).optional().describe('a partial of the output: objects match by the keys given, arrays element by element with equal length; {"$some": [...]} / {"$none": [...]} match arrays partially'),
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
