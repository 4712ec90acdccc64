// Persistence of cases: a snapshot row plus the append-only, hash-chained event log (F1, F7).
import type { AuditEvent } from '../domain/audit.js';
import type { CaseRecord, CaseSnapshot } from '../domain/caseRecord.js';
import type { Result } from '../domain/result.js';

export interface CaseStore {
  /** Creates the case for a ticket, or returns the one that exists: one ticket, one case. */
  openCase(input: { id: string; installationId: string; ticketId: string; at: string }): Promise<{
    record: CaseRecord;
    created: boolean;
  }>;
  getCase(installationId: string, caseId: string): Promise<CaseRecord | null>;
  findByTicket(installationId: string, ticketId: string): Promise<CaseRecord | null>;
  /**
   * Appends `events` (already sealed, seq = expectedVersion+1…) and replaces the snapshot, atomically,
   * only if the case is still at `expectedVersion`. A concurrent writer gets version_conflict.
   */
  commit(
    installationId: string,
    caseId: string,
    expectedVersion: number,
    next: CaseSnapshot,
    events: AuditEvent[],
  ): Promise<Result<CaseRecord, { code: 'version_conflict' }>>;
  listEvents(installationId: string, caseId: string): Promise<AuditEvent[]>;
  /** Sum of `data.amount.amount` of `action.executed` events in `currency` at or after `since`. */
  spendSince(installationId: string, since: string, currency: string): Promise<number>;
}
