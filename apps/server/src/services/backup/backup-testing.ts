/**
 * For the backup tests: throwaway targets (an embedded folder, or a PostgreSQL database created on
 * the TEST_DATABASE_URL server, so no other test's database is ever touched) and a fingerprint of
 * every table — its row count and the MD5 of its rows' text in a fixed order.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type DatabaseKind, type Db, executeRows, openDatabase } from '../../db/database.ts';
import { adminQuery } from '../../testing/databases.ts';
import type { BackupTarget } from './backup.service.ts';

export interface ThrowawayTarget extends BackupTarget {
  kind: DatabaseKind;
  /** A folder for backup files and scratch, removed with the target. */
  scratch: string;
  drop(): Promise<void>;
}

export async function throwawayTarget(kind: DatabaseKind): Promise<ThrowawayTarget> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'parindex-backup-test-'));
  const dataDir = path.join(scratch, 'data');
  if (kind === 'pglite') return { kind, dataDir, scratch, drop: () => rm(scratch, { recursive: true, force: true }) };
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: cannot test on PostgreSQL');
  const name = `parindex_bk_${randomBytes(6).toString('hex')}`;
  await adminQuery(server, `create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    kind,
    dataDir,
    databaseUrl: url.toString(),
    scratch,
    drop: async () => {
      await adminQuery(server, `drop database if exists ${name} with (force)`);
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** Opens the target (migrating it), runs `fn`, closes it. */
export async function withTarget<T>(target: BackupTarget, fn: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase(target.databaseUrl ? { databaseUrl: target.databaseUrl } : { dataDir: target.dataDir });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

export type Fingerprint = Record<string, { rows: number; md5: string }>;

/** Every table of the public schema: its row count and the MD5 of its rows' text, ordered. */
export async function fingerprint(db: Db, except: string[] = []): Promise<Fingerprint> {
  const tables = await executeRows<{ t: string }>(db, sql`select tablename as t from pg_tables where schemaname = 'public' order by tablename`);
  const out: Fingerprint = {};
  for (const { t } of tables) {
    if (except.includes(t)) continue;
    const [row] = await executeRows<{ n: number; h: string }>(
      db,
      sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h from "public"."${t}" x`),
    );
    out[t] = { rows: Number(row.n), md5: row.h };
  }
  return out;
}
