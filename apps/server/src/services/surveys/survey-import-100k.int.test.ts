/**
 * The "done when" of response imports, end to end: a 100,000-row CSV with 1% bad rows uploaded
 * through the background import route (as the page does), stored in the database; every bad row
 * reported with its reason; the same file again stores nothing twice. The file is the reader
 * tests' generator (survey-io/responses-fixture.ts) over the demo cycle's units.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRows } from '../../db/database.ts';
import { buildApp } from '../../http/app.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { generateResponsesCsv } from '../../survey-io/responses-fixture.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { repositories } from '../repositories.ts';

interface Job {
  status: 'running' | 'done' | 'failed';
  rows: number;
  error?: string;
  result?: { rows: number; stored: number; duplicates: number; rejected: { row: number; reason: string }[] };
}

describeEachDatabase(
  'survey import of 100,000 responses',
  (getDb, kind) => {
    let app: FastifyInstance;
    let staff: TestSession;
    let qid: string;
    let file: ReturnType<typeof generateResponsesCsv>;

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
      staff = await login(app, 'sonoivu');
      const cycleId = (await repositories(getDb()).cycles.list()).find((c) => c.year === 2026)!.id;
      qid = (await app.inject({ method: 'POST', url: `/api/work/cycles/${cycleId}/surveys`, headers: staff.headers, payload: { sample: 'sipas' } })).json().id;
      const units = (await repositories(getDb()).cycles.listCycleUnits(cycleId)).map((u) => u.code);
      file = generateResponsesCsv(100_000, units);
    }, 120_000);
    afterAll(() => app?.close());

    const importFile = async (): Promise<NonNullable<Job['result']>> => {
      const boundary = '----parindex100k';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phieu-100k.csv"\r\nContent-Type: text/csv\r\n\r\n`), file.csv, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const started = await app.inject({ method: 'POST', url: `/api/work/surveys/${qid}/responses/import-jobs`, headers: { ...staff.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      expect(started.statusCode).toBe(202);
      expect(started.json().totalRows).toBe(100_000);
      let job: Job;
      for (;;) {
        await new Promise((r) => setTimeout(r, 200));
        job = (await app.inject({ url: `/api/work/survey-import-jobs/${started.json().jobId}`, headers: staff.headers })).json();
        if (job.status !== 'running') break;
      }
      expect(job.error).toBeUndefined();
      expect(job.status).toBe('done');
      return job.result!;
    };
    const storedCount = async () => Number((await executeRows<{ n: number }>(getDb(), sql`select count(*)::int as n from survey_responses where questionnaire_id = ${qid}`))[0].n);

    it('stores the 99,000 valid rows and reports each of the 1,000 bad ones with its reason; a second import stores nothing twice', async () => {
      expect(file.bad.size).toBe(1000);
      const first = await importFile();
      expect(first.rows).toBe(100_000);
      expect(first.stored).toBe(99_000);
      expect(first.rejected).toHaveLength(1000);
      expect(new Set(first.rejected.map((r) => r.row))).toEqual(new Set(file.bad.keys()));
      for (const r of first.rejected) expect(r.reason).toContain(file.bad.get(r.row)!);
      expect(await storedCount()).toBe(99_000);

      const second = await importFile();
      expect(second).toMatchObject({ rows: 100_000, stored: 0, duplicates: 99_000 });
      expect(second.rejected).toEqual(first.rejected);
      expect(await storedCount()).toBe(99_000);
    }, 600_000);
  },
  { truncateEach: false },
);
