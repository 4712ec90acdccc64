// PgliteDialect: one PGlite session shared safely — transactions never interleave with other work.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDialect } from '../../../../functions/src/adapters/storage/PgliteDialect.js';

interface TestDb {
  counter: { id: number; value: number };
  items: { name: string };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('PgliteDialect', () => {
  let pglite: PGlite;
  let db: Kysely<TestDb>;

  beforeAll(async () => {
    pglite = await PGlite.create('memory://');
    db = new Kysely<TestDb>({ dialect: new PgliteDialect({ database: pglite }) });
    await sql`CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)`.execute(db);
    await sql`CREATE TABLE items (name text PRIMARY KEY)`.execute(db);
    await db.insertInto('counter').values({ id: 1, value: 0 }).execute();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('runs concurrent read-modify-write transactions one after the other', async () => {
    const increment = () =>
      db.transaction().execute(async (trx) => {
        const { value } = await trx.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
        await pause(); // gives the other transaction every chance to interleave
        await trx.updateTable('counter').set({ value: value + 1 }).where('id', '=', 1).execute();
      });
    await Promise.all([increment(), increment(), increment()]);
    const { value } = await db.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
    expect(value).toBe(3);
  });

  it('keeps a query from outside out of an open transaction', async () => {
    let outside: Promise<unknown[]> | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ name: 'uncommitted' }).execute();
        outside = db.selectFrom('items').selectAll().where('name', '=', 'uncommitted').execute();
        await pause();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // Had it run inside the session's open transaction, it would have seen the row.
    expect(await outside).toEqual([]);
  });

  it('reports affected rows and supports savepoints', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('items').values([{ name: 'a' }, { name: 'b' }]).execute();
    const saved = await trx.savepoint('before_c').execute();
    await saved.insertInto('items').values({ name: 'c' }).execute();
    const back = await saved.rollbackToSavepoint('before_c').execute();
    const deleted = await back.deleteFrom('items').where('name', '=', 'b').executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(1n);
    await back.commit().execute();
    const names = await db.selectFrom('items').select('name').orderBy('name').execute();
    expect(names).toEqual([{ name: 'a' }]);
  });

  it('fails the commit of a transaction an error has aborted, and recovers', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`SELECT 1 / 0`.execute(trx).catch(() => undefined);
      }),
    ).rejects.toThrow(/aborted/);
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(db)).rows).toEqual([{ one: 1 }]);
  });

  it('closes PGlite when Kysely is destroyed, after the transaction in flight', async () => {
    const own = await PGlite.create('memory://');
    const ownDb = new Kysely<TestDb>({ dialect: new PgliteDialect({ database: own }) });
    let entered!: () => void;
    let proceed!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const mayProceed = new Promise<void>((resolve) => (proceed = resolve));
    const inFlight = ownDb.transaction().execute(async (trx) => {
      entered();
      await mayProceed;
      return (await sql<{ two: number }>`SELECT 2 AS two`.execute(trx)).rows;
    });
    await inside;
    const destroyed = ownDb.destroy();
    await pause();
    expect(own.closed).toBe(false);
    proceed();
    await destroyed;
    expect(await inFlight).toEqual([{ two: 2 }]);
    expect(own.closed).toBe(true);
  });
});
