// When the sidebar polls: fast while the worker moves the case, slowly while it waits on a
// schedule, not at all while it rests until someone acts.
import { describe, expect, it } from 'vitest';
import { SLOW_FACTOR, nextPollDelay } from '../../../app/src/case/nextPollDelay.js';
import type { CaseView } from '../../../functions/src/http/caseView.js';
import { caseView, proposal } from '../support/caseFixtures.js';

const POLL = 1000;
const cases: [string, CaseView, number | null][] = [
  ['intake', caseView({ state: 'intake' }), POLL],
  ['investigation', caseView({ state: 'investigation' }), POLL],
  ['proposal', caseView({ state: 'proposal' }), POLL],
  ['execution', caseView({ state: 'execution' }), POLL],
  ['verification', caseView({ state: 'verification' }), POLL],
  ['awaiting approval with a pending proposal', caseView(), null],
  ['awaiting approval with an approved proposal queued', caseView({ proposals: [proposal({ status: 'approved' })] }), POLL],
  ['awaiting approval with an executed proposal being verified', caseView({ proposals: [proposal({ status: 'executed' })] }), POLL],
  ['waiting on a system', caseView({ state: 'waiting_on_system' }), POLL * SLOW_FACTOR],
  ['following up', caseView({ state: 'follow_up', proposals: [proposal({ status: 'verified' })] }), POLL * SLOW_FACTOR],
  ['closed', caseView({ state: 'closed', proposals: [proposal({ status: 'verified' })] }), null],
  ['escalated', caseView({ state: 'escalated', proposals: [] }), null],
  ['waiting on the customer', caseView({ state: 'waiting_on_customer', proposals: [] }), null],
];

describe('nextPollDelay', () => {
  it.each(cases)('%s', (_name, view, expected) => {
    expect(nextPollDelay(view, POLL)).toBe(expected);
  });
});
