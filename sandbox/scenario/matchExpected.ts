// Compares a scenario's output with its `expect` block: objects match on the keys the expectation
// names, arrays element by element and with the same length, everything else by equality.
// Large arrays (the τ² world's 1,000 orders) match partially: `{"$some": [e1, e2]}` needs each
// expected element to match some element of the array, `{"$none": [e1]}` needs no element to match
// any of them (both may be given together).
export function matchExpected(actual: unknown, expected: unknown, path = '$'): string[] {
  if (isPartialArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    const some = (expected.$some ?? []).flatMap((e, i) =>
      actual.some((a) => matchExpected(a, e).length === 0) ? [] : [`${path}.$some[${i}]: no element matches ${JSON.stringify(e)}`]);
    const none = (expected.$none ?? []).flatMap((e, i) => {
      const hit = actual.findIndex((a) => matchExpected(a, e).length === 0);
      return hit < 0 ? [] : [`${path}.$none[${i}]: element ${hit} matches ${JSON.stringify(e)}`];
    });
    return [...some, ...none];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((e, i) => matchExpected(actual[i], e, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, v]) => matchExpected((actual as Record<string, unknown>)[k], v, `${path}.${k}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

function isPartialArray(e: unknown): e is { $some?: unknown[]; $none?: unknown[] } {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return false;
  const keys = Object.keys(e);
  return keys.length > 0 && keys.every((k) => (k === '$some' || k === '$none') && Array.isArray((e as Record<string, unknown>)[k]));
}
