/**
 * Background exports on the job table: a request is queued, a worker makes the file and stores
 * it with the job, the job expires an hour after it finished; a flood is refused on every server;
 * a user's error fails at once, an internal one is retried with backoff and then fails without
 * its details; a work export is made only while its starter may still read drafts.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { executeRows } from '../db/database.ts';
import { users } from '../db/schema.ts';
import { CycleRepository } from '../repositories/cycle.repository.ts';
import { JobRepository } from '../repositories/job.repository.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { registerJobHandlers } from '../services/jobs/handlers.ts';
import { JobWorker, type JobWorkerOptions } from '../services/jobs/job-worker.ts';
import { ResultsService } from '../services/results.service.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { EXPORT_FAILED, ExportJobs, exportJobHandler } from './export-jobs.ts';

describeEachDatabase(
  'background exports on the job table',
  (getDb) => {
    let cycleId: string;
    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      cycleId = (await new ResultsService(getDb()).listCycles({ publicOnly: true })).find((c) => c.year === 2025)!.id;
    }, 120_000);
    beforeEach(async () => {
      await getDb().execute(sql`delete from jobs`);
    });

    const worker = (opts: JobWorkerOptions = {}) => registerJobHandlers(new JobWorker(getDb(), { retryDelayMs: () => 0, ...opts }), getDb());
    const csv = { format: 'csv', scope: 'cycle' } as const;

    it('queues a request, makes the file on a worker, and keeps it until it expires', async () => {
      const jobs = new ExportJobs(getDb());
      const job = await jobs.start({ cycleId, request: csv, audience: 'public' });
      expect(job).toMatchObject({ status: 'queued', progress: 0, error: null, fileName: null, userId: null });
      expect((await jobs.find(job.id))!.status).toBe('queued');

      const w = worker();
      await w.drain();
      const done = (await jobs.find(job.id))!;
      expect(done).toMatchObject({ status: 'done', progress: 100, error: null, fileName: 'ket-qua-chi-so-cchc-2025-qd-312-qd-ubnd.csv' });
      expect(done.expiresAt.getTime()).toBeGreaterThan(done.finishedAt!.getTime());
      const file = (await jobs.file(job.id))!;
      expect(file.fileName).toBe('ket-qua-chi-so-cchc-2025-qd-312-qd-ubnd.csv');
      expect(file.content.toString('utf8')).toContain('Sở Tư pháp');

      // An hour on: the job is gone for its user, then swept with its file.
      await getDb().execute(sql`update jobs set expires_at = now() - interval '1 second' where id = ${job.id}`);
      expect(await jobs.find(job.id)).toBeUndefined();
      expect(await w.sweep()).toBe(1);
      expect(await jobs.file(job.id)).toBeUndefined();
      expect(await new JobRepository(getDb()).find(job.id)).toBeUndefined();
    });

    it('shows a running job\'s progress to whoever polls it, never going back', async () => {
      const jobs = new ExportJobs(getDb());
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const w = new JobWorker(getDb()).register('export', {
        failureMessage: EXPORT_FAILED,
        run: async (ctx) => {
          ctx.progress(40);
          ctx.progress(20);
          await gate;
          return { result: { fileName: 'a.csv', contentType: 'text/csv' }, output: { fileName: 'a.csv', contentType: 'text/csv', content: Buffer.from('a') } };
        },
      });
      const job = await jobs.start({ cycleId, request: csv, audience: 'public' });
      const running = w.drain();
      let seen = (await jobs.find(job.id))!;
      for (let i = 0; i < 500 && seen.progress === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        seen = (await jobs.find(job.id))!;
      }
      expect(seen).toMatchObject({ status: 'running', progress: 40 });
      release();
      await running;
      expect(await jobs.find(job.id)).toMatchObject({ status: 'done', progress: 100, fileName: 'a.csv' });
      expect((await jobs.file(job.id))!.content.toString()).toBe('a');
    });

    it('refuses a flood of requests counted over every server, and takes requests again once they are done', async () => {
      const serverA = new ExportJobs(getDb(), { maxPending: 2 });
      const serverB = new ExportJobs(getDb(), { maxPending: 2 });
      await serverA.start({ cycleId, request: csv, audience: 'public' });
      await serverB.start({ cycleId, request: { format: 'json', scope: 'cycle' }, audience: 'public' });
      await expect(serverB.start({ cycleId, request: csv, audience: 'public' })).rejects.toThrow('Đang có 2 yêu cầu xuất tệp chờ xử lý. Vui lòng thử lại sau ít phút.');
      await worker().drain();
      expect((await serverB.start({ cycleId, request: csv, audience: 'public' })).status).toBe('queued');
    });

    it('fails at once with the user\'s message when the cycle was unpublished before the job ran', async () => {
      const jobs = new ExportJobs(getDb());
      const job = await jobs.start({ cycleId, request: { format: 'pdf', scope: 'cycle' }, audience: 'public' });
      const cycles = new CycleRepository(getDb());
      await cycles.setStatus(cycleId, 'approved');
      try {
        await worker().drain();
      } finally {
        await cycles.setStatus(cycleId, 'published');
      }
      expect(await jobs.find(job.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('chưa được công bố') });
      expect((await new JobRepository(getDb()).find(job.id))!.attempts).toBe(1);
      expect(await jobs.file(job.id)).toBeUndefined();
    });

    it('retries an internal failure with growing delays, then fails with a message that hides the details', async () => {
      const jobs = new ExportJobs(getDb());
      const job = await jobs.start({ cycleId, request: csv, audience: 'public' });
      const delays: number[] = [];
      // A server whose temporary folder is missing: every attempt fails with ENOENT.
      const broken = new JobWorker(getDb(), { retryDelayMs: (n) => (delays.push(n), 0) }).register('export', exportJobHandler(getDb(), { tmpRoot: path.join(os.tmpdir(), `parindex-missing-${randomBytes(4).toString('hex')}`) }));
      await broken.drain();
      const failed = (await jobs.find(job.id))!;
      expect(failed).toMatchObject({ status: 'failed', error: EXPORT_FAILED, fileName: null });
      expect(failed.error).not.toContain('ENOENT');
      expect(delays).toEqual([1, 2]);
      expect((await new JobRepository(getDb()).find(job.id))!).toMatchObject({ attempts: 3, maxAttempts: 3 });

      // With the default backoff, a failed attempt waits before the next one.
      const again = await jobs.start({ cycleId, request: csv, audience: 'public' });
      const patient = new JobWorker(getDb()).register('export', exportJobHandler(getDb(), { tmpRoot: path.join(os.tmpdir(), `parindex-missing-${randomBytes(4).toString('hex')}`) }));
      await patient.drain();
      expect(await jobs.find(again.id)).toMatchObject({ status: 'queued', error: null });
      const rows = await executeRows<{ attempts: number; later: boolean }>(getDb(), sql`select attempts, run_after > now() as later from jobs where id = ${again.id}`);
      expect(rows).toEqual([{ attempts: 1, later: true }]);
    });

    it('makes a work export only while its starter may still read drafts', async () => {
      const [sonoivu] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, 'sonoivu'));
      const jobs = new ExportJobs(getDb());
      const job = await jobs.start({ cycleId, request: csv, audience: 'work', userId: sonoivu!.id });
      expect(job).toMatchObject({ audience: 'work', userId: sonoivu!.id });
      await getDb().update(users).set({ active: 0 }).where(eq(users.id, sonoivu!.id));
      try {
        await worker().drain();
      } finally {
        await getDb().update(users).set({ active: 1 }).where(eq(users.id, sonoivu!.id));
      }
      expect(await jobs.find(job.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('không còn quyền xem kết quả chưa công bố') });

      const next = await jobs.start({ cycleId, request: csv, audience: 'work', userId: sonoivu!.id });
      await worker().drain();
      expect(await jobs.find(next.id)).toMatchObject({ status: 'done', fileName: 'ket-qua-chi-so-cchc-2025-qd-312-qd-ubnd.csv' });
    });
  },
  { truncateEach: false },
);
