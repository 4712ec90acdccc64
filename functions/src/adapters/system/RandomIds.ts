// Unguessable, sortable-enough identifiers: prefix + time + randomness.
import type { Ids } from '../../ports/Ids.js';

export class RandomIds implements Ids {
  newId(prefix: string): string {
    const rand = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(10)), (b) => b.toString(16).padStart(2, '0')).join('');
    return `${prefix}_${Date.now().toString(36)}${rand}`;
  }
}
