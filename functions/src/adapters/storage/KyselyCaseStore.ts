// CaseStore on Postgres/PGlite: one snapshot row per case plus its append-only, hash-chained events.
// Every statement names the installation, so one tenant can never read or write another's case.
import { sql, type Kysely, type Selectable } from 'kysely';
import { GENESIS_HASH, type Actor, type AuditEvent } from '../../domain/audit.js';
import { emptyCaseData, type CaseData, type CaseRecord, type CaseSnapshot } from '../../domain/caseRecord.js';
import type { CaseState } from '../../domain/caseState.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { CaseStore } from '../../ports/CaseStore.js';
import { timestamptz, toIso, toSafeNumber } from './columnValues.js';
import type { CaseEventsTable, CasesTable, Database } from './Database.js';

type VersionConflict = { code: 'version_conflict' };

export class KyselyCaseStore implements CaseStore {
  constructor(private readonly db: Kysely<Database>) {}

  async openCase(input: { id: string; installationId: string; ticketId: string; at: string }): Promise<{
    record: CaseRecord;
    created: boolean;
  }> {
    const data = emptyCaseData();
    // Insert-or-nothing, then read: concurrent openers of one ticket all end on the same row, and a
    // loser waits for the winner's insert to commit before its own statement returns.
    const inserted = await this.db
      .insertInto('cases')
      .values({
        id: input.id,
        installation_id: input.installationId,
        ticket_id: input.ticketId,
        state: 'intake' satisfies CaseState,
        case_type: null,
        version: 0,
        last_hash: GENESIS_HASH,
        schema_version: data.schemaVersion,
        data: JSON.stringify(data),
        created_at: input.at,
        updated_at: input.at,
      })
      .onConflict((oc) => oc.columns(['installation_id', 'ticket_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { record: toRecord(inserted), created: true };
    const existing = await this.findByTicket(input.installationId, input.ticketId);
    if (!existing) throw new Error(`openCase: ticket ${input.ticketId} conflicted but its case cannot be read`);
    return { record: existing, created: false };
  }

  async getCase(installationId: string, caseId: string): Promise<CaseRecord | null> {
    const row = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('id', '=', caseId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findByTicket(installationId: string, ticketId: string): Promise<CaseRecord | null> {
    const row = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /**
   * Optimistic concurrency on `version` (= number of events). A commit without events replaces the
   * snapshot at the same version, so it cannot be told apart from a concurrent one: record an event.
   */
  async commit(
    installationId: string,
    caseId: string,
    expectedVersion: number,
    next: CaseSnapshot,
    events: AuditEvent[],
  ): Promise<Result<CaseRecord, VersionConflict>> {
    assertEventsContinue(installationId, caseId, expectedVersion, events);
    const first = events[0];
    const last = events.at(-1);
    try {
      return await this.db.transaction().execute(async (trx) => {
        let update = trx
          .updateTable('cases')
          .set({
            state: next.state,
            case_type: next.caseType,
            data: JSON.stringify(next.data),
            schema_version: next.data.schemaVersion,
            updated_at: next.updatedAt,
            version: expectedVersion + events.length,
            ...(last ? { last_hash: last.hash } : {}),
          })
          .where('installation_id', '=', installationId)
          .where('id', '=', caseId)
          .where('version', '=', expectedVersion);
        if (first) update = update.where('last_hash', '=', first.prevHash);
        const updated = await update.returningAll().executeTakeFirst();
        if (!updated) {
          const current = await trx
            .selectFrom('cases')
            .select('version')
            .where('installation_id', '=', installationId)
            .where('id', '=', caseId)
            .executeTakeFirst();
          if (!current) throw new Error(`commit: case ${caseId} does not exist in installation ${installationId}`);
          if (current.version === expectedVersion) {
            throw new Error(`commit: event ${first?.seq} does not chain onto the stored head of case ${caseId}`);
          }
          throw new ConflictSignal();
        }
        if (events.length > 0) await trx.insertInto('case_events').values(events.map(toEventRow)).execute();
        return ok(toRecord(updated));
      });
    } catch (e) {
      // Thrown inside so the transaction rolls back; turned into the expected-failure value here.
      if (e instanceof ConflictSignal) return err({ code: 'version_conflict' });
      throw e;
    }
  }

  async listEvents(installationId: string, caseId: string): Promise<AuditEvent[]> {
    const rows = await this.db
      .selectFrom('case_events')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    return rows.map(toEvent);
  }

  async spendSince(installationId: string, since: string, currency: string): Promise<number> {
    // Only well-formed numeric amounts count: a malformed event can never be repaired (the log is
    // append-only), so it must not break the spend guardrail for the whole installation.
    const row = await this.db
      .selectFrom('case_events')
      .select(
        sql<string | number>`coalesce(sum(
          CASE WHEN jsonb_typeof(data->'amount'->'amount') = 'number'
               THEN (data->'amount'->>'amount')::numeric END), 0)`.as('total'),
      )
      .where('installation_id', '=', installationId)
      .where('type', '=', 'action.executed')
      .where('at', '>=', timestamptz(toIso(since)))
      .where(sql<string>`lower(data->'amount'->>'currency')`, '=', currency.toLowerCase())
      .executeTakeFirstOrThrow();
    return toSafeNumber(row.total);
  }
}

class ConflictSignal extends Error {}

/** Events handed to commit are sealed by the engine; a mismatch here is a bug, not a conflict. */
function assertEventsContinue(installationId: string, caseId: string, expectedVersion: number, events: AuditEvent[]) {
  events.forEach((e, i) => {
    const problem =
      e.installationId !== installationId || e.caseId !== caseId
        ? 'belongs to another case'
        : e.seq !== expectedVersion + i + 1
          ? `has seq ${e.seq}, expected ${expectedVersion + i + 1}`
          : i > 0 && e.prevHash !== events[i - 1]?.hash
            ? 'does not chain onto the event before it'
            : null;
    if (problem) throw new Error(`commit: event #${i} ${problem}`);
  });
}

function toRecord(row: Selectable<CasesTable>): CaseRecord {
  return {
    id: row.id,
    installationId: row.installation_id,
    ticketId: row.ticket_id,
    state: row.state as CaseState,
    caseType: row.case_type,
    data: row.data as CaseData,
    version: row.version,
    lastHash: row.last_hash,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toEventRow(e: AuditEvent) {
  return {
    installation_id: e.installationId,
    case_id: e.caseId,
    seq: e.seq,
    type: e.type,
    at: e.at,
    at_text: e.at,
    actor: JSON.stringify(e.actor),
    data: JSON.stringify(e.data),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

function toEvent(row: Selectable<CaseEventsTable>): AuditEvent {
  return {
    installationId: row.installation_id,
    caseId: row.case_id,
    seq: row.seq,
    type: row.type,
    at: row.at_text,
    actor: row.actor as Actor,
    data: row.data as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
