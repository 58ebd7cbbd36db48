/**
 * What every suite reads from the environment, and the throwaway PostgreSQL databases they use.
 *
 *   BENCH_SCALE          (0, 1], default 1: every generated workload is scaled by it
 *   BENCH_DATABASE_URL   admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
 *                        each suite creates its own database there and drops it at the end
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '@parindex/server/db/database.ts';
import { log } from './measure.ts';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const ADMIN_URL = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
/** PostgreSQL was asked for by name: no suite may then fall back to the embedded database. */
export const POSTGRES_REQUIRED = Boolean(process.env.BENCH_DATABASE_URL);

export const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0 && SCALE <= 1)) throw new Error(`BENCH_SCALE phải trong khoảng (0, 1], nhận được "${process.env.BENCH_SCALE}"`);

/** A full-scale count scaled by BENCH_SCALE (at least `min`). */
export const scaled = (full: number, min = 1) => Math.max(min, Math.round(full * SCALE));

/** The URL without its password, for logs and the stamp. */
export const redactedUrl = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

/** The server's version (`show server_version`), or why it could not be reached. */
export async function postgresVersion(): Promise<{ version: string } | { error: string }> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return { version: rows[0].server_version };
  } catch (err) {
    return { error: (err as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ThrowawayPostgres {
  url: string;
  database: Database;
  /** Closes the application's pool and drops the database. */
  drop(): Promise<void>;
}

/**
 * A new database on the PostgreSQL server, opened by the application (migrations run). Fails,
 * naming the URL, when the server cannot be reached: a benchmark never silently measures
 * something else.
 */
export async function throwawayPostgres(prefix = 'parindex_bench'): Promise<ThrowawayPostgres> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  try {
    await admin.connect();
  } catch (err) {
    await admin.end().catch(() => undefined);
    throw new Error(`Không kết nối được PostgreSQL tại ${redactedUrl(ADMIN_URL)} (BENCH_DATABASE_URL): ${(err as Error).message}`);
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  log(`PostgreSQL: created database ${name}`);
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url.toString() });
  } catch (err) {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    throw err;
  }
  return {
    url: url.toString(),
    database,
    async drop() {
      await database.close().catch(() => undefined);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      log(`PostgreSQL: dropped database ${name}`);
    },
  };
}
