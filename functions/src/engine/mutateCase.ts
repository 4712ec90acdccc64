// The one way the engine changes a case: read, decide (pure), commit events + snapshot together,
// and on a concurrent write re-read and decide again. Side effects never happen inside `decide`.
import { sealEvents, type AuditEventDraft } from '../domain/audit.js';
import type { CaseData, CaseRecord } from '../domain/caseRecord.js';
import { canTransition, type CaseState } from '../domain/caseState.js';
import { AppError } from '../domain/errors.js';
import type { EngineDeps } from './EngineDeps.js';

export interface CaseChange {
  state?: CaseState;
  caseType?: string | null;
  data?: CaseData;
  events: AuditEventDraft[];
}

const MAX_ATTEMPTS = 8;

export async function mutateCase(
  deps: Pick<EngineDeps, 'cases' | 'clock'>,
  installationId: string,
  caseId: string,
  decide: (record: CaseRecord) => CaseChange | null,
): Promise<CaseRecord> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const record = await deps.cases.getCase(installationId, caseId);
    if (!record) throw new AppError('not_found', `case ${caseId} not found`);
    const change = decide(record);
    if (!change || (change.events.length === 0 && !change.state && !change.data)) return record;
    const state = change.state ?? record.state;
    // The version only moves with events; a silent snapshot change could overwrite a concurrent one.
    if (change.events.length === 0 && state === record.state) throw new Error('a case change must record at least one event');
    if (!canTransition(record.state, state)) {
      throw new Error(`illegal case transition ${record.state} → ${state} for case ${caseId}`);
    }
    const events = state !== record.state
      ? [...change.events, { type: 'case.state_changed', at: deps.clock.now().toISOString(), actor: change.events[0]?.actor ?? { kind: 'system' as const, id: null }, data: { from: record.state, to: state } }]
      : change.events;
    const sealed = await sealEvents(
      { caseId, installationId, version: record.version, lastHash: record.lastHash },
      events,
    );
    const result = await deps.cases.commit(installationId, caseId, record.version, {
      state,
      caseType: change.caseType === undefined ? record.caseType : change.caseType,
      data: change.data ?? record.data,
      updatedAt: deps.clock.now().toISOString(),
    }, sealed);
    if (result.ok) return result.value;
  }
  throw new AppError('conflict', `case ${caseId} is being changed concurrently; try again`, true);
}
