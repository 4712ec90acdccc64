// Seed worlds are written with absolute ISO-8601 times and a `now`. For a demo that should look
// current, every ISO timestamp in the world is shifted by (target - world.now), keeping all
// relative ages (placed 3 hours ago, delivered 5 days late) intact.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function rebaseDates<T>(world: T, from: string, to: Date): T {
  const delta = to.getTime() - Date.parse(from);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && ISO.test(v)) return new Date(Date.parse(v) + delta).toISOString();
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(world) as T;
}
