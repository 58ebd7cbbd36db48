/**
 * Survey storage on PostgreSQL (a throwaway database on the local server):
 * - survey.ingest.postgres_rps / survey.ingest.p99_ms: public form submissions over HTTP
 *   (127.0.0.1, autocannon, 50 connections, 10 s), each a new form, acknowledged only once durable;
 * - survey.import_100k_s: a 100,000-row CSV through the import (1% bad rows reported);
 * - survey.export_1m.peak_rss_mb: 1,000,000 responses streamed out as CSV, peak RSS of the process
 *   during the export (BENCH_EXPORT_ROWS to change the count).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '@parindex/server/db/database.ts';
import { buildApp } from '@parindex/server/http/app.ts';
import { seedDemoIfEmpty } from '@parindex/server/seed/seed-demo.ts';
import { repositories } from '@parindex/server/services/repositories.ts';
import { insertResponses } from '@parindex/server/services/surveys/response-writer.ts';
import { SurveyService } from '@parindex/server/services/surveys/survey.service.ts';
import { login } from '@parindex/server/testing/sessions.ts';
import { log, timed } from '../measure.ts';
import type { AddMetric } from '../suites.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);

export async function surveyIoSuite(add: AddMetric): Promise<void> {
  const dbName = `parindex_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    const db = database.db;
    await seedDemoIfEmpty(db);
    const app = await buildApp({ database, surveyRateLimit: 1_000_000_000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const secretariat = await login(app, 'sonoivu');
    const cycleId = (await repositories(db).cycles.list()).find((c) => c.year === 2026)!.id;
    const q = (await app.inject({ method: 'POST', url: `/api/work/cycles/${cycleId}/surveys`, headers: secretariat.headers, payload: { sample: 'sipas' } })).json();
    const unit = (await repositories(db).units.findByCode('so-tu-phap'))!;
    const desk = (await app.inject({ method: 'POST', url: `/api/work/surveys/${q.id}/desks`, headers: secretariat.headers, payload: { unitId: unit.id, name: 'Quầy 1', respondentGroup: 'nguoi_dan' } })).json();
    const doc = (await app.inject({ url: `/api/work/surveys/${q.id}`, headers: secretariat.headers })).json();
    const answers: Record<string, string | string[]> = {};
    for (const x of doc.questions) if (x.type !== 'text' && (!x.groups || x.groups.includes('nguoi_dan'))) answers[x.code] = x.type === 'multiple' ? [x.options[0].code] : x.options[x.options.length - 1].code;

    // --- ingest over HTTP
    const opts = {
      url: `http://127.0.0.1:${port}/api/public/surveys/${q.code}/responses`,
      connections: 50,
      duration: 10,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ desk: desk.code, response: { id: randomUUID(), respondentGroup: 'nguoi_dan', answers, durationSeconds: 200 } }) }) }],
    };
    const result = (await autocannon(opts as unknown as Parameters<typeof autocannon>[0])) as unknown as { '2xx': number; non2xx: number; requests: { total: number }; latency: { p99: number } };
    const [{ n }] = (await database.db.execute((await import('drizzle-orm')).sql`select count(*)::int as n from survey_responses`) as { rows: { n: number }[] }).rows;
    log(`ingest: ${result.requests.total} requests, ${result['2xx']} ok, ${result.non2xx} not ok, ${n} stored`);
    // Requests still in flight when the run stops may be stored without being counted: never fewer stored than acknowledged.
    if (Number(n) < result['2xx']) throw new Error(`stored ${n} but acknowledged ${result['2xx']}`);
    add('survey.ingest.postgres_rps', result['2xx'] / 10, 'req/s');
    add('survey.ingest.p99_ms', result.latency.p99, 'ms');
    await app.close();

    // --- import 100,000 rows with 1% bad
    const service = new SurveyService(db);
    const questions = doc.questions.filter((x: { type: string }) => x.type !== 'text').map((x: { code: string }) => x.code);
    const lines = [['Nhóm đối tượng', 'Đơn vị được đánh giá', 'Thời gian trả lời (giây)', ...questions].join(',')];
    for (let i = 0; i < 100_000; i++) lines.push(['nguoi_dan', i % 100 === 7 ? 'khong-co' : 'so-tu-phap', String(100 + (i % 500)), ...questions.map((c: string) => { const a = answers[c]; return Array.isArray(a) ? a[0] : (a ?? ''); })].join(',') + `,${''}`.slice(1));
    // distinct rows: vary the duration and one answer so stable ids differ
    const csv = Buffer.from(lines.map((l, i) => (i === 0 ? l : l.replace(/^nguoi_dan,([^,]*),\d+/, `nguoi_dan,$1,${1000 + i}`))).join('\n'));
    const auth = await import('@parindex/server/auth/auth.service.ts');
    const actor = (await new auth.AuthService(db).listUsers(auth.CONSOLE)).find((u) => u.role === 'secretariat')!;
    const imp = await timed(() => service.importFile(actor, q.id, csv));
    log(`import: ${imp.result.rows} rows, ${imp.result.stored} stored, ${imp.result.rejected.length} rejected`);
    add('survey.import_100k_s', imp.ms / 1000, 's');

    // --- export 1,000,000 rows streamed
    const have = imp.result.stored + Number(n);
    const questionnaireId = q.id as string;
    for (let done = have; done < EXPORT_ROWS; ) {
      const k = Math.min(20_000, EXPORT_ROWS - done);
      await insertResponses(db, Array.from({ length: k }, () => ({ id: randomUUID(), questionnaireId, unitId: unit.id, respondentGroup: 'nguoi_dan', channel: 'import', answers, durationSeconds: 300 })));
      done += k;
    }
    await db.execute((await import('drizzle-orm')).sql`analyze survey_responses`);
    // The export runs in its own process, so its peak memory is the export's, not this workload's.
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./survey-export-child.ts', import.meta.url)), url.toString(), questionnaireId], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
    const exp = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; bytes: number; maxRssMb: number };
    log(`export: ${EXPORT_ROWS} responses, ${Math.round(exp.bytes / 1024 / 1024)} MB of CSV in ${Math.round(exp.ms / 1000)} s, peak RSS ${Math.round(exp.maxRssMb)} MB`);
    add('survey.export_1m.peak_rss_mb', exp.maxRssMb, 'MB');
    add('survey.export_1m_s', exp.ms / 1000, 's');
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
