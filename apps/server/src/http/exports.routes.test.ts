import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CycleRepository } from '../repositories/cycle.repository.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { ResultsService } from '../services/results.service.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { buildApp } from './app.ts';

/** Requests without a session say they come from the app (the CSRF rule for cookie-less calls). */
const FROM_APP = { 'x-requested-with': 'ParIndex' };

describeEachDatabase(
  'results documents over HTTP',
  (getDb, kind) => {
    let app: FastifyInstance;
    let cycleId: string;
    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      cycleId = (await new ResultsService(getDb()).listCycles({ publicOnly: true })).find((c) => c.year === 2025)!.id;
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
    });
    afterAll(() => app?.close());

    const waitFor = async (id: string) => {
      for (let i = 0; i < 600; i++) {
        const job = (await app.inject(`/api/exports/${id}`)).json();
        if (job.status === 'done' || job.status === 'failed') return job;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('export job did not finish');
    };

    it('downloads the published cycle as XLSX annex, PDF report and DOCX decision, each citing the stored decision', async () => {
      const xlsx = await app.inject(`/api/cycles/${cycleId}/results/export?format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toBe('attachment; filename="ket-qua-chi-so-cchc-2025-qd-312-qd-ubnd.xlsx"');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Kết quả 2025', 'Chi tiết theo tiêu chí']);

      const pdf = await app.inject(`/api/cycles/${cycleId}/results/export?format=pdf`);
      expect([pdf.statusCode, pdf.headers['content-type'], pdf.rawPayload.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);

      const docx = await app.inject(`/api/cycles/${cycleId}/results/export?format=docx&decisionNumber=125&decisionDate=2026-03-05&signer=${encodeURIComponent('Nguyễn Văn An')}`);
      expect(docx.headers['content-disposition']).toBe('attachment; filename="quyet-dinh-cong-bo-chi-so-cchc-2025-qd-312-qd-ubnd.docx"');
      const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
      // A published cycle's decision is the stored one, whatever the request says.
      expect(xml).toContain('Số: 312/QĐ-UBND');
      expect(xml).not.toContain('125/QĐ-UBND');
      expect(xml).toContain('Sơn Hà, ngày 27 tháng 02 năm 2026');
      expect(xml).toContain('Nguyễn Văn An');

      const bad = await app.inject(`/api/cycles/${cycleId}/results/export?format=docx&decisionDate=5/3/2026`);
      expect(bad.statusCode).toBe(400);
    });

    it('runs a long export in the background: 202 with a job, progress to 100, then the file', async () => {
      const res = await app.inject({ method: 'POST', url: `/api/cycles/${cycleId}/exports`, headers: FROM_APP, payload: { format: 'pdf' } });
      expect(res.statusCode).toBe(202);
      const job = res.json();
      expect(job).toMatchObject({ cycleId, format: 'pdf', scope: 'cycle', downloadUrl: null });
      expect(['queued', 'running']).toContain(job.status);
      expect(res.headers.location).toBe(`/api/exports/${job.id}`);
      const done = await waitFor(job.id);
      expect(done).toMatchObject({ status: 'done', progress: 100, error: null, fileName: 'bao-cao-chi-so-cchc-2025-qd-312-qd-ubnd.pdf', downloadUrl: `/api/exports/${job.id}/file` });
      const file = await app.inject(done.downloadUrl);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toBe('attachment; filename="bao-cao-chi-so-cchc-2025-qd-312-qd-ubnd.pdf"');
      expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('streams the workbook of every published cycle of the year (scope "year")', async () => {
      const res = await app.inject({ method: 'POST', url: `/api/cycles/${cycleId}/exports`, headers: FROM_APP, payload: { format: 'xlsx', scope: 'year' } });
      expect(res.statusCode).toBe(202);
      const done = await waitFor(res.json().id);
      expect(done).toMatchObject({ status: 'done', fileName: 'tong-hop-chi-so-cchc-2025.xlsx' });
      const file = await app.inject(done.downloadUrl);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const results = wb.getWorksheet('Kết quả')!;
      expect(results.getCell('A1').value).toBe('TỔNG HỢP KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 (1 kỳ đánh giá)');
      expect(results.getCell('F3').value).toBe('Đơn vị');
      expect(results.rowCount).toBe(3 + 50);
      const tuPhap = results.getColumn(6).values.indexOf('Sở Tư pháp');
      expect(results.getCell(tuPhap, 13).value).toBe(96.29);
      const detail = wb.getWorksheet('Chi tiết theo tiêu chí')!;
      expect(detail.getCell('G3').value).toBe('Lĩnh vực / Tiêu chí / Tiêu chí thành phần');
      expect(detail.rowCount).toBeGreaterThan(3 + 50 * 80);
      const levels = new Set(detail.getColumn(6).values.slice(4));
      expect([...levels].sort()).toEqual(['Lĩnh vực', 'Tiêu chí', 'Tiêu chí thành phần']);
    });

    it('refuses a year workbook in another format, and answers unknown or malformed job ids', async () => {
      const pdfYear = await app.inject({ method: 'POST', url: `/api/cycles/${cycleId}/exports`, headers: FROM_APP, payload: { format: 'pdf', scope: 'year' } });
      expect([pdfYear.statusCode, pdfYear.json().error.code]).toEqual([400, 'VALIDATION']);
      expect(pdfYear.json().error.message).toContain('chỉ xuất được dạng XLSX');
      const unknown = await app.inject(`/api/exports/${randomUUID()}`);
      expect([unknown.statusCode, unknown.json().error.message]).toEqual([404, expect.stringContaining('hết hạn')]);
      expect((await app.inject(`/api/exports/${randomUUID()}/file`)).statusCode).toBe(404);
      expect((await app.inject('/api/exports/not-a-job')).statusCode).toBe(400);
    });

    it('never exports an unpublished cycle, neither at once nor in the background', async () => {
      const cycles = new CycleRepository(getDb());
      await cycles.setStatus(cycleId, 'approved');
      try {
        for (const format of ['csv', 'json', 'xlsx', 'pdf', 'docx']) {
          const res = await app.inject(`/api/cycles/${cycleId}/results/export?format=${format}`);
          expect(res.statusCode, format).toBe(404);
          expect(res.json().error.message).toContain('chưa được công bố');
          const job = await app.inject({ method: 'POST', url: `/api/cycles/${cycleId}/exports`, headers: FROM_APP, payload: { format } });
          expect(job.statusCode, format).toBe(404);
        }
        const year = await app.inject({ method: 'POST', url: `/api/cycles/${cycleId}/exports`, headers: FROM_APP, payload: { format: 'xlsx', scope: 'year' } });
        expect(year.statusCode).toBe(404);
        const draft = (await new ResultsService(getDb()).listCycles({ publicOnly: false })).find((c) => c.status === 'open');
        if (draft) expect((await app.inject(`/api/cycles/${draft.id}/results/export?format=pdf`)).statusCode).toBe(404);
      } finally {
        await cycles.setStatus(cycleId, 'published');
      }
    });

    it('documents the export routes in OpenAPI', async () => {
      const doc = (await app.inject('/api/docs/json')).json();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/cycles/{id}/exports', '/api/exports/{jobId}', '/api/exports/{jobId}/file']));
      const body = doc.paths['/api/cycles/{id}/exports'].post.requestBody.content['application/json'].schema;
      expect(body.$ref).toBe('#/components/schemas/ExportJobRequestInput');
      const format = doc.components.schemas.ExportJobRequestInput.properties.format;
      expect(format.$ref).toBe('#/components/schemas/ExportFormatInput');
      expect(doc.components.schemas.ExportFormatInput.enum).toEqual(['csv', 'xlsx', 'pdf', 'docx', 'json']);
    });
  },
  { truncateEach: false },
);
