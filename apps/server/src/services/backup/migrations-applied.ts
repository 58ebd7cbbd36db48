/** How many of ParIndex's migrations a database has applied (drizzle's bookkeeping table), and the last one's tag. */
import { sql } from 'drizzle-orm';
import { type Db, executeRows } from '../../db/database.ts';
import { migrationsJournal } from './backup-file.ts';

export async function appliedMigrations(db: Db): Promise<{ count: number; last: string | null }> {
  const [{ present }] = await executeRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!present) return { count: 0, last: null };
  const [row] = await executeRows<{ n: number; last: string | null }>(db, sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`);
  // drizzle records a migration by its journal time (`when`); the journal names it.
  const last = row.last === null ? null : ((await migrationsJournal()).find((e) => e.when === Number(row.last))?.tag ?? null);
  return { count: Number(row.n), last };
}
