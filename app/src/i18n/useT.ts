// The translation hook: t('action.approve'), t('case.heading', { id }), plus Intl formatters bound
// to the agent's locale, so components never build a formatter themselves.
import { useContext, useMemo } from 'react';
import type { FactValue } from '../../../functions/src/domain/evidence.js';
import type { Money } from '../../../functions/src/domain/money.js';
import type { MessageKey, Messages } from './en.js';
import { formatDateTime, formatFactValue, formatList, formatMoney, formatUsd } from './format.js';
import { I18nContext } from './I18nProvider.js';

export type Vars = Record<string, string | number>;

export interface Translator {
  (key: MessageKey, vars?: Vars): string;
  /** Looks up a key built at run time (fact labels, states); null when the table lacks it. */
  lookup(key: string, vars?: Vars): string | null;
  readonly locale: string;
  readonly table: string;
  money(m: Money): string;
  /** US dollars, fractions of a cent kept (model cost). */
  usd(amount: number): string;
  dateTime(iso: string): string;
  list(items: string[]): string;
  value(v: FactValue): string;
}

function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function createTranslator(messages: Messages, locale: string, table: string): Translator {
  const lookup = (key: string, vars?: Vars) => {
    const template = (messages as Record<string, string | undefined>)[key];
    return template === undefined ? null : fill(template, vars);
  };
  const t = ((key: MessageKey, vars?: Vars) => fill(messages[key], vars)) as Translator;
  return Object.assign(t, {
    lookup,
    locale,
    table,
    money: (m: Money) => formatMoney(m, locale),
    usd: (amount: number) => formatUsd(amount, locale),
    dateTime: (iso: string) => formatDateTime(iso, locale),
    list: (items: string[]) => formatList(items, locale),
    value: (v: FactValue) => formatFactValue(v, locale, { yes: messages['value.yes'], no: messages['value.no'], none: messages['value.none'] }),
  });
}

export function useT(): Translator {
  const { messages, intl, table } = useContext(I18nContext);
  return useMemo(() => createTranslator(messages, intl, table), [messages, intl, table]);
}
