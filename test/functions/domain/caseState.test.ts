import { describe, expect, it } from 'vitest';
import { canTransition } from '../../../functions/src/domain/caseState.js';

describe('canTransition', () => {
  it.each([
    ['intake', 'investigation', true],
    ['intake', 'execution', false],
    ['awaiting_approval', 'execution', true],
    ['execution', 'verification', true],
    ['verification', 'closed', true],
    ['execution', 'waiting_on_system', true],
    ['waiting_on_system', 'execution', true],
    ['closed', 'investigation', true],
    ['closed', 'escalated', false],
    ['closed', 'execution', false],
    ['investigation', 'escalated', true],
    ['proposal', 'verification', false],
  ] as const)('%s → %s: %s', (from, to, ok) => expect(canTransition(from, to)).toBe(ok));
});
