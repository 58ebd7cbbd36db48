import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { AuthService, CONSOLE } from '../auth/auth.service.ts';
import { type Db, executeRows } from '../db/database.ts';
import { appSettings, cycles, leafScores, units, users } from '../db/schema.ts';
import { repositories } from '../services/repositories.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { loadDemoRecord } from './demo-record.ts';
import { removeDemo } from './demo-remove.ts';
import { seedDemo, seedDemoIfEmpty } from './seed-demo.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed-workflow.ts';

/** Rows per application table. */
async function counts(db: Db): Promise<Record<string, number>> {
  const tables = await executeRows<{ tablename: string }>(db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  const out: Record<string, number> = {};
  for (const { tablename } of tables) out[tablename] = Number((await executeRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from "${tablename}"`)))[0].n);
  return out;
}

const nonEmpty = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0));

describeEachDatabase('the demo province: seeded once, recorded, removed', (getDb) => {
  it('two seeds racing on one database seed once; the record names every demo row; remove deletes them all, and the next start does not seed again', async () => {
    const db = getDb();
    const results = await Promise.all([seedDemoIfEmpty(db), seedDemoIfEmpty(db)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect((await db.select().from(users)).map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());

    const rec = (await loadDemoRecord(db))!;
    expect([rec.cycles.length, rec.users.length, rec.units.length, rec.rubricVersions.length, rec.questionnaires.length]).toEqual([3, 10, 110, 2, 2]);
    expect(rec.externalIndexResults).toHaveLength(12);
    expect(rec.announcements).toHaveLength(1);

    // `demo seed` into a database that holds data is refused, naming what it holds; nothing changes.
    const before = await counts(db);
    const refused = await seedDemo(db).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('3 kỳ đánh giá, 110 đơn vị, 10 tài khoản') });
    expect(await counts(db)).toEqual(before);
    expect(before.leaf_scores).toBeGreaterThan(8000);
    expect(before.survey_responses).toBeGreaterThan(1500);

    // A demo account signs in (a session) and another is mistyped (sign-in counters), then the demo is removed.
    const auth = new AuthService(db);
    await auth.login('sonoivu', DEMO_PASSWORD, { ip: '10.0.0.9' });
    await auth.login('quantri', 'wrong password!!', { ip: '10.0.0.9' }).catch(() => undefined);
    const removal = await removeDemo(db);
    expect(removal.kept).toEqual([]);
    expect(removal.removed.leaf_scores).toBe(before.leaf_scores);
    expect(removal.removed.users).toBe(10);
    expect(removal.removed.sessions).toBe(1);
    // Every table is empty but the audit row of the removal, the "removed" marker, and the
    // address's own sign-in counter (it names no account).
    const after = { app_settings: 1, audit_log: 1, login_throttle: 1 };
    expect(nonEmpty(await counts(db))).toEqual(after);
    expect((await executeRows<{ key: string }>(db, sql`select key from login_throttle`)).map((t) => t.key)).toEqual(['ip:10.0.0.9']);
    expect(await seedDemoIfEmpty(db)).toBeNull();
    expect(nonEmpty(await counts(db))).toEqual(after);
    // Removing again: nothing is recorded any more.
    expect(await removeDemo(db).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('real data referencing the demo stops the removal, named; once gone, only the demo goes and the real rows stay', async () => {
    const db = getDb();
    await seedDemoIfEmpty(db);
    const auth = new AuthService(db);
    const unitOf = async (code: string) => (await db.select().from(units).where(eq(units.code, code)))[0]!;
    const tuPhap = await unitOf('so-tu-phap');
    // A real installation's own administrator, and a real officer of a demo unit.
    const admin = await auth.createUser(CONSOLE, { username: 'bantochuc', fullName: 'Ban Tổ chức', password: 'một cụm từ rất dài 2026', role: 'admin' });
    const officer = await auth.createUser(CONSOLE, { username: 'nguyenvana', fullName: 'Nguyễn Văn A', password: 'một cụm từ rất dài 2026', role: 'unit_officer', unitId: tuPhap.id });
    // A real cycle using a demo unit, and the real officer's score in the demo's 2026 cycle.
    const r = repositories(db);
    const real = await r.cycles.create({ year: 2027, name: 'Chỉ số CCHC năm 2027 (thật)', source: 'assessed', status: 'draft' });
    await r.cycles.setCycleUnits(real.id, [{ unitId: tuPhap.id, peerGroup: 'departments' }]);
    const [cycle2026] = await db.select().from(cycles).where(eq(cycles.year, 2026));
    const [score] = await db.select().from(leafScores).where(eq(leafScores.cycleId, cycle2026.id)).limit(1);
    await db.update(leafScores).set({ updatedBy: officer.id }).where(sql`${leafScores.cycleId} = ${score.cycleId} and ${leafScores.unitId} = ${score.unitId} and ${leafScores.leafCode} = ${score.leafCode}`);

    const before = await counts(db);
    const err = (await removeDemo(db).catch((e: unknown) => e)) as { code: string; message: string };
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(`nguyenvana (${tuPhap.name})`);
    expect(err.message).toContain('Chỉ số CCHC năm 2027 (thật) (1 đơn vị)');
    expect(err.message).toMatch(/tài khoản thật nhập vào dữ liệu minh họa — điểm các tiêu chí: 1 \(nguyenvana\)/);
    expect(err.message).toContain('chưa có gì bị xóa');
    expect(await counts(db)).toEqual(before);

    // The real officer's cycle and account go; the real administrator stays.
    await db.delete(cycles).where(eq(cycles.id, real.id));
    await db.update(leafScores).set({ updatedBy: null }).where(eq(leafScores.updatedBy, officer.id));
    await db.delete(users).where(eq(users.id, officer.id));
    await removeDemo(db);
    expect((await db.select().from(users)).map((u) => u.username)).toEqual([admin.username]);
    expect(nonEmpty(await counts(db))).toEqual({ app_settings: 1, audit_log: 1, users: 1 });
    expect((await db.select().from(appSettings))[0].value).toMatchObject({ removedAt: expect.any(String) });
  });
});
