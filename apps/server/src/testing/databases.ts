/**
 * Runs database tests on every backend ParIndex supports: the embedded PGlite always, and
 * PostgreSQL too when TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres).
 *
 * Each suite gets its own database — a fresh in-memory PGlite, or a new PostgreSQL database
 * `parindex_t_<random>` created on the URL's server and dropped afterwards — so test files run
 * in parallel. Tables are emptied before each test so tests do not depend on one another.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { executeRows, openDatabase, type Database, type DatabaseKind, type Db } from '../db/database.ts';

export const TEST_DATABASE_URL_VAR = 'TEST_DATABASE_URL';

/** The backends to test on: PGlite always; PostgreSQL when TEST_DATABASE_URL is set. */
export function testedDatabaseKinds(): DatabaseKind[] {
  return process.env[TEST_DATABASE_URL_VAR] ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Empties every application table (not the migrations' bookkeeping). */
  truncate(): Promise<void>;
}

/** Opens a fresh, migrated database of this kind; close() also drops a PostgreSQL test database. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') return withTruncate(await openDatabase({ inMemory: true }));
  const serverUrl = process.env[TEST_DATABASE_URL_VAR];
  if (!serverUrl) throw new Error(`${TEST_DATABASE_URL_VAR} is not set: cannot test on PostgreSQL`);
  const name = `parindex_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url.toString() });
  } catch (err) {
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    throw err;
  }
  return withTruncate({
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  });
}

export interface DescribeOptions {
  /** Empty the tables before each test (default true). */
  truncateEach?: boolean;
}

/**
 * `describeEachDatabase('units repository', (getDb) => { it(…) })` declares one describe block
 * per backend, named "units repository [pglite]" and "units repository [postgres]".
 * `getDb()` is valid inside tests and hooks (the database is opened in beforeAll).
 */
export function describeEachDatabase(
  name: string,
  body: (getDb: () => Db, kind: DatabaseKind) => void,
  options: DescribeOptions = {},
): void {
  for (const kind of testedDatabaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(kind);
      }, 60_000);
      afterAll(async () => {
        await database?.close();
      }, 60_000);
      if (options.truncateEach ?? true) {
        beforeEach(async () => {
          await database?.truncate();
        });
      }
      body(() => {
        if (!database) throw new Error('The test database is opened in beforeAll: call getDb() inside a test or hook');
        return database.db;
      }, kind);
    });
  }
}

function withTruncate(database: Database): TestDatabase {
  return {
    ...database,
    truncate: async () => {
      const rows = await executeRows<{ tablename: string }>(
        database.db,
        sql`select tablename from pg_tables where schemaname = 'public'`,
      );
      const tables = rows.map((r) => `"public"."${r.tablename}"`);
      if (tables.length > 0) await database.db.execute(sql.raw(`truncate ${tables.join(', ')} cascade`));
    },
  };
}

/** Runs one statement on the PostgreSQL server itself (creating or dropping a test database). */
export async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
