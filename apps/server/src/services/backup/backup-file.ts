/**
 * The backup file: a small text header, then the database's own dump.
 *
 *   PARINDEX-BACKUP 1\n
 *   {"backend":"pglite","payload":"pglite-datadir-tar-gz","migrations":8,…}\n
 *   <payload bytes>
 *
 * The payload is, for the embedded database, PGlite's gzipped tarball of its data folder
 * (`dumpDataDir`), and for PostgreSQL a `pg_dump --format=custom` archive. The header says which,
 * how many ParIndex migrations the database had, when and from what it was taken, and the payload's
 * size and SHA-256, so that a restore refuses a file of the other backend, of a newer ParIndex or
 * cut short before it touches anything.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@parindex/contracts';
import { MIGRATIONS_FOLDER, type DatabaseKind } from '../../db/database.ts';

export const BACKUP_MAGIC = 'PARINDEX-BACKUP 1';
const MAX_HEADER_BYTES = 64 * 1024;

export type BackupPayload = 'pglite-datadir-tar-gz' | 'pg_dump-custom';

export interface BackupHeader {
  backend: DatabaseKind;
  payload: BackupPayload;
  /** ParIndex migrations applied in the database when it was dumped. */
  migrations: number;
  /** Tag of the last of them, e.g. "0007_shared_state". */
  lastMigration: string | null;
  createdAt: string;
  /** `select version()` of the database dumped. */
  postgres: string;
  /** The dumping tool: "pglite 0.5.16" or "pg_dump (PostgreSQL) 15.20". */
  tool: string;
  size: number;
  sha256: string;
}

export const BACKEND_LABEL: Record<DatabaseKind, string> = { pglite: 'cơ sở dữ liệu nhúng (PGlite)', postgres: 'PostgreSQL' };

/** The migrations this ParIndex knows, from drizzle's journal: tag and time (`when`) of each. */
export async function migrationsJournal(): Promise<{ tag: string; when: number }[]> {
  return (JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] }).entries;
}

/** How many migrations this ParIndex knows, and the last one's tag. */
export async function knownMigrations(): Promise<{ count: number; last: string | null }> {
  const entries = await migrationsJournal();
  return { count: entries.length, last: entries.at(-1)?.tag ?? null };
}

/**
 * Writes `header` and the payload file to `out`, atomically: a partial file is never left under
 * the final name. Size and SHA-256 are computed here.
 */
export async function writeBackupFile(out: string, header: Omit<BackupHeader, 'size' | 'sha256'>, payloadFile: string): Promise<BackupHeader> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(payloadFile)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  const full: BackupHeader = { ...header, size, sha256: hash.digest('hex') };
  const partial = `${out}.partial-${process.pid}`;
  try {
    const stream = createWriteStream(partial, { mode: 0o600 });
    stream.write(`${BACKUP_MAGIC}\n${JSON.stringify(full)}\n`);
    await pipeline(createReadStream(payloadFile), stream);
    await rename(partial, out);
  } catch (err) {
    await rm(partial, { force: true });
    throw new AppError('INTERNAL', `Không ghi được tệp sao lưu "${out}": ${(err as Error).message}.`);
  }
  return full;
}

/** Reads and checks the header of a backup file; `offset` is where the payload starts. */
export async function readBackupHeader(file: string): Promise<{ header: BackupHeader; offset: number }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('NOT_FOUND', `Không đọc được tệp sao lưu "${file}": ${code === 'ENOENT' ? 'tệp không tồn tại' : (err as Error).message}.`);
  }
  try {
    const buf = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buf, 0, MAX_HEADER_BYTES, 0);
    const head = buf.subarray(0, bytesRead);
    const first = head.indexOf(0x0a);
    const second = first < 0 ? -1 : head.indexOf(0x0a, first + 1);
    if (first < 0 || head.subarray(0, first).toString('latin1') !== BACKUP_MAGIC || second < 0) throw notABackup(file);
    let header: BackupHeader;
    try {
      header = JSON.parse(head.subarray(first + 1, second).toString('utf8')) as BackupHeader;
    } catch {
      throw notABackup(file);
    }
    if ((header.backend !== 'pglite' && header.backend !== 'postgres') || typeof header.migrations !== 'number' || typeof header.size !== 'number' || typeof header.sha256 !== 'string')
      throw notABackup(file);
    const offset = second + 1;
    const { size } = await handle.stat();
    if (size - offset !== header.size)
      throw new AppError('INVALID_FILE', `Tệp sao lưu "${file}" không trọn vẹn: phần dữ liệu dài ${size - offset} byte, đầu tệp ghi ${header.size} byte (tệp bị cắt khi sao chép?). Không khôi phục gì.`);
    return { header, offset };
  } finally {
    await handle.close();
  }
}

/** Copies the payload out of a backup file, checking its SHA-256 against the header. */
export async function extractPayload(file: string, header: BackupHeader, offset: number, to: string): Promise<void> {
  const hash = createHash('sha256');
  const source = createReadStream(file, { start: offset });
  source.on('data', (chunk) => hash.update(chunk as Buffer));
  await pipeline(source, createWriteStream(to, { mode: 0o600 }));
  if (hash.digest('hex') !== header.sha256)
    throw new AppError('INVALID_FILE', `Tệp sao lưu "${file}" bị hỏng: mã kiểm tra SHA-256 của phần dữ liệu không khớp với đầu tệp. Không khôi phục gì.`);
}

/** Refuses a backup of the other backend, or of a ParIndex newer than this one. */
export async function assertRestorable(file: string, header: BackupHeader, target: DatabaseKind): Promise<void> {
  if (header.backend !== target)
    throw new AppError(
      'VALIDATION',
      `Tệp "${file}" là bản sao lưu của ${BACKEND_LABEL[header.backend]}, không khôi phục được vào ${BACKEND_LABEL[target]}. ` +
        (target === 'postgres'
          ? 'Hãy bỏ DATABASE_URL (và --database-url) để khôi phục vào thư mục dữ liệu nhúng, hoặc dùng một bản sao lưu lấy từ PostgreSQL.'
          : 'Hãy đặt DATABASE_URL (hoặc --database-url) trỏ tới PostgreSQL, hoặc dùng một bản sao lưu lấy từ cơ sở dữ liệu nhúng.'),
    );
  const known = await knownMigrations();
  if (header.migrations > known.count)
    throw new AppError(
      'VALIDATION',
      `Tệp "${file}" được lấy từ một phiên bản ParIndex mới hơn (${header.migrations} lần chuyển đổi cấu trúc, phiên bản này biết ${known.count}). Hãy cập nhật ParIndex rồi khôi phục.`,
    );
}

function notABackup(file: string): AppError {
  return new AppError('INVALID_FILE', `Tệp "${file}" không phải bản sao lưu ParIndex (thiếu dòng đầu "${BACKUP_MAGIC}" hoặc phần mô tả hỏng).`);
}

/** A timestamp usable in a file name: 2026-05-01T10-20-30Z. */
export const fileStamp = (d = new Date()) => d.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
