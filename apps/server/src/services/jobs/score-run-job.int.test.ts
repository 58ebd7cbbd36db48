/**
 * Scoring runs as background jobs (issue 12, item 3), on PGlite and PostgreSQL: "Chấm điểm khảo
 * sát" and "Tính kết quả" started on server A are run by server B's worker and store the scores
 * and results; asking again while a run waits returns that run (one per cycle, even when two
 * servers are asked at once); the other kind is refused meanwhile; a run the stage refuses fails
 * with the service's message; an account disabled after asking scores nothing; and only those who
 * asked, in the routes' roles, see a run.
 */
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { executeRows } from '../../db/database.ts';
import { users } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { JobRepository } from '../../repositories/job.repository.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { ResultsService } from '../results.service.ts';
import { describeTwoServers } from './testing.ts';

const FAST = { busyPollMs: 50, idlePollMs: 100 };

interface RunView {
  id: string;
  what: string;
  cycleId: string;
  status: string;
  progress: number;
  error: string | null;
  result: Record<string, unknown> | null;
  pollUrl: string;
}

describeTwoServers('scoring runs as background jobs', (servers) => {
  let cycle2025: string, cycle2026: string;
  beforeAll(async () => {
    const db = servers().a.db;
    await seedDemoIfEmpty(db);
    const cycles = await new ResultsService(db).listCycles({ publicOnly: false });
    cycle2025 = cycles.find((c) => c.year === 2025)!.id;
    cycle2026 = cycles.find((c) => c.year === 2026)!.id;
  }, 120_000);

  const scoreJobs = (cycleId: string) => `/api/work/cycles/${cycleId}/surveys/score-jobs`;
  const computeJobs = (cycleId: string) => `/api/work/cycles/${cycleId}/compute-jobs`;
  const post = (app: FastifyInstance, url: string, s: TestSession) => app.inject({ method: 'POST', url, headers: s.headers });
  const poll = async (app: FastifyInstance, url: string, s: TestSession): Promise<RunView> => {
    for (let i = 0; i < 1200; i++) {
      const res = await app.inject({ url, headers: s.headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      const job = res.json() as RunView;
      if (job.status !== 'queued' && job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${url} did not finish`);
  };
  const runsOf = async (cycleId: string) =>
    Number((await executeRows<{ n: number }>(servers().a.db, sql`select count(*)::int as n from jobs where kind = 'score_run' and payload ->> 'cycleId' = ${cycleId}`))[0]!.n);

  it('a survey scoring and a computation started on server A are run by server B, which stores the scores and results', async () => {
    const { a, b } = servers();
    // Server A runs no jobs: only B's worker can do the work.
    const appA = await buildApp({ database: a, jobs: false });
    const appB = await buildApp({ database: b, jobs: FAST });
    try {
      const staff = await login(appA, 'sonoivu');
      const before = (await appA.inject({ url: `/api/work/cycles/${cycle2026}/surveys/score`, headers: staff.headers })).json();
      expect(before.scoredAt).toBeNull();

      const started = await post(appA, scoreJobs(cycle2026), staff);
      expect(started.statusCode).toBe(202);
      const job = started.json() as RunView;
      expect(job).toMatchObject({ what: 'survey_score', cycleId: cycle2026, error: null, pollUrl: `${scoreJobs(cycle2026)}/${job.id}` });
      expect(started.headers.location).toBe(job.pollUrl);

      const done = await poll(appB, job.pollUrl, staff);
      expect(done).toMatchObject({ status: 'done', progress: 100, error: null });
      const stored = (await appA.inject({ url: `/api/work/cycles/${cycle2026}/surveys/score`, headers: staff.headers })).json();
      expect(stored.scoredAt).not.toBeNull();
      expect(stored.scoredBy).toContain('Nguyễn Thị Thu Hà');
      expect(stored.leaves.length).toBeGreaterThan(0);
      expect(done.result).toMatchObject({ units: stored.units.length, leaves: stored.leaves.length, responses: stored.responses });

      const computing = await post(appA, computeJobs(cycle2026), staff);
      expect(computing.statusCode).toBe(202);
      const computed = await poll(appB, (computing.json() as RunView).pollUrl, staff);
      expect(computed).toMatchObject({ status: 'done', error: null, what: 'results' });
      const results = (await appA.inject({ url: `/api/work/cycles/${cycle2026}/results`, headers: staff.headers })).json() as { groups: { units: unknown[] }[] };
      const units = results.groups.reduce((n, g) => n + g.units.length, 0);
      expect(units).toBeGreaterThan(0);
      expect(computed.result).toMatchObject({ units });
    } finally {
      await appA.close();
      await appB.close();
    }
  });

  it('asking again while a run waits returns that run — on either server, at once — and the other kind is refused until it is done', async () => {
    const { a, b } = servers();
    const appA = await buildApp({ database: a, jobs: false });
    const appB = await buildApp({ database: b, jobs: false });
    try {
      const first = await login(appA, 'sonoivu');
      const second = await login(appB, 'sonoivu2');
      const runsBefore = await runsOf(cycle2026);
      const asked = await Promise.all([post(appA, scoreJobs(cycle2026), first), post(appB, scoreJobs(cycle2026), second), post(appA, scoreJobs(cycle2026), first), post(appB, scoreJobs(cycle2026), first)]);
      expect(asked.map((r) => r.statusCode)).toEqual([202, 202, 202, 202]);
      const ids = new Set(asked.map((r) => (r.json() as RunView).id));
      expect(ids.size).toBe(1);
      expect(await runsOf(cycle2026)).toBe(runsBefore + 1);
      const [id] = [...ids];
      const pollUrl = `${scoreJobs(cycle2026)}/${id}`;
      // Both who asked may follow it, on either server.
      expect((await appB.inject({ url: pollUrl, headers: second.headers })).json()).toMatchObject({ id, status: 'queued' });
      expect((await appA.inject({ url: pollUrl, headers: first.headers })).json()).toMatchObject({ id, status: 'queued' });

      const compute = await post(appA, computeJobs(cycle2026), first);
      expect(compute.statusCode).toBe(409);
      expect(compute.json().error.message).toContain('đang có một lượt chấm điểm khảo sát');

      await appA.jobWorker.drain();
      expect((await appB.inject({ url: pollUrl, headers: second.headers })).json()).toMatchObject({ id, status: 'done' });
      // Done: the next request is a new run.
      const next = await post(appA, computeJobs(cycle2026), first);
      expect(next.statusCode).toBe(202);
      expect((next.json() as RunView).id).not.toBe(id);
      await appA.jobWorker.drain();
    } finally {
      await appA.close();
      await appB.close();
    }
  });

  it('a run the cycle’s stage refuses fails with the service’s message', async () => {
    const { a, b } = servers();
    const appA = await buildApp({ database: a, jobs: false });
    const appB = await buildApp({ database: b, jobs: FAST });
    try {
      const staff = await login(appA, 'sonoivu');
      const compute = await post(appA, computeJobs(cycle2025), staff);
      expect(compute.statusCode).toBe(202);
      const failed = await poll(appB, (compute.json() as RunView).pollUrl, staff);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/đã công bố: không tính lại được/);
      // A refusal is the user's: failed at once, not retried.
      expect((await new JobRepository(a.db).find(failed.id))!.attempts).toBe(1);

      const score = await post(appA, scoreJobs(cycle2025), staff);
      expect(score.statusCode).toBe(202);
      const refused = await poll(appB, (score.json() as RunView).pollUrl, staff);
      expect(refused).toMatchObject({ status: 'failed', error: expect.stringMatching(/Điểm đã phê duyệt hoặc công bố: không chấm lại điểm khảo sát/) });

      expect((await post(appA, scoreJobs('khong-co-ky-nay'), staff)).statusCode).toBe(404);
    } finally {
      await appA.close();
      await appB.close();
    }
  });

  it('only those who asked, in the routes’ roles, see or start a run', async () => {
    const { a } = servers();
    const app = await buildApp({ database: a, jobs: false });
    try {
      const staff = await login(app, 'sonoivu');
      const other = await login(app, 'sonoivu2');
      const started = (await post(app, computeJobs(cycle2026), staff)).json() as RunView;
      expect(started.what).toBe('results');
      expect((await app.inject({ url: started.pollUrl, headers: other.headers })).statusCode).toBe(404);
      // The survey poll URL does not serve a computation.
      expect((await app.inject({ url: `${scoreJobs(cycle2026)}/${started.id}`, headers: staff.headers })).statusCode).toBe(404);
      for (const username of ['lanhdao', 'quantri', 'hoidong.chutich', 'tuphap.daumoi']) {
        const s = await login(app, username);
        for (const res of [await post(app, scoreJobs(cycle2026), s), await post(app, computeJobs(cycle2026), s), await app.inject({ url: started.pollUrl, headers: s.headers }), await app.inject({ url: `${scoreJobs(cycle2026)}/${started.id}`, headers: s.headers })]) {
          expect(res.statusCode, username).toBe(403);
          expect(res.json().error.message).toMatch(/không có quyền/);
        }
      }
      await app.jobWorker.drain();
    } finally {
      await app.close();
    }
  });

  it('an account disabled after asking scores nothing: the run fails with the reason', async () => {
    const { a, b } = servers();
    const appA = await buildApp({ database: a, jobs: false });
    const appB = await buildApp({ database: b, jobs: false });
    const disable = (active: number) => a.db.update(users).set({ active }).where(eq(users.username, 'sonoivu2'));
    try {
      const staff = await login(appA, 'sonoivu');
      const before = (await appA.inject({ url: `/api/work/cycles/${cycle2026}/surveys/score`, headers: staff.headers })).json();
      const asker = await login(appA, 'sonoivu2');
      const started = (await post(appA, scoreJobs(cycle2026), asker)).json() as RunView;
      await disable(0);
      await appB.jobWorker.drain();
      const job = (await new JobRepository(a.db).find(started.id))!;
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/đã bị khóa hoặc không còn quyền này; lượt chấm điểm khảo sát không chạy/);
      const after = (await appA.inject({ url: `/api/work/cycles/${cycle2026}/surveys/score`, headers: staff.headers })).json();
      expect(after.scoredAt).toBe(before.scoredAt);
    } finally {
      await disable(1);
      await appA.close();
      await appB.close();
    }
  });
});
