// The case lifecycle (F1): which states exist and which moves between them are legal.
export const CASE_STATES = [
  'intake',
  'investigation',
  'proposal',
  'awaiting_approval',
  'execution',
  'verification',
  'follow_up',
  'closed',
  'escalated',
  'waiting_on_customer',
  'waiting_on_system',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

const SIDE_EXITS: CaseState[] = ['escalated', 'waiting_on_customer', 'waiting_on_system'];

const FORWARD: Record<CaseState, CaseState[]> = {
  intake: ['investigation'],
  investigation: ['proposal', 'closed'],
  proposal: ['awaiting_approval', 'execution', 'closed'],
  awaiting_approval: ['execution', 'proposal', 'closed', 'investigation'],
  execution: ['verification', 'awaiting_approval', 'closed'],
  verification: ['follow_up', 'closed', 'execution', 'awaiting_approval'],
  follow_up: ['closed', 'investigation', 'execution', 'verification'],
  closed: ['investigation'], // a new customer message reopens the same case
  escalated: ['investigation', 'closed'],
  waiting_on_customer: ['investigation', 'closed'],
  waiting_on_system: ['investigation', 'execution', 'verification', 'follow_up', 'closed'],
};

export function canTransition(from: CaseState, to: CaseState): boolean {
  if (from === to) return true;
  if (SIDE_EXITS.includes(to) && from !== 'closed') return true;
  return FORWARD[from].includes(to);
}

export function isTerminal(state: CaseState): boolean {
  return state === 'closed';
}
