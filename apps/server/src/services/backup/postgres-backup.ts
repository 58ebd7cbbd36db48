/**
 * Backup and restore of a PostgreSQL database: `pg_dump --format=custom` and
 * `pg_restore --clean --if-exists --single-transaction`, from the PATH (Debian: postgresql-client).
 *
 * The tools get the URL without its password (the password goes in PGPASSWORD, never on a command
 * line that `ps` shows). pg_dump must be at least the server's major version (it refuses an older
 * one), and pg_restore at least the version of the pg_dump that wrote the archive; both are checked
 * first, with a message saying what to install.
 *
 * The restore replaces every object the archive holds, in one transaction: all of it, or nothing.
 * It is refused while other sessions are connected to the database (servers still running), unless
 * forced, and when the database already has migrations newer than the backup (their tables are not
 * in the archive and would be left behind): restore into an empty database instead.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '@parindex/contracts';
import pg from 'pg';
import { type Database, openDatabase, redactUrl } from '../../db/database.ts';
import { type BackupHeader, extractPayload } from './backup-file.ts';
import { appliedMigrations } from './migrations-applied.ts';

/** The connection URL of an open PostgreSQL database (node-postgres pool). */
export function postgresUrlOf(database: Database): string {
  const client = (database.db as unknown as { $client?: { options?: { connectionString?: string } } }).$client;
  const url = client?.options?.connectionString;
  if (!url) throw new AppError('INTERNAL', 'Không biết địa chỉ của cơ sở dữ liệu PostgreSQL đang mở.');
  return url;
}

export async function dumpPostgres(database: Database, payloadFile: string): Promise<Omit<BackupHeader, 'size' | 'sha256' | 'createdAt'>> {
  const url = postgresUrlOf(database);
  const tool = await toolVersion('pg_dump');
  const server = await serverVersion(url);
  if (tool.major < server.major)
    throw new AppError('INTERNAL', `pg_dump ${tool.major} cũ hơn máy chủ PostgreSQL ${server.major}: ${TOOLS_HINT} (bản ${server.major} trở lên), ví dụ postgresql-client-${server.major}.`);
  const migrations = await appliedMigrations(database.db);
  const { url: bare, env } = withoutPassword(url);
  await run('pg_dump', ['--format=custom', `--file=${payloadFile}`, `--dbname=${bare}`], env, url);
  return { backend: 'postgres', payload: 'pg_dump-custom', migrations: migrations.count, lastMigration: migrations.last, postgres: server.text, tool: tool.text };
}

export interface PostgresRestoreResult {
  migrationsInBackup: number;
  migrationsNow: number;
}

export async function restorePostgres(url: string, file: string, header: BackupHeader, offset: number, opts: { force?: boolean } = {}): Promise<PostgresRestoreResult> {
  const tool = await toolVersion('pg_restore');
  const dumpedBy = /(\d+)(?:\.\d+)?/.exec(header.tool)?.[1];
  if (dumpedBy && tool.major < Number(dumpedBy))
    throw new AppError('INTERNAL', `pg_restore ${tool.major} không đọc được bản sao lưu do pg_dump ${dumpedBy} tạo: ${TOOLS_HINT} (bản ${dumpedBy} trở lên).`);
  await checkTarget(url, header, opts);
  const work = await mkdtemp(path.join(tmpdir(), 'parindex-restore-'));
  try {
    const payload = path.join(work, 'payload.dump');
    await extractPayload(file, header, offset, payload);
    const { url: bare, env } = withoutPassword(url);
    await run('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--no-owner', '--no-privileges', `--dbname=${bare}`, payload], env, url);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  // The check that the restored database works here: open it, which runs this ParIndex's migrations.
  const database = await openDatabase({ databaseUrl: url });
  try {
    return { migrationsInBackup: header.migrations, migrationsNow: (await appliedMigrations(database.db)).count };
  } finally {
    await database.close();
  }
}

async function checkTarget(url: string, header: BackupHeader, opts: { force?: boolean }): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new AppError('INTERNAL', `Không kết nối được PostgreSQL tại ${redactUrl(url)}: ${(err as Error).message}.`);
  }
  try {
    const others = Number((await client.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)).rows[0].n);
    if (others > 0 && !opts.force)
      throw new AppError(
        'LOCKED',
        `Có ${others} phiên khác đang kết nối cơ sở dữ liệu ${redactUrl(url)} (máy chủ ParIndex còn chạy?). Hãy dừng mọi máy chủ ParIndex dùng cơ sở dữ liệu này rồi chạy lại; nếu chắc chắn các phiên đó không ghi dữ liệu, thêm --force.`,
      );
    const present = (await client.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as present`)).rows[0].present as boolean;
    const applied = present ? Number((await client.query('select count(*)::int as n from drizzle.__drizzle_migrations')).rows[0].n) : 0;
    if (applied > header.migrations)
      throw new AppError(
        'CONFLICT',
        `Cơ sở dữ liệu đích đã có ${applied} lần chuyển đổi cấu trúc, nhiều hơn bản sao lưu (${header.migrations}): các bảng mới hơn sẽ còn sót lại. Hãy tạo một cơ sở dữ liệu trống (createdb …), trỏ DATABASE_URL vào đó rồi khôi phục.`,
      );
  } finally {
    await client.end().catch(() => undefined);
  }
}

const TOOLS_HINT = 'hãy cài gói postgresql-client của Debian/Ubuntu (apt-get install postgresql-client) có phiên bản chính bằng hoặc mới hơn máy chủ PostgreSQL';

function withoutPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), env: { ...process.env, ...(password !== undefined ? { PGPASSWORD: password } : {}) } };
}

async function serverVersion(url: string): Promise<{ major: number; text: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`select current_setting('server_version_num')::int as num, version() as text`);
    return { major: Math.floor(Number(rows[0].num) / 10000), text: String(rows[0].text) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function toolVersion(tool: 'pg_dump' | 'pg_restore'): Promise<{ major: number; text: string }> {
  const { stdout } = await run(tool, ['--version'], process.env);
  const major = Number(/\)\s*(\d+)/.exec(stdout)?.[1]);
  if (!Number.isInteger(major)) throw new AppError('INTERNAL', `Không đọc được phiên bản của ${tool} ("${stdout.trim()}").`);
  return { major, text: stdout.trim() };
}

/** Runs a PostgreSQL client tool; its error output (password-free) becomes the message. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv, url?: string): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') reject(new AppError('INTERNAL', `Không tìm thấy lệnh ${tool}: ${TOOLS_HINT}.`));
      else reject(new AppError('INTERNAL', `Không chạy được ${tool}: ${err.message}.`));
    });
    child.on('close', (code) => {
      if (code === 0) return resolve({ stdout });
      const text = (url ? stderr.replaceAll(url, redactUrl(url)) : stderr).trim().split('\n').slice(-8).join('\n');
      reject(new AppError('INTERNAL', `${tool} dừng với mã ${code}${tool === 'pg_restore' ? ' (không có thay đổi nào được giữ lại: khôi phục chạy trong một giao dịch)' : ''}:\n${text}`));
    });
  });
}
