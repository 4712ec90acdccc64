// Validation of playbook, policy and message data at load time: a malformed file fails loudly at
// start-up with the path of the bad value, never halfway through a case.
import { z } from 'zod';
import { ACTION_TYPES, EVIDENCE_SOURCES, type Playbook } from '../domain/playbook.js';
import type { Policy } from '../domain/policy.js';
import type { Condition, Expr } from '../domain/rules.js';
import { RISK_TIERS } from '../domain/settings.js';

const MoneySchema = z.object({ amount: z.number().int(), currency: z.string().min(3) });
const FactValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), MoneySchema, z.array(z.string())]);

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.strictObject({ fact: z.string().min(1) }),
    z.strictObject({ policy: z.string().min(1) }),
    z.strictObject({ literal: FactValueSchema }),
    z.strictObject({ percentOf: z.tuple([ExprSchema, ExprSchema]) }),
    z.strictObject({ min: z.array(ExprSchema).min(1) }),
    z.strictObject({ max: z.array(ExprSchema).min(1) }),
    z.strictObject({ sub: z.tuple([ExprSchema, ExprSchema]) }),
  ]),
);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ fact: z.string().min(1), op: z.enum(['exists', 'missing']) }),
    z.strictObject({
      fact: z.string().min(1),
      op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn']),
      value: ExprSchema,
    }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

const TemplateId = z.string().regex(/^[a-z0-9_]+\.[a-z0-9_.]+$/, 'template ids look like "area.name"');

export const PlaybookSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/),
  version: z.number().int().positive(),
  caseType: z.string().min(1),
  title: z.string().min(1),
  trigger: z.strictObject({ intents: z.array(z.string()).min(1), tags: z.array(z.string()).default([]) }),
  policies: z.array(z.string().min(1)).min(1).optional(),
  evidence: z.array(z.enum(EVIDENCE_SOURCES)).default(['order']),
  requiredFacts: z.array(z.strictObject({ fact: z.string(), ask: TemplateId })),
  checks: z.array(
    z.strictObject({
      id: z.string(),
      description: z.string(),
      when: ConditionSchema,
      onFail: z.strictObject({
        outcome: z.enum(['refuse', 'escalate']),
        reason: z.string().regex(/^[a-z0-9_]+$/),
        message: TemplateId.optional(),
      }),
    }),
  ),
  actions: z
    .array(
      z.strictObject({
        step: z.string().regex(/^[a-z0-9_]+$/),
        type: z.enum(ACTION_TYPES),
        title: z.string(),
        params: z.record(z.string(), ExprSchema),
        amount: ExprSchema.optional(),
        riskFloor: z.enum(RISK_TIERS).optional(),
        after: z.array(z.string()).optional(),
        requiresIdentity: z.boolean().optional(),
        amountOptional: z.boolean().optional(),
        identityFact: z.string().optional(),
      }),
    ),
  followUp: z.strictObject({ afterHours: z.number().positive(), reason: z.string() }).optional(),
  inform: z
    .strictObject({
      state: z.enum(['closed', 'waiting_on_customer']),
      variants: z.array(z.strictObject({
        when: ConditionSchema,
        message: TemplateId,
        state: z.enum(['closed', 'waiting_on_customer']).optional(),
        recheck: z.strictObject({ atFact: z.string().min(1), graceHours: z.number().nonnegative(), shipmentFact: z.string().min(1) }).optional(),
      })).optional(),
    })
    .optional(),
  messages: z.strictObject({ proposed: TemplateId, success: TemplateId, refused: TemplateId, ask: TemplateId, escalated: TemplateId, waiting: TemplateId }),
})
  // Exactly one outcome when every check holds: actions to propose, or a reply that informs.
  .refine((p) => (p.actions.length > 0) !== (p.inform !== undefined), { message: 'a playbook has at least one action, or no actions and an "inform" block', path: ['actions'] }) satisfies z.ZodType<Playbook>;

export const PolicySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]+$/),
  version: z.number().int().positive(),
  description: z.string(),
  currency: z.string().length(3),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.string())])),
}) satisfies z.ZodType<Policy>;

export const MessagesSchema = z.record(TemplateId, z.string().min(1));
