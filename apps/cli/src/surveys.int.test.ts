import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDatabase } from '@parindex/server/db/database.ts';
import { auditLog } from '@parindex/server/db/schema.ts';
import { seedDemoIfEmpty } from '@parindex/server/seed/seed-demo.ts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'parindex-cli-surveys-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The embedded database in a folder, and PostgreSQL (a fresh database) when TEST_DATABASE_URL is set. */
const backends: { kind: string; args: string[]; open: () => ReturnType<typeof openDatabase>; setup?: () => Promise<void>; teardown?: () => Promise<void> }[] = [
  { kind: 'pglite', args: ['--data-dir', data], open: () => openDatabase({ dataDir: data }) },
];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const name = `parindex_t_${randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try { await c.query(q); } finally { await c.end(); }
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  backends.push({ kind: 'postgres', args: ['--database-url', url.toString()], open: () => openDatabase({ databaseUrl: url.toString() }), setup: () => admin(`create database ${name}`), teardown: () => admin(`drop database if exists ${name} with (force)`) });
}

interface Row {
  code: string;
  state: string;
  closesOn: string | null;
  responses: number;
  desks: { code: string; state: string; responses: number }[];
}

for (const b of backends) describe(`npx parindex surveys list|close|open [${b.kind}]`, () => {
  async function parindex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/parindex'), [...b.args, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }
  afterAll(async () => b.teardown?.(), 60_000);
  beforeAll(async () => {
    await b.setup?.();
    // The demo province (2026: two questionnaires, two desks, ~1,650 responses), closed again so the CLI can open it.
    const database = await b.open();
    try {
      await seedDemoIfEmpty(database.db);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('closes one desk, then everything, reopens one questionnaire until a date; each change audited as the CLI', async () => {
    const list = async () => {
      const r = await parindex('--json', 'surveys', 'list', '--cycle', '2026');
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Row[];
    };
    const before = await list();
    const sipas = before.find((q) => q.code === 'SH-SIPAS-2026-MH')!;
    expect(sipas).toMatchObject({ state: 'open' });
    expect(sipas.responses).toBeGreaterThan(100);
    const desk = before.flatMap((q) => q.desks)[0];
    expect(desk.state).toBe('open');

    const one = await parindex('surveys', 'close', '--cycle', '2026', '--desk', desk.code.toLowerCase());
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain(`Quầy ${desk.code}`);
    expect(one.stdout).toContain('đã đóng');
    expect((await list()).flatMap((q) => q.desks).find((d) => d.code === desk.code)!.state).toBe('closed');

    expect((await parindex('surveys', 'close', '--cycle', '2026')).code).toBe(0);
    const closed = await list();
    expect(closed.every((q) => q.state === 'closed' && q.desks.every((d) => d.state === 'closed'))).toBe(true);

    const badDate = await parindex('surveys', 'open', '--cycle', '2026', '--questionnaire', 'SH-SIPAS-2026-MH', '--until', '2026-13-01');
    expect([badDate.code, badDate.stderr]).toEqual([1, expect.stringContaining('ngày không hợp lệ')]);
    const unknown = await parindex('surveys', 'open', '--cycle', '2026', '--questionnaire', 'KHONG-CO');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'Lỗi: Không có phiếu khảo sát "KHONG-CO".\n']);

    const reopened = await parindex('--json', 'surveys', 'open', '--cycle', '2026', '--questionnaire', 'SH-SIPAS-2026-MH', '--until', '2099-12-31');
    expect(reopened.code, reopened.stderr).toBe(0);
    expect(JSON.parse(reopened.stdout)).toEqual([expect.objectContaining({ kind: 'questionnaire', code: 'SH-SIPAS-2026-MH', state: 'open', closesOn: '2099-12-31' })]);
    const after = await list();
    expect(after.find((q) => q.code === 'SH-SIPAS-2026-MH')).toMatchObject({ state: 'open', closesOn: '2099-12-31' });
    expect(after.find((q) => q.code === 'SH-XHH-2026-MH')!.state).toBe('closed');
    const text = await parindex('surveys', 'list', '--cycle', '2026');
    expect(text.stdout).toMatch(/SH-SIPAS-2026-MH {2}SIPAS {2}đang nhận phiếu \(… – 31\/12\/2099\) {2}\d+ phiếu trả lời/);

    const database = await b.open();
    try {
      const log = await database.db.select().from(auditLog).where(eq(auditLog.subject, 'SH-SIPAS-2026-MH'));
      expect(log.filter((l) => ['survey.close', 'survey.open'].includes(l.action)).map((l) => [l.action, l.userId, l.userName]).sort()).toEqual([
        ['survey.close', null, 'Dòng lệnh máy chủ (CLI)'],
        ['survey.open', null, 'Dòng lệnh máy chủ (CLI)'],
      ]);
    } finally {
      await database.close();
    }
  }, 180_000);
});
