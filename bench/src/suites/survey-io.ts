/**
 * Survey storage on PostgreSQL (a throwaway database on BENCH_DATABASE_URL), through the real
 * HTTP app listening on 127.0.0.1, on the demo province's 2026 cycle and a SIPAS questionnaire:
 * - survey.ingest.raw_rps / raw_p99_ms: public form submissions with every rate limit raised
 *   (1e9) and every form to one desk, for 10 s (BENCH_INGEST_SECONDS) — survey-ingest.ts;
 * - survey.ingest.limited_rps / limited_p99_ms: the same forms under the production rate limits
 *   (DEFAULT_PUBLIC_SURVEY_LIMITS, behind a proxy), as many forms as the raw run stored (at least
 *   2,000), spread over enough desks, one-time links and client addresses that none reaches its
 *   limit (survey.ingest.limited_desks / _links / _addresses say how many); any refusal fails;
 * - survey.import_100k_s: a 100,000-row CSV (1 % bad rows) uploaded by a secretariat session to
 *   POST /api/work/surveys/:qid/responses/import-jobs, then the job polled every 250 ms until it
 *   reports done — from the upload's first byte to the job's last row; the rows stored are then
 *   counted in the database;
 * - survey.export_1m_s / survey.export_1m.peak_rss_mb: 1,000,000 responses streamed out as CSV
 *   in a child process (BENCH_EXPORT_ROWS to change the count).
 * BENCH_SCALE scales the import and export row counts (the names keep the full-scale sizes).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '@parindex/server/db/database.ts';
import { buildApp } from '@parindex/server/http/app.ts';
import { seedDemoIfEmpty } from '@parindex/server/seed/seed-demo.ts';
import { repositories } from '@parindex/server/services/repositories.ts';
import { insertResponses } from '@parindex/server/services/surveys/response-writer.ts';
import { login, type TestSession } from '@parindex/server/testing/sessions.ts';
import { scaled, throwawayPostgres } from '../config.ts';
import { log } from '../measure.ts';
import type { SuiteContext } from '../suites.ts';
import { type IngestTarget, ingest, logIngest, productionRoute, productionSpread } from './survey-ingest.ts';

const IMPORT_ROWS = scaled(100_000, 1_000);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? scaled(1_000_000, 10_000));
const POLL_MS = 250;

type App = Awaited<ReturnType<typeof buildApp>>;

async function call<T>(app: App, method: 'GET' | 'POST', url: string, session: TestSession, payload?: unknown): Promise<T> {
  const r = await app.inject({ method, url, headers: session.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r.json() as T;
}

/** The CSV of `rows` distinct responses, every 100th naming a unit that does not exist (rejected). */
function responsesCsv(questions: string[], answers: Record<string, string | string[]>, unitCode: string, rows: number): { csv: Buffer; bad: number } {
  const lines = [['Nhóm đối tượng', 'Đơn vị được đánh giá', 'Thời gian trả lời (giây)', ...questions].join(',')];
  const cells = questions.map((c) => { const a = answers[c]; return Array.isArray(a) ? a[0] : (a ?? ''); }).join(',');
  let bad = 0;
  for (let i = 0; i < rows; i++) {
    const wrong = i % 100 === 7;
    if (wrong) bad++;
    // The answer time differs on every row, so every row is a different response (stable ids).
    lines.push(`nguoi_dan,${wrong ? 'khong-co' : unitCode},${1000 + i},${cells}`);
  }
  return { csv: Buffer.from(lines.join('\n')), bad };
}

