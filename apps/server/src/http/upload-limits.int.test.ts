/**
 * The incident, over HTTP (PGlite and PostgreSQL): a 300 KB workbook whose sharedStrings.xml
 * inflates to 300 MB, uploaded to the survey imports, is refused with 413 and a Vietnamese message
 * naming the limit, before ExcelJS inflates anything — the server's memory stays flat and nothing
 * is saved. A normal workbook through the same route is still imported.
 */
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRows } from '../db/database.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { exportResponsesTemplate } from '../survey-io/responses-template.ts';
import { sampleSipasQuestionnaire } from '../survey-io/sample-questionnaires.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';

const MB = 1024 * 1024;
const REFUSAL = 'phần chuỗi văn bản (sharedStrings) giải nén vượt quá 20 MB';

/** A real workbook whose shared strings are 300 MB of "A", streamed into JSZip at DEFLATE level 9 (~300 KB). */
async function sharedStringsBomb(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Phiếu trả lời').addRow(['Mã phiếu', 'B1']);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const chunk = Buffer.alloc(MB, 'A');
  zip.file('xl/sharedStrings.xml', Readable.from((function* () {
    yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>');
    for (let i = 0; i < 300; i++) yield chunk;
    yield Buffer.from('</t></si></sst>');
  })()));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
let made: Promise<Buffer> | undefined;
const theBomb = () => (made ??= sharedStringsBomb());

function multipart(name: string, content: Buffer): { payload: Buffer; contentType: string } {
  const boundary = '----parindex-upload-limits';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The peak growth of the resident set (MB) while `run` runs, sampled every 5 ms. */
async function rssGrowthMb<T>(run: () => Promise<T>): Promise<{ result: T; mb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  try {
    const result = await run();
    return { result, mb: (Math.max(peak, process.memoryUsage().rss) - before) / MB };
  } finally {
    clearInterval(sample);
  }
}

describeEachDatabase('upload limits over HTTP', (getDb, kind) => {
  let app: FastifyInstance;
  let staff: TestSession;
  let cycleId: string, qid: string;
  let bomb: Buffer;

  beforeAll(async () => {
    bomb = await theBomb();
    await seedDemoIfEmpty(getDb());
    app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
    staff = await login(app, 'sonoivu');
    cycleId = (await app.inject({ url: '/api/work/cycles', headers: staff.headers })).json().find((c: { year: number }) => c.year === 2026).id;
    qid = (await app.inject({ method: 'POST', url: `/api/work/cycles/${cycleId}/surveys`, headers: staff.headers, payload: { sample: 'sipas' } })).json().id;
  }, 180_000);
  afterAll(() => app?.close());

  const upload = (url: string, name: string, content: Buffer) => {
    const { payload, contentType } = multipart(name, content);
    return app.inject({ method: 'POST', url, headers: { ...staff.headers, 'content-type': contentType }, payload });
  };
  const storedResponses = async () => Number((await executeRows<{ n: number }>(getDb(), sql`select count(*)::int as n from survey_responses where questionnaire_id = ${qid}`))[0].n);

  it('refuses the bomb on the responses import with 413 and the limit named; memory stays flat; nothing stored', async () => {
    expect(bomb.length).toBeLessThan(MB);
    const { result: res, mb } = await rssGrowthMb(() => upload(`/api/work/surveys/${qid}/responses/import`, 'phieu.xlsx', bomb));
    expect(res.statusCode).toBe(413);
    const { error } = res.json();
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain(`Tệp bảng tính (.xlsx) bị từ chối: ${REFUSAL}`);
    expect(error.message.length).toBeLessThan(500);
    expect(res.body.length).toBeLessThan(1000);
    expect(mb).toBeLessThan(200);
    console.info(`[${kind}] bomb ${(bomb.length / 1024).toFixed(0)} KB uploaded: 413, RSS +${mb.toFixed(1)} MB`);
    expect(await storedResponses()).toBe(0);
  });

  it('the background import (the page\'s route) fails with the same message and stores nothing', async () => {
    const started = await upload(`/api/work/surveys/${qid}/responses/import-jobs`, 'phieu.xlsx', bomb);
    expect(started.statusCode).toBe(202);
    let job: { status: string; error?: string };
    do {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.inject({ url: `/api/work/survey-import-jobs/${started.json().jobId}`, headers: staff.headers })).json();
    } while (job.status === 'running');
    expect(job.status).toBe('failed');
    expect(job.error).toContain(REFUSAL);
    expect(await storedResponses()).toBe(0);
  });

  it('refuses the bomb as a questionnaire workbook: no questionnaire is created', async () => {
    const before = (await app.inject({ url: `/api/work/cycles/${cycleId}/surveys`, headers: staff.headers })).json().length;
    const res = await upload(`/api/work/cycles/${cycleId}/surveys/import`, 'phieu-khao-sat.xlsx', bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain(`Tệp phiếu khảo sát (.xlsx) bị từ chối: ${REFUSAL}`);
    expect((await app.inject({ url: `/api/work/cycles/${cycleId}/surveys`, headers: staff.headers })).json()).toHaveLength(before);
  });

  it('a normal response workbook through the same route is still imported', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportResponsesTemplate(sampleSipasQuestionnaire())) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Phiếu trả lời')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const row = { 'Mã phiếu': 'PG-0001', 'Nhóm đối tượng': 'Người dân', 'Đơn vị được đánh giá': 'so-tu-phap', B1: 1, ...Object.fromEntries(Array.from({ length: 15 }, (_, k) => [`C${k + 1}`, 'Hài lòng'])) };
    for (const [h, v] of Object.entries(row)) ws.getRow(2).getCell(header.indexOf(h) + 1).value = v;
    const res = await upload(`/api/work/surveys/${qid}/responses/import`, 'phieu.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1, stored: 1, rejected: [] });
    expect(await storedResponses()).toBe(1);
  });
}, { truncateEach: false });
