/**
 * Opens the database: embedded PGlite (PostgreSQL compiled to WebAssembly, data in a folder) by
 * default, PostgreSQL through node-postgres when a URL is given. Both get the same schema, the
 * same drizzle-kit migrations (run on every open) and the same query API, typed as `Db`.
 *
 * PGlite is a single process's database: two processes writing one folder would corrupt it. The
 * data folder is therefore locked with proper-lockfile for as long as the database is open.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '@parindex/contracts';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The drizzle database as repositories see it: the common base of both drivers, or a transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Closes connections and releases the data-folder lock. Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… — use PostgreSQL; takes precedence over dataDir. */
  databaseUrl?: string;
  /** Folder for the embedded database (PGlite files in `<dataDir>/pglite`, lock in `<dataDir>/parindex.lock`). */
  dataDir?: string;
  /** Embedded database in memory (tests, demos): nothing is kept after close. */
  inMemory?: boolean;
}

/** Resolved from this module, not the working directory, so the CLI and tests work from anywhere. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * A lock not refreshed for this long belongs to a crashed (killed) process and is taken over. The
 * lock is refreshed from a timer, and PGlite runs queries on the main thread, so this leaves room
 * for a long query; a clean exit or Ctrl-C removes the lock at once.
 */
const LOCK_STALE_MS = 30_000;
/** Serialises migrations of several server processes starting against one PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_270_012_025;

/** Opens the database and brings its schema up to date; throws AppError LOCKED if the folder is in use. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  if (opts.inMemory) return openPglite(undefined);
  if (opts.dataDir) return openPglite(path.resolve(opts.dataDir));
  throw new AppError('VALIDATION', 'Chưa chọn cơ sở dữ liệu: hãy đặt DATABASE_URL (PostgreSQL) hoặc DATA_DIR (thư mục dữ liệu).');
}

/** Runs `fn` in one transaction: everything it writes is kept, or nothing if it throws. */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx));
}

/**
 * Runs raw SQL and returns its rows. Both drivers answer `{ rows }`, but the common `Db` type
 * cannot say so; note that count(*) is a number on PGlite and a string on PostgreSQL (cast it).
 */
export async function executeRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const release = dataDir ? await lockDataDir(dataDir) : undefined;
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(dataDir ? { dataDir: path.join(dataDir, 'pglite') } : {});
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const opened = client;
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      close: once(async () => {
        try {
          await opened.close();
        } finally {
          await release?.();
        }
      }),
    };
  } catch (err) {
    await client?.close().catch(() => undefined);
    await release?.().catch(() => undefined);
    throw err;
  }
}

async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'parindex.lock'),
      stale: LOCK_STALE_MS,
      retries: 0,
      // Another process has taken the folder over: writing on would corrupt it, so stop the process.
      onCompromised: (err) => {
        throw new AppError(
          'LOCKED',
          `Mất khóa thư mục dữ liệu ${dataDir} (${err.message}): một tiến trình khác có thể đang dùng thư mục. ParIndex dừng để tránh hỏng dữ liệu; hãy kiểm tra rồi khởi động lại.`,
        );
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') {
      throw new AppError(
        'LOCKED',
        `Thư mục dữ liệu ${dataDir} đang được một tiến trình ParIndex khác sử dụng. Hãy dừng tiến trình đó hoặc đặt DATA_DIR khác. Nếu tiến trình trước vừa bị dừng đột ngột, hãy chờ ${LOCK_STALE_MS / 1000} giây rồi thử lại.`,
        [],
        { dataDir },
      );
    }
    throw err;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL: ${err.message}`));
  try {
    const db = drizzleNodePg({ client: pool, schema });
    const lockClient = await pool.connect();
    try {
      await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migrateNodePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      lockClient.release();
    }
    return { db: db as unknown as Db, kind: 'postgres', close: once(() => pool.end()) };
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (isConnectionError(err)) {
      throw new AppError(
        'INTERNAL',
        `Không kết nối được PostgreSQL tại ${redactUrl(url)}: ${(err as Error).message}. Hãy kiểm tra DATABASE_URL và máy chủ PostgreSQL.`,
      );
    }
    throw err;
  }
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (/^E[A-Z]+$/.test(code) || code.startsWith('08') || code === '28P01' || code === '3D000');
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL không hợp lệ)';
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
