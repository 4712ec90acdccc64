import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signZendeskPayload, verifyZendeskSignature } from '../../../functions/src/http/auth/webhookSignature.js';
import { authenticateSidebar } from '../../../functions/src/http/auth/zafJwt.js';
import type { Installation, InstallationStore } from '../../../functions/src/ports/InstallationStore.js';
import { DEFAULT_SETTINGS } from '../../../functions/src/domain/settings.js';

const now = new Date('2026-11-20T12:00:00Z');
const body = '{"type":"zen:event-type:ticket.created","detail":{"id":"101"}}';

describe('verifyZendeskSignature', () => {
  const secret = 'whsec-test-secret-123456';
  it('accepts a fresh, correct signature', async () => {
    const ts = '2026-11-20T11:59:00Z';
    await expect(verifyZendeskSignature({ secret, timestamp: ts, body, signature: await signZendeskPayload(secret, ts, body), now })).resolves.toBeUndefined();
  });
  it.each([
    ['a forged signature', async (ts: string) => ({ signature: await signZendeskPayload('another-secret-123456', ts, body), timestamp: ts, body }), 'invalid_signature'],
    ['a tampered body', async (ts: string) => ({ signature: await signZendeskPayload(secret, ts, body), timestamp: ts, body: body.replace('101', '102') }), 'invalid_signature'],
    ['a stale timestamp', async () => ({ signature: await signZendeskPayload(secret, '2026-11-20T11:50:00Z', body), timestamp: '2026-11-20T11:50:00Z', body }), 'stale_webhook'],
    ['no signature', async (ts: string) => ({ signature: undefined, timestamp: ts, body }), 'invalid_signature'],
  ])('rejects %s', async (_n, make, code) => {
    const parts = await make('2026-11-20T11:59:30Z');
    await expect(verifyZendeskSignature({ secret, now, ...parts })).rejects.toMatchObject({ code });
  });
});

describe('authenticateSidebar', () => {
  const inst = (id: string, sharedSecret: string): Installation => ({
    id, subdomain: id, sharedSecret, webhookSecret: 'w'.repeat(20), settings: DEFAULT_SETTINGS, policyId: 'standard-retail', locale: 'en',
    connectors: { zendesk: { baseUrl: 'http://z', email: 'e', apiToken: 't' }, stripe: { apiKey: 'sk' }, oms: { baseUrl: 'http://o', apiKey: 'k' } },
  });
  const store: InstallationStore = {
    get: async (id) => ({ a: inst('a', 'secret-of-installation-a'), b: inst('b', 'secret-of-installation-b') })[id] ?? null,
    save: async () => {},
    listOptedInToDelayOutreach: async () => [],
  };
  const token = (secret: string, iss: string | undefined, exp: number | null = now.getTime() / 1000 + 300) => {
    let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('agent-7');
    if (iss) jwt = jwt.setIssuer(iss);
    if (exp) jwt = jwt.setExpirationTime(exp);
    return jwt.sign(new TextEncoder().encode(secret));
  };

  it('accepts a token signed with the installation secret and names the agent', async () => {
    const id = await authenticateSidebar(`Bearer ${await token('secret-of-installation-a', 'a')}`, store, now);
    expect(id.installation.id).toBe('a');
    expect(id.actor).toEqual({ kind: 'agent', id: 'agent-7' });
  });
  it.each([
    ['no token', async () => undefined],
    ['a malformed token', async () => 'Bearer not-a-jwt'],
    ["another installation's secret", async () => `Bearer ${await token('secret-of-installation-b', 'a')}`],
    ['an unknown installation', async () => `Bearer ${await token('secret-of-installation-a', 'zzz')}`],
    ['no issuer', async () => `Bearer ${await token('secret-of-installation-a', undefined)}`],
    ['no expiry', async () => `Bearer ${await token('secret-of-installation-a', 'a', null)}`],
    ['an expired token', async () => `Bearer ${await token('secret-of-installation-a', 'a', now.getTime() / 1000 - 120)}`],
  ])('rejects %s', async (_n, header) => {
    await expect(authenticateSidebar(await header(), store, now)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
