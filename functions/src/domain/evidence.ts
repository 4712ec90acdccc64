// Facts the investigation established, each carrying where it came from.
import type { Money } from './money.js';
import type { SystemName } from './connectorError.js';

export interface Citation {
  system: SystemName;
  recordType: string;
  recordId: string;
  fields: string[];
  fetchedAt: string; // ISO-8601
  link?: string;
}

export type FactValue = string | number | boolean | null | Money | string[];

export interface Fact {
  key: string; // stable machine key, e.g. "order.status"
  value: FactValue;
  citations: Citation[];
  /** In a ticket with several requests: the request (0-based) this fact was gathered for. */
  request?: number;
}

export interface Conflict {
  key: string;
  description: string;
  citations: Citation[];
}

export type FactMap = Record<string, Fact>;

export function fact(key: string, value: FactValue, citation: Citation): Fact {
  return { key, value, citations: [citation] };
}
