/**
 * Jobs shared by the servers of one installation (issue 12, "done when"): an export started on
 * server A is polled and downloaded on server B and is still there after a restart; a survey
 * import whose server dies mid-file is taken over by another once the lease runs out, and one
 * whose attempt fails is retried — either way every row is stored exactly once. Two workers
 * never run the same job.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { executeRows } from '../../db/database.ts';
import { buildApp } from '../../http/app.ts';
import { JobRepository } from '../../repositories/job.repository.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { generateResponsesCsv } from '../../survey-io/responses-fixture.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { repositories } from '../repositories.ts';
import { ResultsService } from '../results.service.ts';
import { surveyImportJobHandler } from '../surveys/survey-response-import.ts';
import { enqueueJob } from './job-queue.ts';
import { type JobHandler, JobWorker } from './job-worker.ts';
import { describeTwoServers } from './testing.ts';

const FROM_APP = { 'x-requested-with': 'ParIndex' };
const FAST = { busyPollMs: 50, idlePollMs: 100 };

interface ImportJobView {
  status: string;
  rows: number;
  error?: string;
  result?: { rows: number; stored: number; duplicates: number; rejected: { row: number; reason: string }[] };
}

describeTwoServers('jobs shared by two servers', (servers) => {
  let cycle2025: string, cycle2026: string, units: string[];
  beforeAll(async () => {
    const db = servers().a.db;
    await seedDemoIfEmpty(db);
    const cycles = await new ResultsService(db).listCycles({ publicOnly: false });
    cycle2025 = cycles.find((c) => c.year === 2025)!.id;
    cycle2026 = cycles.find((c) => c.year === 2026)!.id;
    units = (await repositories(db).cycles.listCycleUnits(cycle2026)).map((u) => u.code);
  }, 120_000);

  const poll = async <T extends { status: string }>(app: FastifyInstance, url: string, headers: Record<string, string> = {}, pending = ['queued', 'running']): Promise<T> => {
    for (let i = 0; i < 1200; i++) {
      const res = await app.inject({ url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      const job = res.json() as T;
      if (!pending.includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${url} did not finish`);
  };
  /** The cycle's SIPAS questionnaire (one per cycle), emptied of responses for each test. */
  let sipas: string | undefined;
  const emptyQuestionnaire = async (app: FastifyInstance, staff: TestSession) => {
    sipas ??= (await app.inject({ method: 'POST', url: `/api/work/cycles/${cycle2026}/surveys`, headers: staff.headers, payload: { sample: 'sipas' } })).json().id as string;
    await servers().a.db.execute(sql`delete from survey_responses where questionnaire_id = ${sipas}`);
    return sipas;
  };
  const storedResponses = async (qid: string) =>
    Number((await executeRows<{ n: number }>(servers().a.db, sql`select count(*)::int as n from survey_responses where questionnaire_id = ${qid}`))[0]!.n);
  const upload = (app: FastifyInstance, staff: TestSession, qid: string, csv: Buffer) => {
    const boundary = '----parindexshared';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phieu.csv"\r\nContent-Type: text/csv\r\n\r\n`), csv, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return app.inject({ method: 'POST', url: `/api/work/surveys/${qid}/responses/import-jobs`, headers: { ...staff.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  };

  it('an export started on server A is polled and downloaded on server B, and is still there after B restarts', async () => {
    const { a, b } = servers();
    // Server A runs no jobs: the file can only be made by B's worker.
    const appA = await buildApp({ database: a, jobs: false });
    let appB = await buildApp({ database: b, jobs: FAST });
    try {
      const started = await appA.inject({ method: 'POST', url: `/api/cycles/${cycle2025}/exports`, headers: FROM_APP, payload: { format: 'csv' } });
      expect(started.statusCode).toBe(202);
      const id = started.json().id as string;
      const done = await poll<{ status: string; downloadUrl: string; fileName: string }>(appB, `/api/exports/${id}`);
      expect(done).toMatchObject({ status: 'done', progress: 100, error: null, fileName: 'ket-qua-chi-so-cchc-2025-qd-312-qd-ubnd.csv', downloadUrl: `/api/exports/${id}/file` });
      const file = await appB.inject(done.downloadUrl);
      expect([file.statusCode, file.headers['content-disposition']]).toEqual([200, 'attachment; filename="ket-qua-chi-so-cchc-2025-qd-312-qd-ubnd.csv"']);
      expect(file.body).toContain('Sở Tư pháp');
      expect((await appA.inject(done.downloadUrl)).body).toBe(file.body);

      // A work export is its starter's on every server: the session and the job are both in the database.
      const secretariat = await login(appA, 'sonoivu');
      const leader = await login(appB, 'lanhdao');
      const work = await appA.inject({ method: 'POST', url: `/api/work/cycles/${cycle2025}/exports`, headers: secretariat.headers, payload: { format: 'csv' } });
      expect(work.statusCode).toBe(202);
      const workId = work.json().id as string;
      expect(await poll(appB, `/api/work/exports/${workId}`, secretariat.headers)).toMatchObject({ status: 'done' });
      expect((await appB.inject({ url: `/api/work/exports/${workId}`, headers: leader.headers })).statusCode).toBe(404);
      expect((await appB.inject(`/api/exports/${workId}`)).statusCode).toBe(404);

      // B restarts: the jobs and their files are still there.
      await appB.close();
      appB = await buildApp({ database: b, jobs: false });
      expect((await appB.inject(`/api/exports/${id}`)).json()).toMatchObject({ status: 'done' });
      expect((await appB.inject(done.downloadUrl)).body).toBe(file.body);
      expect((await appB.inject({ url: `/api/work/exports/${workId}/file`, headers: secretariat.headers })).statusCode).toBe(200);
    } finally {
      await appA.close();
      await appB.close();
    }
  });

  it('an import whose server dies mid-file is taken over once its lease runs out, and stores every row exactly once', async () => {
    const { a, b } = servers();
    const appA = await buildApp({ database: a, jobs: false });
    let appB: FastifyInstance | undefined;
    // Server A's worker commits batches of 500 rows and dies after the third (no more writes, no lease renewals).
    const workerA = new JobWorker(a.db, { leaseMs: 600 });
    const real = surveyImportJobHandler(a.db, { batchSize: 500 });
    let batches = 0;
    let died!: () => void;
    const dead = new Promise<void>((r) => (died = r));
    const dying: JobHandler = {
      ...real,
      run: (ctx) =>
        real.run({
          ...ctx,
          checkpoint: async (state, opts) => {
            if (batches === 3) {
              workerA.abandon();
              died();
            }
            await ctx.checkpoint(state, opts);
            batches++;
          },
        }),
    };
    workerA.register('survey_import', dying).start();
    try {
      const staff = await login(appA, 'sonoivu');
      const qid = await emptyQuestionnaire(appA, staff);
      const file = generateResponsesCsv(3000, units);
      const valid = 3000 - file.bad.size;
      const started = await upload(appA, staff, qid, file.csv);
      expect(started.statusCode).toBe(202);
      const jobId = started.json().jobId as string;
      await dead;

      // As the dead server left it: still "running", three batches stored, the fourth rolled back.
      const left = (await new JobRepository(a.db).find(jobId))!;
      expect(left).toMatchObject({ status: 'running', attempts: 1, checkpoint: expect.objectContaining({ stored: 1500, duplicates: 0 }) });
      expect(await storedResponses(qid)).toBe(1500);
      expect((await appA.inject({ url: `/api/work/survey-import-jobs/${jobId}`, headers: staff.headers })).json()).toMatchObject({ status: 'running', rows: left.checkpoint!.rows });

      // Server B starts; once A's lease has run out it takes the job over and finishes it.
      appB = await buildApp({ database: b, jobs: FAST });
      const job = await poll<ImportJobView>(appB, `/api/work/survey-import-jobs/${jobId}`, staff.headers, ['running']);
      expect(job.error).toBeUndefined();
      expect(job).toMatchObject({ status: 'done', rows: 3000, result: { rows: 3000, stored: valid, duplicates: 0 } });
      expect(new Set(job.result!.rejected.map((r) => r.row))).toEqual(new Set(file.bad.keys()));
      expect(await storedResponses(qid)).toBe(valid);
      expect((await new JobRepository(a.db).find(jobId))!.attempts).toBe(2);
    } finally {
      workerA.abandon();
      await appA.close();
      await appB?.close();
    }
  });

  it('an import whose attempt fails is retried from its last committed batch, storing every row exactly once', async () => {
    const { a } = servers();
    const app = await buildApp({ database: a, jobs: false });
    const worker = new JobWorker(a.db, { retryDelayMs: () => 0 });
    const real = surveyImportJobHandler(a.db, { batchSize: 400 });
    let failures = 0;
    worker.register('survey_import', {
      ...real,
      run: (ctx) =>
        real.run({
          ...ctx,
          checkpoint: async (state, opts) => {
            // The first attempt loses its database connection in the middle of its third batch.
            if (ctx.job.attempts === 1 && (state as { stored: number }).stored > 800) {
              failures++;
              throw new Error('Connection terminated unexpectedly');
            }
            await ctx.checkpoint(state, opts);
          },
        }),
    });
    try {
      const staff = await login(app, 'sonoivu');
      const qid = await emptyQuestionnaire(app, staff);
      const file = generateResponsesCsv(2000, units);
      const started = await upload(app, staff, qid, file.csv);
      expect(started.statusCode).toBe(202);
      const jobId = started.json().jobId as string;
      await worker.drain();
      const job = (await app.inject({ url: `/api/work/survey-import-jobs/${jobId}`, headers: staff.headers })).json() as ImportJobView;
      expect(failures).toBe(1);
      expect(job).toMatchObject({ status: 'done', rows: 2000, result: { rows: 2000, stored: 2000 - file.bad.size, duplicates: 0 } });
      expect(job.result!.rejected).toHaveLength(file.bad.size);
      expect(await storedResponses(qid)).toBe(2000 - file.bad.size);
    } finally {
      await worker.close();
      await app.close();
    }
  });

  it('two servers\' workers never run the same job', async () => {
    const { a, b } = servers();
    const ran: string[] = [];
    const handler: JobHandler = {
      failureMessage: 'Không chạy được.',
      run: async ({ job }) => {
        ran.push(job.id);
        await new Promise((r) => setTimeout(r, 5));
      },
    };
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await enqueueJob(a.db, 'score_run', { n: i })).id);
    const workerA = new JobWorker(a.db, FAST).register('score_run', handler);
    const workerB = new JobWorker(b.db, FAST).register('score_run', handler);
    await Promise.all([workerA.drain(), workerB.drain()]);
    expect(ran.slice().sort()).toEqual(ids.slice().sort());
    const states = await executeRows<{ status: string; attempts: number; n: number }>(a.db, sql`select status, attempts, count(*)::int as n from jobs where kind = 'score_run' group by status, attempts`);
    expect(states).toEqual([{ status: 'done', attempts: 1, n: 30 }]);
  });
});
