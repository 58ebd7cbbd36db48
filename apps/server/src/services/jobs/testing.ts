/**
 * Two servers on one database, for tests of the shared job queue: on PGlite the one embedded
 * database both apps use (one process owns it), on PostgreSQL (TEST_DATABASE_URL) two separate
 * connection pools to one fresh test database, as two server processes would have.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, type DatabaseKind, openDatabase } from '../../db/database.ts';
import { adminQuery, openTestDatabase, TEST_DATABASE_URL_VAR, testedDatabaseKinds } from '../../testing/databases.ts';

export interface TwoServers {
  kind: DatabaseKind;
  /** Server A's database. */
  a: Database;
  /** Server B's: the same database through its own connections (PostgreSQL) or the same object (PGlite). */
  b: Database;
}

/** One describe block per backend; `servers()` is valid inside tests and hooks. */
export function describeTwoServers(name: string, body: (servers: () => TwoServers) => void): void {
  for (const kind of testedDatabaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let opened: (TwoServers & { close(): Promise<void> }) | undefined;
      beforeAll(async () => {
        opened = await openTwoServers(kind);
      }, 60_000);
      afterAll(async () => {
        await opened?.close();
      }, 60_000);
      body(() => {
        if (!opened) throw new Error('The databases are opened in beforeAll');
        return opened;
      });
    });
  }
}

async function openTwoServers(kind: DatabaseKind): Promise<TwoServers & { close(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openTestDatabase('pglite');
    return { kind, a: db, b: db, close: () => db.close() };
  }
  const serverUrl = process.env[TEST_DATABASE_URL_VAR]!;
  const name = `parindex_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened: Database[] = [];
  const close = async () => {
    for (const d of opened) await d.close();
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  };
  // Both at once, as two servers starting together: the migration lock lets one migrate.
  const results = await Promise.allSettled([openDatabase({ databaseUrl: url.toString() }), openDatabase({ databaseUrl: url.toString() })]);
  for (const r of results) if (r.status === 'fulfilled') opened.push(r.value);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return { kind, a: opened[0]!, b: opened[1]!, close };
}
