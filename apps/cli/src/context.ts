import { readFile, writeFile } from 'node:fs/promises';
import { AppError, formatIssues } from '@parindex/contracts';
import type { Database } from '@parindex/server/db/database.ts';
import { redactedMessage } from '@parindex/server/db/redact-error.ts';

export interface GlobalOptions {
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
}

/** Opens the configured database (DATABASE_URL, or the embedded one in DATA_DIR), runs `fn`, closes it. */
export async function withDatabase<T>(opts: GlobalOptions, fn: (db: Database) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('@parindex/server/config.ts');
  const { openDatabase } = await import('@parindex/server/db/database.ts');
  const config = loadConfig({ ...process.env, ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}), ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}) });
  const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new AppError('NOT_FOUND', `Không đọc được tệp "${path}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'tệp không tồn tại' : (e as Error).message}.`);
  }
}

/** Writes to a file, or to standard output when no file is given. */
export async function writeOutput(body: Buffer | string, out?: string): Promise<void> {
  if (out) await writeFile(out, body);
  else process.stdout.write(body);
}

/** Prints a result as JSON (--json) or as human-readable text. */
export function report(opts: GlobalOptions, value: unknown, text: () => string): void {
  if (opts.json) process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  else process.stdout.write(text() + '\n');
}

/** One place that turns an error into a Vietnamese message (or a JSON error with --json) and exit code 1 (2 for usage). */
export function fail(opts: GlobalOptions, e: unknown): never {
  if (e instanceof AppError) {
    if (opts.json) process.stdout.write(JSON.stringify({ error: { code: e.code, message: e.message, issues: e.issues } }, null, 2) + '\n');
    else process.stderr.write(`Lỗi: ${e.message}\n${e.issues.length ? formatIssues(e.issues) + '\n' : ''}`);
    process.exit(1);
  }
  // A database error's message carries the failed query's values (a password hash…): never print them.
  const message = redactedMessage(e);
  if (opts.json) process.stdout.write(JSON.stringify({ error: { code: 'INTERNAL', message } }) + '\n');
  else process.stderr.write(`Lỗi: ${message}\n`);
  process.exit(1);
}
