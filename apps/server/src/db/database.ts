/**
 * Opens the database: embedded PGlite (PostgreSQL compiled to WebAssembly, data in a folder) by
 * default, PostgreSQL through node-postgres when a URL is given. Both get the same schema, the
 * same drizzle-kit migrations (run on every open) and the same query API, typed as `Db`.
 *
 * PGlite is a single process's database: two processes writing one folder would corrupt it. The
 * data folder is therefore locked with proper-lockfile for as long as the database is open, and
 * the lock's owner (PID, start time) recorded so that a killed server's lock is taken over at once.
 */
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '@parindex/contracts';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { type SQL, sql } from 'drizzle-orm';
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
 * A lock not refreshed for this long is taken over whoever holds it. The lock is refreshed from a
 * timer, and PGlite runs queries on the main thread, so this leaves room for a long query; a clean
 * exit or Ctrl-C removes the lock at once, and a lock whose recorded owner process is gone (killed)
 * is taken over at once (see `lockDataDir`). This delay remains only for a lock without an owner
 * record (a process killed in the instant between taking the lock and recording itself).
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
 * Runs `fn` in one transaction that holds the migration lock (the same advisory key, taken for the
 * transaction), so that what every starting server would otherwise do at once — the demo seed —
 * is done by one: another server's migrations or seed wait until this transaction ends, then see
 * its rows. Check whether the work is still to do inside `fn`, not before. On PGlite (one
 * connection) the lock is uncontended and transactions run one at a time anyway.
 */
export function withMigrationLock<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}::bigint)`);
    return fn(tx as unknown as Db);
  });
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

/**
 * Locks the data folder for this process.
 *
 * The lock itself is proper-lockfile's atomic `mkdir` of `<dataDir>/parindex.lock`, refreshed from a
 * timer. Beside it, `<dataDir>/parindex.owner.json` records who holds it: PID, host and (on Linux)
 * the process start time from /proc. A lock whose owner is gone — the PID no longer runs, or now
 * belongs to a process started later — is taken over at once instead of after `LOCK_STALE_MS`, so
 * a server killed with `kill -9` restarts immediately. A live owner is refused as before.
 *
 * Taking a lock (and taking one over) happens under a short gate, itself a proper-lockfile lock
 * (`parindex.gate.lock`) held only for those few file operations: two processes starting at the
 * same instant after a crash pass the gate one after the other, so only the first takes over and
 * the second finds a live owner. Apart from its owner releasing it, nobody removes the lock folder
 * outside the gate.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'parindex.lock');
  const ownerPath = path.join(dataDir, OWNER_FILE);
  const releaseGate = await enterGate(dataDir);
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await acquire(dataDir, lockPath, ownerPath);
    heldDataDirs.add(dataDir);
  } finally {
    await releaseGate().catch(() => undefined);
  }
  return once(async () => {
    heldDataDirs.delete(dataDir);
    // The owner record goes first: a record without a lock is harmless, a lock without a live record is refused.
    await rm(ownerPath, { force: true }).catch(() => undefined);
    await releaseLock();
  });
}

/** Who holds a data folder; written beside the lock. */
interface LockOwner {
  pid: number;
  host: string;
  /** Field 22 of /proc/PID/stat (clock ticks since boot); absent where /proc is not available. */
  startTime?: string;
  since: string;
}

const OWNER_FILE = 'parindex.owner.json';
/** Data folders this process holds (a second open in the same process is refused, whatever the platform). */
const heldDataDirs = new Set<string>();

async function acquire(dataDir: string, lockPath: string, ownerPath: string): Promise<() => Promise<void>> {
  const lockOnce = () =>
    lockfile.lock(dataDir, {
      lockfilePath: lockPath,
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
  let release: () => Promise<void>;
  try {
    release = await lockOnce();
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    const owner = await readOwner(ownerPath);
    if (!owner || (await ownerAlive(owner, dataDir))) throw lockedError(dataDir, owner);
    // The owner is gone (killed, crashed): take the folder over. Under the gate nobody else is
    // taking or taking over this lock, so removing the folder and locking again is safe.
    await rm(ownerPath, { force: true });
    await rmdir(lockPath).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    try {
      release = await lockOnce();
    } catch (again) {
      if ((again as { code?: string }).code === 'ELOCKED') throw lockedError(dataDir, await readOwner(ownerPath));
      throw again;
    }
  }
  try {
    await writeOwner(ownerPath);
  } catch (err) {
    await release().catch(() => undefined);
    throw err;
  }
  return release;
}

function lockedError(dataDir: string, owner: LockOwner | undefined): AppError {
  const who = owner ? ` Tiến trình đang giữ thư mục: PID ${owner.pid}${owner.host !== hostname() ? ` trên máy ${owner.host}` : ''}, từ ${owner.since}.` : '';
  const hint = owner ? '' : ` Nếu tiến trình trước vừa bị dừng đột ngột, hãy chờ ${LOCK_STALE_MS / 1000} giây rồi thử lại.`;
  return new AppError(
    'LOCKED',
    `Thư mục dữ liệu ${dataDir} đang được một tiến trình ParIndex khác sử dụng. Hãy dừng tiến trình đó hoặc đặt DATA_DIR khác.${who}${hint}`,
    [],
    { dataDir, ...(owner ? { pid: owner.pid } : {}) },
  );
}

/**
 * The gate: a proper-lockfile lock held for a few milliseconds while a data-folder lock is taken.
 * A gate left by a process killed inside that instant goes stale after a few seconds.
 */
async function enterGate(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(path.join(dataDir, 'parindex.gate'), {
      realpath: false,
      stale: GATE_STALE_MS,
      retries: { retries: 80, minTimeout: 20, maxTimeout: 150, factor: 1.3 },
      onCompromised: () => undefined,
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw lockedError(dataDir, undefined);
    throw err;
  }
}

const GATE_STALE_MS = 5_000;

async function readOwner(ownerPath: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(ownerPath, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || !Number.isInteger(owner.pid) || owner.pid <= 0 || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, startTime: typeof owner.startTime === 'string' ? owner.startTime : undefined, since: String(owner.since ?? '') };
  } catch {
    return undefined;
  }
}

async function writeOwner(ownerPath: string): Promise<void> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), startTime: (await procStat(process.pid))?.startTime, since: new Date().toISOString() };
  const tmp = `${ownerPath}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(owner)}\n`);
  await rename(tmp, ownerPath);
}

/** Whether the recorded owner may still be running; anything we cannot check counts as alive. */
async function ownerAlive(owner: LockOwner, dataDir: string): Promise<boolean> {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) {
    // Our own PID: either this process holds the folder, or a dead process had our PID before us.
    if (heldDataDirs.has(dataDir)) return true;
    const ours = (await procStat(process.pid))?.startTime;
    return owner.startTime !== undefined && ours !== undefined ? owner.startTime === ours : false;
  }
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: a process of another user has this PID; compare start times below if we can.
  }
  if (process.platform !== 'linux') return true;
  const now = await procStat(owner.pid);
  if (!now) return false; // gone between the two checks
  // Killed but not yet reaped by its parent: it holds nothing any more.
  if (now.state === 'Z' || now.state === 'X') return false;
  // The PID is alive but started at another time: it was reused by an unrelated process.
  return owner.startTime === undefined || now.startTime === owner.startTime;
}

/** State (field 3) and start time (field 22, clock ticks since boot) of /proc/PID/stat; undefined off Linux or when gone. */
async function procStat(pid: number): Promise<{ state: string; startTime: string } | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], startTime: fields[19] };
  } catch {
    return undefined;
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