/** Uploads the file as the page does, polls the job the answer names until it is done; seconds from upload to done. */
async function importThroughHttp(baseUrl: string, session: TestSession, qid: string, csv: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'phieu-tra-loi.csv');
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/work/surveys/${qid}/responses/import-jobs`, { method: 'POST', headers: session.headers, body: form });
  const started = (await res.json()) as { jobId: string; url?: string };
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${JSON.stringify(started).slice(0, 300)}`);
  const jobUrl = new URL(started.url ?? res.headers.get('location') ?? `/api/work/survey-import-jobs/${started.jobId}`, baseUrl);
  for (;;) {
    const r = await fetch(jobUrl, { headers: session.headers });
    const job = (await r.json()) as { status: string; rows: number; error?: string; result?: { rows: number; stored: number; duplicates: number; rejected: unknown[] } };
    if (r.status !== 200) throw new Error(`GET ${jobUrl.pathname}: ${r.status} ${JSON.stringify(job).slice(0, 300)}`);
    if (job.status === 'failed') throw new Error(`Lượt nhập tệp thất bại: ${job.error}`);
    if (job.status === 'done') return { seconds: (performance.now() - t0) / 1000, result: job.result! };
    await sleep(POLL_MS);
  }
}

async function countResponses(database: Database, qid: string): Promise<number> {
  const r = (await database.db.execute(sql`select count(*)::int as n from survey_responses where questionnaire_id = ${qid}`)) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0].n);
}

