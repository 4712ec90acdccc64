// Stripe's request encoding: form-encoded (body for POST, query string for GET and DELETE) with
// bracketed nesting — `metadata[k]=v`, `items[0][price]=p`, `expand[]=x`. Parses it into nested
// values and reads them with Stripe's validation errors (unknown parameter, bad integer, missing).
import { invalidParam } from './StripeApiError.js';

export type ParamValue = string | ParamValue[] | { [key: string]: ParamValue };
export type Params = { [key: string]: ParamValue };

function keySegments(key: string): string[] {
  const first = key.indexOf('[');
  if (first < 0) return [key];
  const segments = [key.slice(0, first)];
  for (const m of key.slice(first).matchAll(/\[([^\]]*)\]/g)) segments.push(m[1]!);
  return segments;
}

// Objects whose keys are all indexes become arrays, so `items[0][id]` reads as items[0].id.
function arraysFromIndexes(v: ParamValue): ParamValue {
  if (typeof v === 'string' || Array.isArray(v)) return Array.isArray(v) ? v.map(arraysFromIndexes) : v;
  const keys = Object.keys(v);
  const converted = Object.fromEntries(keys.map((k) => [k, arraysFromIndexes(v[k]!)]));
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => converted[k]!);
  }
  return converted;
}

export function parseFormParams(encoded: string): Params {
  const root: Record<string, ParamValue> = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const segments = keySegments(key);
    let node: Record<string, ParamValue> = root;
    segments.forEach((segment, i) => {
      const last = i === segments.length - 1;
      // `a[]` appends: give it the next free index.
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (last) {
        node[name] = value;
        return;
      }
      const next = node[name];
      if (next === undefined || typeof next === 'string' || Array.isArray(next)) node[name] = {};
      node = node[name] as Record<string, ParamValue>;
    });
  }
  return arraysFromIndexes(root) as Params;
}

/** Reads validated values out of parsed params; `param` names are Stripe's (`items[0][price]`). */
export class ParamReader {
  constructor(
    readonly params: Params,
    allowed: readonly string[],
    /** Where these params sit in the request, e.g. `items[0]`; used in error `param`s. */
    private readonly prefix = '',
  ) {
    for (const key of Object.keys(params)) {
      if (!allowed.includes(key) && !(key === 'expand' && !prefix)) {
        throw invalidParam('parameter_unknown', `Received unknown parameter: ${this.name(key)}`, this.name(key));
      }
    }
  }

  /** A nested object parameter, e.g. `subscription_details`. */
  static at(value: ParamValue | undefined, param: string, allowed: readonly string[]): ParamReader {
    if (value === undefined) return new ParamReader({}, allowed, param);
    if (typeof value === 'string' || Array.isArray(value)) throw invalidParam(null, 'Invalid object', param);
    return new ParamReader(value, allowed, param);
  }

  private name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  object(name: string, allowed: readonly string[]): ParamReader {
    return ParamReader.at(this.params[name], this.name(name), allowed);
  }

  string(name: string): string | undefined {
    const v = this.params[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw invalidParam(null, `Invalid string: ${this.name(name)} must be a string`, this.name(name));
    return v;
  }

  requiredString(name: string): string {
    const v = this.string(name);
    if (v === undefined || v === '') throw invalidParam('parameter_missing', `Missing required param: ${this.name(name)}.`, this.name(name));
    return v;
  }

  int(name: string, opts: { min?: number } = {}): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) throw invalidParam('parameter_invalid_integer', `Invalid integer: ${v}`, this.name(name));
    if (opts.min !== undefined && n < opts.min) {
      throw invalidParam('parameter_invalid_integer', `This value must be greater than or equal to ${opts.min}.`, this.name(name));
    }
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false') throw invalidParam(null, `Invalid boolean: ${v}`, this.name(name));
    return v === 'true';
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v === undefined || v === '') return undefined;
    if (!values.includes(v as T)) {
      throw invalidParam(null, `Invalid ${this.name(name)}: must be one of ${values.join(', ')}`, this.name(name));
    }
    return v as T;
  }

  /** metadata[k]=v pairs; an empty value unsets the key, as in Stripe. */
  metadata(name = 'metadata'): Record<string, string | null> | undefined {
    const v = this.params[name];
    if (v === undefined) return undefined;
    if (v === '') return {};
    if (typeof v === 'string' || Array.isArray(v)) throw invalidParam(null, 'Invalid object', this.name(name));
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        if (typeof x !== 'string') throw invalidParam(null, 'Invalid string', `${this.name(name)}[${k}]`);
        return [k, x === '' ? null : x];
      }),
    );
  }

  /** An array of objects such as items[0][id]. */
  list(name: string, allowed: readonly string[]): ParamReader[] {
    const v = this.params[name];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw invalidParam(null, 'Invalid array', this.name(name));
    return v.map((x, i) => ParamReader.at(x, `${this.name(name)}[${i}]`, allowed));
  }
}

export function applyMetadata(current: Record<string, string>, update: Record<string, string | null> | undefined): Record<string, string> {
  if (!update) return current;
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}
