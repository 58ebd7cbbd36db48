/** How many of ParIndex's migrations a database has applied (drizzle's bookkeeping table), and the last one's tag. */
import type { Db } from '../../db/database.ts';
import { BackupRepository } from '../../repositories/backup.repository.ts';
import { migrationsJournal } from './backup-file.ts';

export async function appliedMigrations(db: Db): Promise<{ count: number; last: string | null }> {
  const row = await new BackupRepository(db).migrationsRecorded();
  if (!row) return { count: 0, last: null };
  // drizzle records a migration by its journal time (`when`); the journal names it.
  const last = row.lastCreatedAt === null ? null : ((await migrationsJournal()).find((e) => e.when === Number(row.lastCreatedAt))?.tag ?? null);
  return { count: row.count, last };
}
