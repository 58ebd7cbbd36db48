/**
 * POST /api/admin/backup: the running server's own backup of the database it holds, for an
 * administrator only. What it sends restores, elsewhere, to exactly the rows the server had.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { BACKUP_MAGIC } from '../services/backup/backup-file.ts';
import { restoreBackup } from '../services/backup/backup.service.ts';
import { fingerprint, throwawayTarget, withTarget } from '../services/backup/backup-testing.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login } from '../testing/sessions.ts';
import { buildApp } from './app.ts';

describeEachDatabase(
  'POST /api/admin/backup',
  (getDb, kind) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} }, jobs: false });
    }, 180_000);
    afterAll(() => app?.close());

    it('refuses anonymous callers and every role but the administrator', async () => {
      const anonymous = await app.inject({ method: 'POST', url: '/api/admin/backup', headers: { 'x-requested-with': 'ParIndex' } });
      expect(anonymous.statusCode).toBe(401);
      for (const username of ['sonoivu', 'tuphap.giamdoc', 'thamdinh1', 'hoidong.chutich']) {
        const session = await login(app, username);
        expect(session.user.role).not.toBe('admin');
        const res = await app.inject({ method: 'POST', url: '/api/admin/backup', headers: session.headers });
        expect(res.statusCode, username).toBe(403);
        expect(res.json().error.message).toMatch(/không có quyền/);
        expect(res.body).not.toContain(BACKUP_MAGIC);
      }
    });

    it('gives the administrator a backup that restores to exactly the rows the server had', async () => {
      const admin = await login(app, 'quantri');
      expect(admin.user.role).toBe('admin');
      const res = await app.inject({ method: 'POST', url: '/api/admin/backup', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{}' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="parindex-${kind}-.+\\.parindex-backup"`));
      expect(res.rawPayload.subarray(0, BACKUP_MAGIC.length).toString()).toBe(BACKUP_MAGIC);
      // Taken after the backup's own audit entry: nothing is written after the dump.
      const served = await fingerprint(getDb());
      expect(served.users.rows).toBe(10);

      const elsewhere = await throwawayTarget(kind);
      try {
        const file = path.join(elsewhere.scratch, 'from-server.parindex-backup');
        await writeFile(file, res.rawPayload);
        const restored = await restoreBackup(elsewhere, file, { confirmed: true });
        expect(restored.header.backend).toBe(kind);
        expect(await withTarget(elsewhere, fingerprint)).toEqual(served);
        // Who took it is in the backup's own audit log.
        const audit = await withTarget(elsewhere, async (db) => (await db.query.auditLog.findMany()).filter((a) => a.action === 'system.backup'));
        expect(audit.map((a) => a.userId)).toEqual([admin.user.id]);
      } finally {
        await elsewhere.drop();
      }
    }, 180_000);
  },
  { truncateEach: false },
);
