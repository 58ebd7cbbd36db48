/**
 * The e-mail outbox: a reminder request stores the in-app notifications and queues one e-mail
 * per person, and answers before any mail is sent; a server's worker then sends them (nodemailer's
 * jsonTransport here), retrying a mail the server refused, and giving up after the last attempt.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { executeRows } from '../../db/database.ts';
import { notifications, users } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { repositories } from '../repositories.ts';
import { registerJobHandlers } from './handlers.ts';
import { JobWorker } from './job-worker.ts';

const FROM = 'ParIndex <parindex@sonha.example.vn>';
const ADDRESSES = { 'tuphap.daumoi': 'tuan.le@sotuphap.example.vn', 'tuphap.giamdoc': 'bao.pham@sotuphap.example.vn' };

describeEachDatabase(
  'e-mail outbox',
  (getDb, kind) => {
    const mailer = nodemailer.createTransport({ jsonTransport: true });
    let app: FastifyInstance;
    let secretariat: TestSession;
    let cycleId: string, unitId: string;
    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      for (const [username, email] of Object.entries(ADDRESSES)) await getDb().update(users).set({ email }).where(eq(users.username, username));
      // This server sends no mail itself: the outbox below is another server's worker.
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} }, mailer, mailFrom: FROM, jobs: false });
      secretariat = await login(app, 'sonoivu');
      cycleId = (await repositories(getDb()).cycles.list()).find((c) => c.year === 2026)!.id;
      unitId = (await repositories(getDb()).cycles.listCycleUnits(cycleId)).find((u) => u.code === 'so-tu-phap')!.unitId;
    }, 120_000);
    afterAll(() => app?.close());
    beforeEach(async () => {
      await getDb().execute(sql`delete from jobs`);
    });
    afterEach(() => vi.restoreAllMocks());

    const outbox = () => registerJobHandlers(new JobWorker(getDb(), { retryDelayMs: () => 0 }), getDb(), { mailer, mailFrom: FROM });
    const remind = (message: string) => app.inject({ method: 'POST', url: `/api/work/cycles/${cycleId}/reminders`, headers: secretariat.headers, payload: { unitIds: [unitId], message } });
    const emailJobs = () => executeRows<{ to: string; status: string; attempts: number; error: string | null }>(getDb(), sql`select payload->>'to' as "to", status, attempts, error from jobs where kind = 'email' order by payload->>'to'`);
    const sentMessages = async (spy: { mock: { results: { type: string; value: unknown }[] } }) => {
      const out: { to: { address: string }[]; from: { address: string; name: string }; subject: string; text: string }[] = [];
      for (const r of spy.mock.results) if (r.type === 'return') out.push(JSON.parse(((await r.value) as { message: string }).message));
      return out;
    };

    it('answers the reminder before any mail is sent; the outbox then sends one mail to each person', async () => {
      const sendMail = vi.spyOn(mailer, 'sendMail');
      const res = await remind('Hạn gửi kết quả tự đánh giá là ngày 15/3/2026.');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ inApp: 2, emails: 2 });
      expect(sendMail).not.toHaveBeenCalled();
      expect(await emailJobs()).toEqual([
        { to: ADDRESSES['tuphap.giamdoc'], status: 'queued', attempts: 0, error: null },
        { to: ADDRESSES['tuphap.daumoi'], status: 'queued', attempts: 0, error: null },
      ]);
      // The in-app notifications are stored as before, with the request.
      const people = await getDb().select({ id: users.id }).from(users).where(inArray(users.username, Object.keys(ADDRESSES)));
      const inApp = await getDb().select().from(notifications).where(inArray(notifications.userId, people.map((p) => p.id)));
      expect(inApp.filter((n) => n.message.includes('Hạn gửi kết quả tự đánh giá là ngày 15/3/2026.'))).toHaveLength(2);

      await outbox().drain();
      const sent = await sentMessages(sendMail);
      expect(sent.map((m) => m.to[0]!.address).sort()).toEqual(Object.values(ADDRESSES).sort());
      for (const m of sent) {
        expect(m.from).toEqual({ address: 'parindex@sonha.example.vn', name: 'ParIndex' });
        expect(m.subject).toBe('ParIndex – Chỉ số CCHC');
        expect(m.text).toContain('Hạn gửi kết quả tự đánh giá là ngày 15/3/2026.');
      }
      expect((await emailJobs()).map((j) => j.status)).toEqual(['done', 'done']);
    });

    it('retries a mail the server refused, and gives up after the last attempt with a Vietnamese message', async () => {
      const refusing = vi.spyOn(mailer, 'sendMail').mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:25') as never);
      await remind('Nhắc lần hai.');
      await outbox().drain();
      const jobs = await emailJobs();
      expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);
      expect(jobs.map((j) => j.attempts).sort()).toEqual([1, 2]);
      expect(refusing).toHaveBeenCalledTimes(3);

      await getDb().execute(sql`delete from jobs`);
      vi.spyOn(mailer, 'sendMail').mockRejectedValue(new Error('421 Service not available') as never);
      await remind('Nhắc lần ba.');
      await outbox().drain();
      for (const j of await emailJobs()) {
        expect(j).toMatchObject({ status: 'failed', attempts: 8 });
        expect(j.error).toContain('Không gửi được thư điện tử sau nhiều lần thử');
        expect(j.error).not.toContain('421');
      }
    });
  },
  { truncateEach: false },
);
