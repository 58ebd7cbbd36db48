/**
 * Publishing a year posts its notice: after 2026 is published under 45/QĐ-UBND ngày 20/02/2027 the
 * portal's newest notice (the first of GET /api/announcements, "Thông báo mới" on the home page) is
 * the 2026 one, not the demo's 2025 notice; a correction posts its own, naming the version.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { users } from '../db/schema.ts';
import { buildApp } from '../http/app.ts';
import { CycleRepository } from '../repositories/cycle.repository.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { publicationNotice } from './announcements.service.ts';
import { CycleAdminService } from './workflow/cycle-admin.service.ts';
import { Notifier } from './workflow/notifier.ts';

type Notice = { title: string; body: string; cycleId: string | null };

describeEachDatabase(
  'the notice of a publication',
  (getDb, kind) => {
    let app: FastifyInstance;
    const notices = async () => (await app.inject({ url: '/api/announcements', headers: { 'x-requested-with': 'ParIndex' } })).json() as Notice[];

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
    }, 120_000);
    afterAll(() => app?.close());

    it('puts the newly published year first, citing its decision', async () => {
      const db = getDb();
      const before = await notices();
      expect(before[0].title).toContain('năm 2025');
      const cycle = (await new CycleRepository(db).list()).find((c) => c.year === 2026)!;
      await new CycleRepository(db).setStatus(cycle.id, 'approved');
      const [u] = (await db.select().from(users)).filter((x) => x.username === 'sonoivu');
      const actor = { id: u.id, username: u.username, fullName: u.fullName, email: null, role: u.role, unitId: u.unitId, unitName: null };
      await new CycleAdminService(db, new Notifier(db)).publish(actor, cycle.id, { decisionNumber: '45/QĐ-UBND', decisionDate: '2027-02-20' });

      const after = await notices();
      expect(after).toHaveLength(before.length + 1);
      expect(after[0]).toMatchObject({ title: 'Công bố Chỉ số CCHC năm 2026', cycleId: cycle.id });
      expect(after[0].body).toContain('Quyết định số 45/QĐ-UBND ngày 20/02/2027');
      expect(after[1].title).toBe(before[0].title);
    }, 120_000);

    it('words a correction as one, with its version and reason', () => {
      const n = publicationNotice({ year: 2026, version: 2, decisionNumber: '58/QĐ-UBND', decisionDate: '2027-04-10', reason: 'Tài liệu kiểm chứng không đúng năm.' });
      expect(n.title).toBe('Đính chính kết quả Chỉ số CCHC năm 2026 (phiên bản 2)');
      expect(n.body).toContain('Quyết định số 58/QĐ-UBND ngày 10/04/2027');
      expect(n.body).toContain('Lý do: Tài liệu kiểm chứng không đúng năm.');
    });
  },
  { truncateEach: false },
);
