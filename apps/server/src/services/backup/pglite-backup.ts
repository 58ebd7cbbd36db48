/**
 * Backup and restore of the embedded database (PGlite: PostgreSQL 18 compiled to WebAssembly).
 *
 * Backup: PGlite's own dump of its data folder (`dumpDataDir`, a gzipped tarball) taken from the
 * open instance, after a CHECKPOINT and while no transaction is open (it runs under PGlite's
 * transaction mutex), so it holds exactly the committed rows at one instant — never a copy of files
 * being written. Whoever has the folder open takes it: the `parindex` command when no server runs,
 * else the server (POST /api/admin/backup).
 *
 * Restore: refused while any process holds the folder. The dump is loaded into a fresh folder
 * beside the current one, opened and migrated there (the check that it works); only then is the
 * current folder renamed `pglite.before-restore-<time>` (kept, never deleted) and the fresh one put
 * in its place. A failure at any step leaves the current folder as it was.
 */
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '@parindex/contracts';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { type Database, lockDataDir, MIGRATIONS_FOLDER } from '../../db/database.ts';
import * as schema from '../../db/schema.ts';
import { BackupRepository } from '../../repositories/backup.repository.ts';
import { type BackupHeader, extractPayload, fileStamp } from './backup-file.ts';
import { appliedMigrations } from './migrations-applied.ts';

/** The PGlite instance behind an open embedded database. */
export function pgliteClientOf(database: Database): PGlite {
  const client = (database.db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof PGlite)) throw new AppError('INTERNAL', 'Cơ sở dữ liệu đang mở không phải cơ sở dữ liệu nhúng (PGlite).');
  return client;
}

/** Dumps the open embedded database into `payloadFile`; returns the header fields it knows. */
export async function dumpPglite(database: Database, payloadFile: string): Promise<Omit<BackupHeader, 'size' | 'sha256' | 'createdAt'>> {
  const client = pgliteClientOf(database);
  const migrations = await appliedMigrations(database.db);
  const version = await new BackupRepository(database.db).serverVersion();
  // Fewer WAL records to replay when the dump is opened; then the dump itself with no transaction open.
  await client.exec('CHECKPOINT');
  const dump = await client._runExclusiveTransaction(() => client.dumpDataDir('gzip'));
  await writeFile(payloadFile, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
  return { backend: 'pglite', payload: 'pglite-datadir-tar-gz', migrations: migrations.count, lastMigration: migrations.last, postgres: version, tool: 'PGlite dumpDataDir' };
}

export interface EmbeddedRestoreResult {
  /** The folder the database was in before, kept (absent when there was none). */
  keptAs: string | null;
  /** Migrations in the backup, and after opening the restored database here. */
  migrationsInBackup: number;
  migrationsNow: number;
}

/** Replaces `<dataDir>/pglite` by the backup's database (see the file comment). */
export async function restorePglite(dataDir: string, file: string, header: BackupHeader, offset: number): Promise<EmbeddedRestoreResult> {
  let release: () => Promise<void>;
  try {
    release = await lockDataDir(dataDir);
  } catch (err) {
    if (err instanceof AppError && err.code === 'LOCKED')
      throw new AppError('LOCKED', `Không khôi phục được khi thư mục dữ liệu đang được dùng: hãy dừng máy chủ ParIndex (và mọi lệnh parindex) trên ${dataDir} rồi chạy lại. ${err.message}`, [], err.details);
    throw err;
  }
  const stamp = fileStamp();
  const current = path.join(dataDir, 'pglite');
  const fresh = path.join(dataDir, `pglite.restoring-${stamp}`);
  const work = await mkdtemp(path.join(dataDir, '.restore-'));
  try {
    const payload = path.join(work, 'payload.tar.gz');
    await extractPayload(file, header, offset, payload);
    const migrationsNow = await loadAndMigrate(fresh, await readFile(payload), file);
    let keptAs: string | null = null;
    if (await exists(current)) {
      keptAs = `${current}.before-restore-${stamp}`;
      await rename(current, keptAs);
    }
    await rename(fresh, current);
    return { keptAs, migrationsInBackup: header.migrations, migrationsNow };
  } catch (err) {
    await rm(fresh, { recursive: true, force: true });
    throw err;
  } finally {
    await rm(work, { recursive: true, force: true });
    await release();
  }
}

/** Loads the tarball into a new folder, runs this ParIndex's migrations on it, closes it. */
async function loadAndMigrate(folder: string, tarball: Buffer, file: string): Promise<number> {
  let client: PGlite | undefined;
  try {
    client = await PGlite.create({ dataDir: folder, loadDataDir: new Blob([new Uint8Array(tarball.buffer as ArrayBuffer, tarball.byteOffset, tarball.byteLength)]) });
    const db = drizzle({ client, schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return (await appliedMigrations(db as never)).count;
  } catch (err) {
    throw new AppError(
      'INVALID_FILE',
      `Không mở được cơ sở dữ liệu trong tệp sao lưu "${file}" (${(err as Error).message}). Thư mục dữ liệu hiện tại không bị thay đổi. Bản sao lưu có thể do một phiên bản PGlite khác tạo.`,
    );
  } finally {
    await client?.close().catch(() => undefined);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
