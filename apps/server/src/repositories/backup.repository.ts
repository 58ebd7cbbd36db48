/**
 * What a backup records about the database it copies: the server's version and drizzle's
 * bookkeeping of applied migrations (drizzle.__drizzle_migrations).
 */
import { sql } from 'drizzle-orm';
import { type Db, executeRows } from '../db/database.ts';

export class BackupRepository {
  constructor(private readonly db: Db) {}

  /** The server's `version()` string. */
  async serverVersion(): Promise<string> {
    const [{ version }] = await executeRows<{ version: string }>(this.db, sql`select version() as version`);
    return version;
  }

  /**
   * How many migrations drizzle recorded and the newest one's `created_at` (its journal time, as
   * text); undefined when the bookkeeping table does not exist.
   */
  async migrationsRecorded(): Promise<{ count: number; lastCreatedAt: string | null } | undefined> {
    const [{ present }] = await executeRows<{ present: boolean }>(this.db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
    if (!present) return undefined;
    const [row] = await executeRows<{ n: number; last: string | null }>(this.db, sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`);
    return { count: Number(row.n), lastCreatedAt: row.last };
  }
}
