// InstallationStore on Postgres/PGlite. The shared secret, webhook secret and connector credentials
// are sealed together in one SecretBox envelope bound to the installation id; the rest is plain.
import { sql, type Kysely } from 'kysely';
import type { Settings } from '../../domain/settings.js';
import type { ConnectorCredentials, Installation, InstallationStore } from '../../ports/InstallationStore.js';
import type { Database } from './Database.js';
import { SecretBox } from './SecretBox.js';

interface SealedSecrets {
  sharedSecret: string;
  webhookSecret: string;
  connectors: ConnectorCredentials;
}

export class KyselyInstallationStore implements InstallationStore {
  readonly #box: SecretBox;

  /** @param key base64 of the 32-byte encryption key, or a SecretBox holding current and retired keys. */
  constructor(
    private readonly db: Kysely<Database>,
    key: string | SecretBox,
  ) {
    this.#box = typeof key === 'string' ? new SecretBox(key) : key;
  }

  async get(id: string): Promise<Installation | null> {
    const row = await this.db.selectFrom('installations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const secrets = JSON.parse(await this.#box.open(row.secrets, associatedData(row.id))) as SealedSecrets;
    return {
      id: row.id,
      subdomain: row.subdomain,
      sharedSecret: secrets.sharedSecret,
      webhookSecret: secrets.webhookSecret,
      connectors: secrets.connectors,
      settings: row.settings as Settings,
      policyId: row.policy_id,
      locale: row.locale,
    };
  }

  async listOptedInToDelayOutreach(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('installations')
      .select('id')
      .where(sql<boolean>`(settings->>'proactiveDelayOutreach') = 'true'`)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async save(installation: Installation): Promise<void> {
    const sealed: SealedSecrets = {
      sharedSecret: installation.sharedSecret,
      webhookSecret: installation.webhookSecret,
      connectors: installation.connectors,
    };
    // Re-sealed on every save, so saving after a key rotation moves the row to the new key.
    const secrets = await this.#box.seal(JSON.stringify(sealed), associatedData(installation.id));
    const columns = {
      subdomain: installation.subdomain,
      secrets,
      settings: JSON.stringify(installation.settings),
      policy_id: installation.policyId,
      locale: installation.locale,
    };
    await this.db
      .insertInto('installations')
      .values({ id: installation.id, ...columns })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...columns, updated_at: sql<string>`now()` }))
      .execute();
  }
}

/** Binds the envelope to its row: copied onto another installation it no longer opens. */
function associatedData(installationId: string): string {
  return `installation:${installationId}`;
}