export async function surveyIoSuite({ add, uses }: SuiteContext): Promise<void> {
  const pgdb = await throwawayPostgres('parindex_bench_survey_io');
  uses('postgresql');
  const database = pgdb.database;
  const db = database.db;
  const apps: App[] = [];
  try {
    await seedDemoIfEmpty(db);
    const cycleId = (await repositories(db).cycles.list()).find((c) => c.year === 2026)!.id;
    const cycleUnits = await repositories(db).cycles.listCycleUnits(cycleId);

    // --- the raw path: limits raised, one desk
    const raw = await buildApp({ database, surveyRateLimit: 1_000_000_000 });
    apps.push(raw);
    const secretariat = await login(raw, 'sonoivu');
    const q = await call<{ id: string; code: string }>(raw, 'POST', `/api/work/cycles/${cycleId}/surveys`, secretariat, { sample: 'sipas' });
    const unit = (await repositories(db).units.findByCode('so-tu-phap'))!;
    const desk = await call<{ code: string }>(raw, 'POST', `/api/work/surveys/${q.id}/desks`, secretariat, { unitId: unit.id, name: 'Quầy 1', respondentGroup: 'nguoi_dan' });
    const doc = await call<{ questions: { code: string; type: string; groups?: string[]; options: { code: string }[] }[] }>(raw, 'GET', `/api/work/surveys/${q.id}`, secretariat);
    const answers: Record<string, string | string[]> = {};
    for (const x of doc.questions) if (x.type !== 'text' && (!x.groups || x.groups.includes('nguoi_dan'))) answers[x.code] = x.type === 'multiple' ? [x.options[0].code] : x.options[x.options.length - 1].code;
    const target: IngestTarget = { baseUrl: await raw.listen({ port: 0, host: '127.0.0.1' }), code: q.code, questionnaireId: q.id, answers };
    const rawRun = await ingest(database, target, { route: () => ({ desk: desk.code }) });
    logIngest('raw: limits raised, one desk', rawRun);
    add('survey.ingest.raw_rps', rawRun.rps, 'req/s');
    add('survey.ingest.raw_p99_ms', rawRun.p99, 'ms');
    await raw.close();

    // --- the production path: default limits, behind a proxy, spread over desks, links and addresses
    const limited = await buildApp({ database, trustProxy: true });
    apps.push(limited);
    const amount = Math.max(2_000, rawRun.ok);
    const spread = productionSpread(amount);
    const desks: string[] = [];
    for (let i = 0; i < spread.desks; i++) {
      const u = cycleUnits[i % cycleUnits.length];
      desks.push((await call<{ code: string }>(limited, 'POST', `/api/work/surveys/${q.id}/desks`, secretariat, { unitId: u.unitId, name: `Quầy ${i + 2}`, respondentGroup: 'nguoi_dan' })).code);
    }
    const tokens: string[] = [];
    for (let left = spread.links; left > 0; left -= 5_000) {
      const u = cycleUnits[tokens.length % cycleUnits.length];
      const made = await call<{ url: string }[]>(limited, 'POST', `/api/work/surveys/${q.id}/tokens`, secretariat, { unitId: u.unitId, respondentGroup: 'nguoi_dan', count: Math.min(5_000, left) });
      tokens.push(...made.map((m) => new URL(m.url).searchParams.get('t')!));
    }
    log(`ingest (production limits): ${amount} forms over ${spread.desks} desks, ${tokens.length} one-time links, ${spread.addresses} client addresses`);
    const limitedUrl = await limited.listen({ port: 0, host: '127.0.0.1' });
    const limitedRun = await ingest(database, { ...target, baseUrl: limitedUrl }, { amount, route: productionRoute(desks, tokens, spread.addresses) });
    logIngest('production limits', limitedRun);
    if (Object.keys(limitedRun.refused).length) throw new Error(`Có phiếu bị từ chối khi chạy với giới hạn thật (${JSON.stringify(limitedRun.refused)}): tải chưa được chia đủ rộng, hoặc giới hạn đã đổi.`);
    add('survey.ingest.limited_rps', limitedRun.rps, 'req/s');
    add('survey.ingest.limited_p99_ms', limitedRun.p99, 'ms');
    add('survey.ingest.limited_desks', spread.desks, 'count');
    add('survey.ingest.limited_links', tokens.length, 'count');
    add('survey.ingest.limited_addresses', spread.addresses, 'count');

    // --- import through the upload route and the background job, to the last row
    const { csv, bad } = responsesCsv(Object.keys(answers), answers, 'so-tu-phap', IMPORT_ROWS);
    const before = await countResponses(database, q.id);
    const imp = await importThroughHttp(limitedUrl, secretariat, q.id, csv);
    const stored = (await countResponses(database, q.id)) - before;
    log(`import: ${imp.result.rows} rows, ${imp.result.stored} stored, ${imp.result.rejected.length} rejected; ${stored} new rows counted in the database`);
    if (imp.result.rows !== IMPORT_ROWS || imp.result.stored !== IMPORT_ROWS - bad || imp.result.rejected.length !== bad || stored !== IMPORT_ROWS - bad)
      throw new Error(`Nhập ${IMPORT_ROWS} dòng (${bad} dòng sai): lượt nhập báo ${imp.result.rows} dòng, ${imp.result.stored} lưu, ${imp.result.rejected.length} bị loại; cơ sở dữ liệu có thêm ${stored} phiếu.`);
    add('survey.import_100k_s', imp.seconds, 's');
    await limited.close();

    // --- export 1,000,000 rows streamed
    const have = await countResponses(database, q.id);
    for (let done = have; done < EXPORT_ROWS; ) {
      const k = Math.min(20_000, EXPORT_ROWS - done);
      await insertResponses(db, Array.from({ length: k }, () => ({ id: randomUUID(), questionnaireId: q.id, unitId: unit.id, respondentGroup: 'nguoi_dan', channel: 'import', answers, durationSeconds: 300 })));
      done += k;
    }
    await db.execute(sql`analyze survey_responses`);
    const exportRows = Math.max(have, EXPORT_ROWS);
    // The export runs in its own process, so its peak memory is the export's, not this workload's.
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./survey-export-child.ts', import.meta.url)), pgdb.url, q.id], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
    const exp = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; bytes: number; maxRssMb: number };
    log(`export: ${exportRows} responses, ${Math.round(exp.bytes / 1024 / 1024)} MB of CSV in ${Math.round(exp.ms / 1000)} s, peak RSS ${Math.round(exp.maxRssMb)} MB`);
    add('survey.export_1m.peak_rss_mb', exp.maxRssMb, 'MB');
    add('survey.export_1m_s', exp.ms / 1000, 's');
  } finally {
    for (const app of apps) await app.close().catch(() => undefined);
    await pgdb.drop();
  }
}
