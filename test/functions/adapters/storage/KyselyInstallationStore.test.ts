// KyselyInstallationStore on both engines: round trip, secrets sealed at rest, wrong keys fail loudly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyInstallationStore } from '../../../../functions/src/adapters/storage/KyselyInstallationStore.js';
import type { OpenDatabase } from '../../../../functions/src/adapters/storage/openDatabase.js';
import { SecretBox } from '../../../../functions/src/adapters/storage/SecretBox.js';
import { DEFAULT_SETTINGS } from '../../../../functions/src/domain/settings.js';
import type { Installation } from '../../../../functions/src/ports/InstallationStore.js';
import { storageEngines } from './engines.js';

const engines = await storageEngines();

const KEY = SecretBox.generateKey();
const uid = (prefix: string) => `${prefix}_${globalThis.crypto.randomUUID().slice(0, 8)}`;

function installation(changes: Partial<Installation> = {}): Installation {
  return {
    id: uid('inst'),
    subdomain: 'acme',
    sharedSecret: 'zaf-shared-secret-value',
    webhookSecret: 'webhook-signing-secret-value',
    connectors: {
      zendesk: { baseUrl: 'http://127.0.0.1:4010', email: 'bot@acme.example', apiToken: 'zendesk-api-token-value' },
      stripe: { apiKey: 'sk_test_stripe-key-value', apiBase: 'http://127.0.0.1:4020' },
      oms: { baseUrl: 'http://127.0.0.1:4030', apiKey: 'oms-api-key-value' },
    },
    settings: { ...DEFAULT_SETTINGS, autonomy: { refund: { low: 'autopilot' } }, escalationGroupId: '360001' },
    policyId: 'default-v1',
    locale: 'en-US',
    ...changes,
  };
}

const SECRET_VALUES = [
  'zaf-shared-secret-value',
  'webhook-signing-secret-value',
  'zendesk-api-token-value',
  'sk_test_stripe-key-value',
  'oms-api-key-value',
  'bot@acme.example',
];

describe.each(engines)('KyselyInstallationStore on $name', (engine) => {
  let handle: OpenDatabase;
  let store: KyselyInstallationStore;

  beforeAll(async () => {
    handle = await engine.open();
    store = new KyselyInstallationStore(handle.db, KEY);
  });
  afterAll(() => engine.dispose());

  const rawRow = (id: string) =>
    handle.db.selectFrom('installations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('gives back exactly what was saved', async () => {
    const saved = installation();
    await store.save(saved);
    expect(await store.get(saved.id)).toEqual(saved);
  });

  it('lists the installations that opted in to proactive delay outreach, following their settings', async () => {
    const on = installation({ settings: { ...DEFAULT_SETTINGS, proactiveDelayOutreach: true } });
    const off = installation();
    const { proactiveDelayOutreach: _absent, ...older } = DEFAULT_SETTINGS;
    const old = installation({ settings: older });
    for (const i of [on, off, old]) await store.save(i);
    const listed = await store.listOptedInToDelayOutreach();
    expect(listed).toContain(on.id);
    expect(listed).not.toContain(off.id);
    expect(listed).not.toContain(old.id);
    await store.save({ ...off, settings: { ...off.settings, proactiveDelayOutreach: true } });
    await store.save({ ...on, settings: { ...on.settings, proactiveDelayOutreach: false } });
    const after = await store.listOptedInToDelayOutreach();
    expect([after.includes(off.id), after.includes(on.id)]).toEqual([true, false]);
  });

  it('answers null for an installation it does not know', async () => {
    expect(await store.get('inst_unknown')).toBeNull();
  });

  it('keeps no secret readable in the stored row', async () => {
    const saved = installation();
    await store.save(saved);
    const row = await rawRow(saved.id);
    const raw = JSON.stringify(row);
    for (const secret of SECRET_VALUES) expect(raw).not.toContain(secret);
    expect(row.secrets).toMatch(/^v1\.[0-9a-f]{12}\./);
    expect(row).toMatchObject({
      subdomain: 'acme',
      policy_id: 'default-v1',
      locale: 'en-US',
      settings: saved.settings,
    });
  });

  it('replaces an installation on a second save', async () => {
    const first = installation();
    await store.save(first);
    const { created_at: createdBefore } = await rawRow(first.id);
    const second = { ...first, webhookSecret: 'rotated-webhook-secret', locale: 'es-ES', policyId: 'strict-v2' };
    await store.save(second);
    expect(await store.get(first.id)).toEqual(second);
    expect((await rawRow(first.id)).created_at).toEqual(createdBefore);
  });

  it('fails loudly when read with the wrong key', async () => {
    const saved = installation();
    await store.save(saved);
    const wrong = new KyselyInstallationStore(handle.db, SecretBox.generateKey());
    await expect(wrong.get(saved.id)).rejects.toThrow(/SecretBox: .*not among the configured keys/);
  });

  it('refuses secrets copied from another installation’s row', async () => {
    const victim = installation();
    const attacker = installation();
    await store.save(victim);
    await store.save(attacker);
    const { secrets } = await rawRow(victim.id);
    await handle.db.updateTable('installations').set({ secrets }).where('id', '=', attacker.id).execute();
    await expect(store.get(attacker.id)).rejects.toThrow(/decryption .* failed/);
  });

  it('reads rows sealed before a key rotation and re-seals them with the new key on save', async () => {
    const newKey = SecretBox.generateKey();
    const saved = installation();
    await store.save(saved);
    const rotated = new KyselyInstallationStore(handle.db, new SecretBox(newKey, [KEY]));
    expect(await rotated.get(saved.id)).toEqual(saved);
    await rotated.save(saved);
    expect((await rawRow(saved.id)).secrets.split('.')[1]).toBe(await new SecretBox(newKey).keyId());
    await expect(store.get(saved.id)).rejects.toThrow(/not among/);
  });
});
