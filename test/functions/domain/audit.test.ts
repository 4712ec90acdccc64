import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, sealEvents, verifyChain, type AuditEvent } from '../../../functions/src/domain/audit.js';
import { canonicalJson } from '../../../functions/src/domain/canonical.js';

async function chain(): Promise<AuditEvent[]> {
  const first = await sealEvents({ caseId: 'c', installationId: 'i', version: 0, lastHash: GENESIS_HASH }, [
    { type: 'case.opened', at: '2026-01-01T00:00:00Z', actor: { kind: 'system', id: null }, data: { ticketId: '1' } },
    { type: 'proposal.approved', at: '2026-01-01T00:01:00Z', actor: { kind: 'agent', id: '7' }, data: { proposalId: 'p' } },
  ]);
  const more = await sealEvents({ caseId: 'c', installationId: 'i', version: 2, lastHash: first[1]!.hash }, [
    { type: 'refund.issued', at: '2026-01-01T00:02:00Z', actor: { kind: 'system', id: null }, data: { refundId: 're_1', amount: { amount: 100, currency: 'usd' } } },
  ]);
  return [...first, ...more];
}

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    const events = await chain();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await verifyChain(events)).toEqual({ ok: true, count: 3, head: events[2]!.hash });
  });

  it.each([
    ['edited data', (e: AuditEvent[]) => { (e[1]!.data as Record<string, unknown>)['proposalId'] = 'other'; }, 2],
    ['edited actor', (e: AuditEvent[]) => { e[2]!.actor = { kind: 'agent', id: 'x' }; }, 3],
    ['deleted event', (e: AuditEvent[]) => { e.splice(1, 1); }, 3],
    ['reordered events', (e: AuditEvent[]) => { [e[0], e[1]] = [e[1]!, e[0]!]; }, 2],
    ['rehashed event without relinking', (e: AuditEvent[]) => { e[0]!.hash = 'f'.repeat(64); }, 1],
  ])('detects %s', async (_n, tamper, seq) => {
    const events = await chain();
    tamper(events);
    const v = await verifyChain(events);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.seq).toBe(seq);
  });
});

describe('canonicalJson', () => {
  it('orders keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
  });
});
