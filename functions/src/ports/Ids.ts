// Identifier generation, injectable so tests are deterministic.
export interface Ids {
  newId(prefix: string): string;
}
