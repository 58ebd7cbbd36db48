/**
 * Backup and restore of the whole installation's database (docs/operations.md, "Sao lưu và khôi
 * phục"). One place for the three ways in: `parindex backup` / `parindex restore` on the console,
 * and POST /api/admin/backup for an embedded database that a running server holds.
 *
 * A backup is taken by whoever has the database open — the embedded folder can be opened by one
 * process only, so while a server runs, only that server can dump it. Taking a backup is for an
 * administrator (or the console) and is written in the audit log before the dump, so the backup
 * itself records who took it. Restoring is for the console only: it replaces the database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '@parindex/contracts';
import { type Actor, assertActorRole, CONSOLE } from '../../auth/auth.service.ts';
import { type Database, openDatabase, redactUrl } from '../../db/database.ts';
import { audit } from '../workflow/audit.ts';
import { assertRestorable, type BackupHeader, fileStamp, readBackupHeader, writeBackupFile } from './backup-file.ts';
import { dumpPglite, type EmbeddedRestoreResult, restorePglite } from './pglite-backup.ts';
import { dumpPostgres, type PostgresRestoreResult, restorePostgres } from './postgres-backup.ts';

export type { BackupHeader } from './backup-file.ts';

/** Where the database is: PostgreSQL when a URL is given, else the embedded folder. */
export interface BackupTarget {
  databaseUrl?: string;
  dataDir: string;
}

/** Writes a backup of the open database to `out` (replaced atomically when it exists). */
export async function createBackup(actor: Actor, database: Database, out: string): Promise<BackupHeader> {
  assertActorRole(actor, ['admin'], 'sao lưu cơ sở dữ liệu');
  if (actor !== CONSOLE) await audit(database.db, actor, { action: 'system.backup', subject: database.kind });
  const target = path.resolve(out);
  const work = await mkdtemp(path.join(path.dirname(target), '.parindex-backup-')).catch((err: Error) => {
    throw new AppError('VALIDATION', `Không ghi được tệp sao lưu vào thư mục ${path.dirname(target)}: ${err.message}. Hãy chọn --out trong một thư mục đã có và ghi được.`);
  });
  try {
    const payload = path.join(work, 'payload');
    const createdAt = new Date().toISOString();
    const fields = database.kind === 'pglite' ? await dumpPglite(database, payload) : await dumpPostgres(database, payload);
    return await writeBackupFile(target, { ...fields, createdAt }, payload);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Opens the configured database, backs it up as the console, closes it. On an embedded folder a
 * running server holds, this throws LOCKED: the backup must then come from that server.
 */
export async function backupConfigured(target: BackupTarget, out: string): Promise<BackupHeader> {
  const database = await openDatabase(target.databaseUrl ? { databaseUrl: target.databaseUrl } : { dataDir: target.dataDir });
  try {
    return await createBackup(CONSOLE, database, out);
  } finally {
    await database.close();
  }
}

/** A backup in a temporary file, for a download; `cleanup` removes it once sent. */
export async function backupForDownload(actor: Actor, database: Database): Promise<{ file: string; name: string; header: BackupHeader; cleanup: () => Promise<void> }> {
  assertActorRole(actor, ['admin'], 'sao lưu cơ sở dữ liệu');
  const dir = await mkdtemp(path.join(tmpdir(), 'parindex-backup-'));
  const name = `parindex-${database.kind}-${fileStamp()}.parindex-backup`;
  const file = path.join(dir, name);
  try {
    const header = await createBackup(actor, database, file);
    return { file, name, header, cleanup: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

export interface RestoreOptions {
  /** PostgreSQL: the operator has confirmed that every row there is replaced (--yes). */
  confirmed?: boolean;
  /** PostgreSQL: restore even while other sessions are connected (--force). */
  force?: boolean;
}

export type RestoreResult = { header: BackupHeader } & ({ backend: 'pglite'; result: EmbeddedRestoreResult } | { backend: 'postgres'; result: PostgresRestoreResult });

/**
 * Replaces the configured database by the backup in `file` (console only; see pglite-backup.ts
 * and postgres-backup.ts for how each backend does it safely). The file's header is checked first:
 * a backup of the other backend, of a newer ParIndex, or damaged, changes nothing.
 */
export async function restoreBackup(target: BackupTarget, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const { header, offset } = await readBackupHeader(file);
  const kind = target.databaseUrl ? 'postgres' : 'pglite';
  await assertRestorable(file, header, kind);
  if (kind === 'postgres' && !opts.confirmed)
    throw new AppError(
      'VALIDATION',
      `Khôi phục sẽ thay toàn bộ dữ liệu của ${redactUrl(target.databaseUrl!)} bằng bản sao lưu lúc ${header.createdAt}. Hãy sao lưu dữ liệu hiện tại trước (parindex backup --out …), rồi chạy lại với --yes.`,
    );
  if (kind === 'postgres') return { header, backend: 'postgres', result: await restorePostgres(target.databaseUrl!, file, header, offset, opts) };
  if (!target.dataDir) throw new AppError('VALIDATION', 'Chưa chọn thư mục dữ liệu để khôi phục (DATA_DIR hoặc --data-dir).');
  return { header, backend: 'pglite', result: await restorePglite(path.resolve(target.dataDir), file, header, offset) };
}
