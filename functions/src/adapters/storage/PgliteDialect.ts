// A Kysely dialect for PGlite (embedded Postgres in WebAssembly), written against Kysely's public
// Dialect/Driver API and reusing its Postgres adapter, introspector and query compiler.
// PGlite is a single backend — one session — so the driver hands that one connection to one user at a
// time: a transaction holds it from BEGIN to COMMIT and nothing else can run statements inside it.
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** The part of PGlite this dialect uses, so tests or wrappers can stand in for it. */
export interface PgliteLike {
  query<T>(
    query: string,
    params?: unknown[],
  ): Promise<{ rows: T[]; command?: string; rowCount?: number; affectedRows?: number }>;
  close(): Promise<void>;
}

export interface PgliteDialectConfig {
  /** The database; the driver owns it from now on and closes it when Kysely is destroyed. */
  database: PgliteLike;
}

export class PgliteDialect implements Dialect {
  readonly #config: PgliteDialectConfig;

  constructor(config: PgliteDialectConfig) {
    this.#config = config;
  }

  createDriver(): Driver {
    return new PgliteDriver(this.#config.database);
  }

  createQueryCompiler(): PostgresQueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<any>): PostgresIntrospector {
    return new PostgresIntrospector(db);
  }
}

/** FIFO lock: `acquire` resolves with the function that lets the next waiter in. */
class Lock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turn = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return turn;
  }
}

const MUTATING_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
const SAVEPOINT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PgliteLike) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    // Same contract as Kysely's pg driver: COMMIT answers ROLLBACK when the transaction had failed.
    if (result.command === 'COMMIT' || result.command === 'ROLLBACK') {
      return { rows: [{ command: result.command } as R] };
    }
    const affected = result.rowCount ?? result.affectedRows ?? 0;
    return {
      rows: result.rows ?? [],
      ...(result.command && MUTATING_COMMANDS.has(result.command) ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // PGlite has no cursors through this API: the whole result is read, then handed out in chunks.
  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new Error('chunkSize must be a positive integer');
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

class PgliteDriver implements Driver {
  readonly #pg: PgliteLike;
  readonly #connection: PgliteConnection;
  readonly #lock = new Lock();
  #release: (() => void) | null = null;
  #destroyed = false;

  constructor(pg: PgliteLike) {
    this.#pg = pg;
    this.#connection = new PgliteConnection(pg);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#lock.acquire();
    if (this.#destroyed) {
      release();
      throw new Error('the PGlite driver has already been destroyed');
    }
    this.#release = release;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let statement = settings.isolationLevel || settings.accessMode ? 'start transaction' : 'begin';
    if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) statement += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(statement));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    if (rows[0]?.command === 'ROLLBACK') {
      throw new Error('the transaction was aborted by an earlier error and rolled back');
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${savepointName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${savepointName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${savepointName(name)}`));
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    // Wait for whoever holds the connection (a transaction mid-flight) before closing under it.
    const release = await this.#lock.acquire();
    this.#destroyed = true;
    try {
      await this.#pg.close();
    } finally {
      release();
    }
  }
}

function savepointName(name: string): string {
  if (!SAVEPOINT_NAME.test(name)) throw new Error(`invalid savepoint name: ${JSON.stringify(name)}`);
  return `"${name}"`;
}
