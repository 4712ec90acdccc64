// Stripe's own example object for each resource (fixtures.json, see FIXTURES-LICENSE.md): every object
// the sandbox returns starts as a copy of it, overlaid with the sandbox's values, so it carries every
// field real Stripe sends with the same JSON type.
import fixtures from './fixtures.json' with { type: 'json' };

export type FixtureName = keyof typeof fixtures.resources;
export type Json = Record<string, unknown>;

export function fixtureTemplate(name: FixtureName): Json {
  return structuredClone(fixtures.resources[name]) as Json;
}

/** A nested object of a template, for overlaying part of it. */
export function sub(template: Json, key: string): Json {
  return structuredClone(template[key]) as Json;
}
