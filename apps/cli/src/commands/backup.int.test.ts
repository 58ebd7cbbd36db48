/**
 * `npx parindex backup` / `restore` as an operator runs them: on an embedded folder nobody holds,
 * on one a running server holds (the backup then comes from that server, with an administrator's
 * account), and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '@parindex/server/db/database.ts';
import { buildApp } from '@parindex/server/http/app.ts';
import { seedDemoIfEmpty } from '@parindex/server/seed/seed-demo.ts';
import { DEMO_PASSWORD } from '@parindex/server/seed/seed-workflow.ts';
import { readBackupHeader } from '@parindex/server/services/backup/backup-file.ts';
import { fingerprint, throwawayTarget, withTarget } from '@parindex/server/services/backup/backup-testing.ts';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'parindex-cli-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parindex(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/parindex'), args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npx parindex backup / restore', () => {
  it('backs up and restores an embedded folder no server holds, keeping the folder it replaces', async () => {
    const dataDir = join(dir, 'quiet');
    const out = join(dir, 'quiet.parindex-backup');
    const backup = await parindex(['--data-dir', dataDir, 'backup', '--out', out]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Đã sao lưu cơ sở dữ liệu nhúng (PGlite) vào ${out}`);
    expect(backup.stdout).toContain('Khóa khảo sát (mã hồ sơ một cửa) không nằm trong bản sao lưu');
    expect((await readBackupHeader(out)).header.backend).toBe('pglite');

    const restore = await parindex(['--data-dir', dataDir, 'restore', out]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('Đã khôi phục cơ sở dữ liệu nhúng (PGlite)');
    expect(restore.stdout).toMatch(/được giữ tại .*pglite\.before-restore-/);
    expect((await readdir(dataDir)).filter((f) => f.startsWith('pglite.before-restore-'))).toHaveLength(1);

    const intoPostgres = await parindex(['--data-dir', dataDir, '--database-url', 'postgres://nobody@127.0.0.1:1/none', 'restore', out, '--yes']);
    expect(intoPostgres.code).toBe(1);
    expect(intoPostgres.stderr).toContain('không khôi phục được vào PostgreSQL');
  }, 120_000);

  it('takes the backup through the running server that holds the folder, for an administrator', async () => {
    const dataDir = join(dir, 'served');
    const database = await openDatabase({ dataDir });
    await seedDemoIfEmpty(database.db);
    const app = await buildApp({ database, jobs: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const server = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const out = join(dir, 'served.parindex-backup');
      const asked = await parindex(['--data-dir', dataDir, 'backup', '--out', out]);
      expect(asked.code).toBe(1);
      expect(asked.stderr).toContain(`PID ${process.pid}`);
      expect(asked.stderr).toContain('--user TÀI_KHOẢN_QUẢN_TRỊ');

      const wrong = await parindex(['--data-dir', dataDir, 'backup', '--out', out, '--user', 'quantri', '--server', server], 'sai-mat-khau\n');
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('từ chối đăng nhập "quantri"');
      const notAdmin = await parindex(['--data-dir', dataDir, 'backup', '--out', out, '--user', 'sonoivu', '--server', server], `${DEMO_PASSWORD}\n`);
      expect(notAdmin.code).toBe(1);
      expect(notAdmin.stderr).toMatch(/không có quyền/);

      const taken = await parindex(['--data-dir', dataDir, 'backup', '--out', out, '--user', 'quantri', '--server', server], `${DEMO_PASSWORD}\n`);
      expect(taken.stderr).toBe('');
      expect(taken.code).toBe(0);
      expect(taken.stdout).toContain(`do máy chủ ${server} tạo`);
      expect((await readBackupHeader(out)).header.backend).toBe('pglite');

      const restore = await parindex(['--data-dir', dataDir, 'restore', out]);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain('hãy dừng máy chủ ParIndex');
    } finally {
      await app.close();
      await database.close();
    }
  }, 180_000);

  it.runIf(!!process.env.TEST_DATABASE_URL)('wraps pg_dump and pg_restore for PostgreSQL, asking for --yes before replacing', async () => {
    const target = await throwawayTarget('postgres');
    try {
      const before = await withTarget(target, fingerprint);
      const out = join(dir, 'pg.parindex-backup');
      const backup = await parindex(['--database-url', target.databaseUrl!, 'backup', '--out', out]);
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('Đã sao lưu PostgreSQL');
      expect((await readBackupHeader(out)).header).toMatchObject({ backend: 'postgres', payload: 'pg_dump-custom' });
      await withTarget(target, (db) => db.execute(`insert into units (id, code, name, kind) values ('x', 'X-NEW', 'Thêm sau', 'department')` as never));
      const unconfirmed = await parindex(['--database-url', target.databaseUrl!, 'restore', out]);
      expect(unconfirmed.code).toBe(1);
      expect(unconfirmed.stderr).toContain('--yes');
      const restore = await parindex(['--database-url', target.databaseUrl!, 'restore', out, '--yes']);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(await withTarget(target, fingerprint)).toEqual(before);
    } finally {
      await target.drop();
    }
  }, 120_000);
});
