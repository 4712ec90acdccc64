// Stripe's list envelope and its cursor pagination (limit, starting_after, ending_before).
import { resourceMissing } from './StripeApiError.js';
import type { ParamReader } from './formParams.js';

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export function listObject<T>(data: T[], url: string, hasMore = false): StripeList<T> {
  return { object: 'list', data, has_more: hasMore, url };
}

/** Pages `items` (already newest first) the way Stripe does; the cursor must name an item of the list. */
export function paginate<T extends { id: string }>(items: T[], reader: ParamReader): { page: T[]; hasMore: boolean } {
  const limit = reader.int('limit', { min: 1 }) ?? 10;
  const after = reader.string('starting_after');
  const before = reader.string('ending_before');
  const indexOf = (id: string, param: string) => {
    const i = items.findIndex((x) => x.id === id);
    if (i < 0) throw resourceMissing('object', id, param, 400);
    return i;
  };
  const capped = Math.min(limit, 100);
  if (before) {
    const end = indexOf(before, 'ending_before');
    const start = Math.max(0, end - capped);
    return { page: items.slice(start, end), hasMore: start > 0 };
  }
  const start = after ? indexOf(after, 'starting_after') + 1 : 0;
  return { page: items.slice(start, start + capped), hasMore: start + capped < items.length };
}
