// The shape contract between the Stripe sandbox and Stripe's fixtures: every field of the fixture is
// present with the same JSON type. A null in the fixture says nothing about the type, so it allows
// anything; a null in the sandbox's object is accepted only at paths listed as nullable (fields
// Stripe's API — and stripe-node's types — declare `| null`, such as canceled_at on a live subscription).
export type JsonType = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';

export function jsonType(v: unknown): JsonType | 'undefined' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'object') return t;
  return 'undefined';
}

/** Problems found comparing `actual` against `fixture`; paths look like `items.data[].price.recurring`. */
export function shapeProblems(fixture: unknown, actual: unknown, nullable: ReadonlySet<string> = new Set(), path = ''): string[] {
  const expected = jsonType(fixture);
  const got = jsonType(actual);
  const at = path || '(root)';
  if (expected === 'null') return [];
  if (got === 'undefined') return [`${at}: missing (fixture has ${expected})`];
  if (got === 'null') return nullable.has(path) ? [] : [`${at}: null where the fixture has ${expected}`];
  if (got !== expected) return [`${at}: ${got} where the fixture has ${expected}`];
  if (expected === 'object') {
    const f = fixture as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    return Object.keys(f).flatMap((k) => shapeProblems(f[k], a[k], nullable, path ? `${path}.${k}` : k));
  }
  if (expected === 'array') {
    const sample = (fixture as unknown[])[0];
    if (sample === undefined) return [];
    return (actual as unknown[]).flatMap((x) => shapeProblems(sample, x, nullable, `${path}[]`));
  }
  return [];
}
