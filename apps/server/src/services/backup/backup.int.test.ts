/**
 * Backup → change → restore gives back exactly the backed-up rows, on the embedded database and on
 * PostgreSQL (a database of its own on the TEST_DATABASE_URL server): every table's row count and
 * the checksum of its rows are compared with the values taken before the change. A backup of the
 * other backend, a damaged file and a restore under a running server change nothing.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '@parindex/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/database.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { testedDatabaseKinds } from '../../testing/databases.ts';
import { BACKUP_MAGIC, readBackupHeader } from './backup-file.ts';
import { backupConfigured, restoreBackup } from './backup.service.ts';
import { fingerprint, type Fingerprint, type ThrowawayTarget, throwawayTarget, withTarget } from './backup-testing.ts';

/** Inserts, updates and deletes in several tables. */
async function change(db: Db): Promise<void> {
  await db.execute(sql`update units set name = name || ' (đổi sau sao lưu)' where code in (select code from units order by code limit 5)`);
  await db.execute(sql`insert into units (id, code, name, kind) select 'bk-unit', 'BK-NEW', 'Đơn vị thêm sau sao lưu', kind from units limit 1`);
  await db.execute(sql`delete from audit_log`);
  await db.execute(sql`delete from announcements`);
  await db.execute(sql`update leaf_scores set revision = revision + 1`);
}

const refusal = async (p: Promise<unknown>): Promise<AppError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

for (const kind of testedDatabaseKinds()) {
  describe(`backup and restore [${kind}]`, () => {
    let target: ThrowawayTarget;
    let before: Fingerprint;
    let file: string;

    beforeAll(async () => {
      target = await throwawayTarget(kind);
      before = await withTarget(target, async (db) => {
        await seedDemoIfEmpty(db);
        return fingerprint(db);
      });
      file = path.join(target.scratch, 'before.parindex-backup');
    }, 180_000);
    afterAll(() => target?.drop(), 60_000);

    it('backup → change → restore gives back exactly the backed-up rows, table by table', async () => {
      expect(before.units.rows).toBeGreaterThan(50);
      expect(before.leaf_scores.rows).toBeGreaterThan(1000);

      const header = await backupConfigured(target, file);
      expect(header).toMatchObject({ backend: kind, migrations: expect.any(Number) });
      expect((await readFile(file)).subarray(0, BACKUP_MAGIC.length).toString()).toBe(BACKUP_MAGIC);

      const changed = await withTarget(target, async (db) => {
        await change(db);
        return fingerprint(db);
      });
      const moved = Object.keys(before).filter((t) => changed[t].md5 !== before[t].md5 || changed[t].rows !== before[t].rows);
      expect(moved.sort()).toEqual(['announcements', 'audit_log', 'leaf_scores', 'units']);

      const restored = await restoreBackup(target, file, { confirmed: true });
      expect(restored.result.migrationsNow).toBe(header.migrations);
      const after = await withTarget(target, fingerprint);
      expect(after).toEqual(before);

      if (kind === 'pglite') {
        // The folder as it was before the restore is kept, with the changed rows.
        expect(restored.backend === 'pglite' && restored.result.keptAs).toMatch(/pglite\.before-restore-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
        const kept = (await readdir(target.dataDir)).filter((f) => f.startsWith('pglite.before-restore-'));
        expect(kept).toHaveLength(1);
        const old = await PGlite.create({ dataDir: path.join(target.dataDir, kept[0]) });
        try {
          expect((await old.query(`select name from units where code = 'BK-NEW'`)).rows).toEqual([{ name: 'Đơn vị thêm sau sao lưu' }]);
        } finally {
          await old.close();
        }
      }
    }, 240_000);

    it('refuses a backup of the other backend, naming both', async () => {
      const other = kind === 'pglite' ? { dataDir: target.dataDir, databaseUrl: 'postgres://nobody@127.0.0.1:1/none' } : { dataDir: target.dataDir };
      const err = await refusal(restoreBackup(other, file, { confirmed: true }));
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain(kind === 'pglite' ? 'cơ sở dữ liệu nhúng (PGlite), không khôi phục được vào PostgreSQL' : 'PostgreSQL, không khôi phục được vào cơ sở dữ liệu nhúng');
    });

    it('refuses a damaged or cut file and a file that is not a backup, and changes nothing', async () => {
      const whole = await readFile(file);
      const cut = path.join(target.scratch, 'cut.parindex-backup');
      await writeFile(cut, whole.subarray(0, whole.length - 1000));
      expect((await refusal(restoreBackup(target, cut, { confirmed: true }))).message).toContain('không trọn vẹn');
      const flipped = Buffer.from(whole);
      flipped[flipped.length - 10] ^= 0xff;
      const damaged = path.join(target.scratch, 'damaged.parindex-backup');
      await writeFile(damaged, flipped);
      expect((await refusal(restoreBackup(target, damaged, { confirmed: true }))).message).toContain('SHA-256');
      const text = path.join(target.scratch, 'units.csv');
      await writeFile(text, 'code,name\nA,B\n');
      expect((await refusal(restoreBackup(target, text, { confirmed: true }))).message).toContain('không phải bản sao lưu ParIndex');
      const newer = path.join(target.scratch, 'newer.parindex-backup');
      const { header, offset } = await readBackupHeader(file);
      await writeFile(newer, Buffer.concat([Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify({ ...header, migrations: header.migrations + 1 })}\n`), whole.subarray(offset)]));
      expect((await refusal(restoreBackup(target, newer, { confirmed: true }))).message).toContain('phiên bản ParIndex mới hơn');
      expect(await withTarget(target, fingerprint)).toEqual(before);
    }, 120_000);

    if (kind === 'pglite') {
      it('refuses to restore while a process holds the data folder', async () => {
        const server = await openDatabase({ dataDir: target.dataDir });
        try {
          const err = await refusal(restoreBackup(target, file));
          expect(err.code).toBe('LOCKED');
          expect(err.message).toContain('hãy dừng máy chủ ParIndex');
        } finally {
          await server.close();
        }
        expect((await readdir(target.dataDir)).filter((f) => f.startsWith('pglite.restoring-'))).toEqual([]);
      }, 60_000);
    } else {
      it('asks for confirmation, and refuses while another session is connected', async () => {
        const err = await refusal(restoreBackup(target, file));
        expect(err.message).toContain('--yes');
        const server = await openDatabase({ databaseUrl: target.databaseUrl! });
        try {
          const busy = await refusal(restoreBackup(target, file, { confirmed: true }));
          expect(busy.code).toBe('LOCKED');
          expect(busy.message).toMatch(/phiên khác đang kết nối/);
        } finally {
          await server.close();
        }
      }, 60_000);
    }
  });
}
