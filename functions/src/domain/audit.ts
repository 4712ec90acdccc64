// The audit trail (F7): every tool call and decision as an event, hash-chained per case so that any
// edit, deletion or reordering of a stored event is detectable by verifyChain.
import { canonicalJson, sha256Hex } from './canonical.js';

export interface Actor {
  kind: 'agent' | 'autopilot' | 'system' | 'customer';
  id: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null };

export interface AuditEventDraft {
  type: string; // noun.verb, e.g. "refund.issued"
  at: string;
  actor: Actor;
  data: Record<string, unknown>;
}

export interface AuditEvent extends AuditEventDraft {
  caseId: string;
  installationId: string;
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function hashInput(e: Omit<AuditEvent, 'hash'>): string {
  return canonicalJson({
    actor: e.actor,
    at: e.at,
    caseId: e.caseId,
    data: e.data,
    installationId: e.installationId,
    prevHash: e.prevHash,
    seq: e.seq,
    type: e.type,
  });
}

/** Numbers and chains drafts after the case's current last event. */
export async function sealEvents(
  base: { caseId: string; installationId: string; version: number; lastHash: string },
  drafts: AuditEventDraft[],
): Promise<AuditEvent[]> {
  const sealed: AuditEvent[] = [];
  let prevHash = base.lastHash;
  let seq = base.version;
  for (const d of drafts) {
    seq += 1;
    // Round-trip through JSON so the hash covers exactly what storage will give back.
    const data = JSON.parse(JSON.stringify(d.data)) as Record<string, unknown>;
    const unsealed = { ...d, data, caseId: base.caseId, installationId: base.installationId, seq, prevHash };
    const hash = await sha256Hex(hashInput(unsealed));
    sealed.push({ ...unsealed, hash });
    prevHash = hash;
  }
  return sealed;
}

export type ChainVerdict = { ok: true; count: number; head: string } | { ok: false; seq: number; reason: string };

export async function verifyChain(events: AuditEvent[]): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { ok: false, seq: e.seq, reason: `expected seq ${i + 1}, found ${e.seq}` };
    if (e.prevHash !== prevHash) return { ok: false, seq: e.seq, reason: 'prevHash does not match the previous event' };
    const expected = await sha256Hex(hashInput(e));
    if (expected !== e.hash) return { ok: false, seq: e.seq, reason: 'hash does not match the event content' };
    prevHash = e.hash;
  }
  return { ok: true, count: events.length, head: prevHash };
}
