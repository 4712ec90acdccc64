// Loads and validates every playbook, policy and message set once. The data is imported as JSON
// modules (not read from disk) so the same code runs on Node, Workers and Lambda.
import type { Playbook } from '../domain/playbook.js';
import type { Policy } from '../domain/policy.js';
import cancelUnshipped from './data/cancel_unshipped_order.json' with { type: 'json' };
import lateDelivery from './data/late_delivery_refund.json' with { type: 'json' };
import paidButLocked from './data/paid_but_locked.json' with { type: 'json' };
import planDowngrade from './data/plan_downgrade.json' with { type: 'json' };
import subscriptionCancellation from './data/subscription_cancellation.json' with { type: 'json' };
import addressChange from './data/address_change_before_shipment.json' with { type: 'json' };
import returnDelivered from './data/return_delivered_order.json' with { type: 'json' };
import whereIsMyOrder from './data/where_is_my_order.json' with { type: 'json' };
import shippingDelayRecovery from './data/shipping_delay_recovery.json' with { type: 'json' };
import shippingDelayCancel from './data/shipping_delay_cancel.json' with { type: 'json' };
import tau2CancelPending from './data/tau2_cancel_pending_order.json' with { type: 'json' };
import tau2ReturnDelivered from './data/tau2_return_delivered_items.json' with { type: 'json' };
import tau2ModifyAddress from './data/tau2_modify_pending_address.json' with { type: 'json' };
import tau2ModifyPayment from './data/tau2_modify_pending_payment.json' with { type: 'json' };
import tau2ModifyItems from './data/tau2_modify_pending_items.json' with { type: 'json' };
import tau2ExchangeDelivered from './data/tau2_exchange_delivered_items.json' with { type: 'json' };
import tau2DefaultAddress from './data/tau2_modify_default_address.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import ptBR from './messages/pt-BR.json' with { type: 'json' };
import standardRetail from './policies/standard_retail.json' with { type: 'json' };
import tau2Retail from './policies/tau2_retail.json' with { type: 'json' };
import tau2RetailV2 from './policies/tau2_retail_v2.json' with { type: 'json' };
import { MessagesSchema, PlaybookSchema, PolicySchema } from './schema.js';

export type Locale = 'en' | 'es' | 'pt-BR';

export interface Catalog {
  playbooks: Playbook[];
  policies: Policy[];
  messages: Record<Locale, Record<string, string>>;
}

export interface CatalogSource {
  playbooks: unknown[];
  policies: unknown[];
  messages: Record<Locale, unknown>;
}

export const BUILT_IN_SOURCE: CatalogSource = {
  playbooks: [lateDelivery, cancelUnshipped, paidButLocked, returnDelivered, addressChange, whereIsMyOrder, shippingDelayRecovery, shippingDelayCancel, subscriptionCancellation, planDowngrade, tau2CancelPending, tau2ReturnDelivered, tau2ModifyAddress, tau2ModifyPayment, tau2ModifyItems, tau2ExchangeDelivered, tau2DefaultAddress],
  policies: [standardRetail, tau2Retail, tau2RetailV2],
  messages: { en, es, 'pt-BR': ptBR },
};

function parse<T>(label: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`invalid ${label}: ${issues}`);
}

/** Validates the data, and cross-checks references (templates exist in every locale, steps exist). */
export function loadCatalog(source: CatalogSource = BUILT_IN_SOURCE): Catalog {
  const playbooks = source.playbooks.map((p, i) => parse(`playbook #${i}`, PlaybookSchema, p) as Playbook);
  const policies = source.policies.map((p, i) => parse(`policy #${i}`, PolicySchema, p) as Policy);
  const messages = {
    en: parse('messages en', MessagesSchema, source.messages.en),
    es: parse('messages es', MessagesSchema, source.messages.es),
    'pt-BR': parse('messages pt-BR', MessagesSchema, source.messages['pt-BR']),
  };
  const english = Object.keys(messages.en);
  for (const locale of ['es', 'pt-BR'] as const) {
    const missing = english.filter((k) => !(k in messages[locale]));
    if (missing.length) throw new Error(`messages ${locale} lack: ${missing.join(', ')}`);
  }
  for (const pb of playbooks) {
    const templates = [
      ...Object.values(pb.messages),
      ...pb.requiredFacts.map((f) => f.ask),
      ...pb.checks.flatMap((c) => (c.onFail.message ? [c.onFail.message] : [])),
      ...(pb.inform?.variants ?? []).map((v) => v.message),
    ];
    const unknown = templates.filter((t) => !(t in messages.en));
    if (unknown.length) throw new Error(`playbook ${pb.id} uses unknown templates: ${unknown.join(', ')}`);
    const steps = new Set(pb.actions.map((a) => a.step));
    for (const a of pb.actions) {
      for (const dep of a.after ?? []) if (!steps.has(dep)) throw new Error(`playbook ${pb.id}: step ${a.step} runs after unknown step ${dep}`);
    }
  }
  return { playbooks, policies, messages };
}

export function renderMessage(catalog: Catalog, locale: Locale, templateId: string, vars: Record<string, string | number>): string {
  const template = catalog.messages[locale][templateId] ?? catalog.messages.en[templateId];
  if (!template) throw new Error(`unknown message template ${templateId}`);
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
