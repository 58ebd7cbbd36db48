/**
 * Work exports of a computed cycle before publication (the demo's 2025 cycle put back to
 * "approved"): the secretariat downloads the draft annex, report and decision at once or as a
 * background job, every file marked "DỰ THẢO"; the public never sees them, nor the job.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CycleRepository } from '../repositories/cycle.repository.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { ResultsService } from '../services/results.service.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';

const FROM_APP = { 'x-requested-with': 'ParIndex' };

describeEachDatabase(
  'draft exports for the secretariat',
  (getDb, kind) => {
    let app: FastifyInstance;
    let cycleId: string, openCycleId: string;
    let secretariat: TestSession, leader: TestSession, officer: TestSession, appraiser: TestSession;
    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      const cycles = await new ResultsService(getDb()).listCycles({ publicOnly: false });
      cycleId = cycles.find((c) => c.year === 2025)!.id;
      openCycleId = cycles.find((c) => c.year === 2026)!.id;
      await new CycleRepository(getDb()).setStatus(cycleId, 'approved');
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
      [secretariat, leader, officer, appraiser] = await Promise.all(['sonoivu', 'lanhdao', 'tuphap.daumoi', 'thamdinh1'].map((u) => login(app, u)));
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await new CycleRepository(getDb()).setStatus(cycleId, 'published');
    });

    const get = (url: string, s: TestSession | null = secretariat) => app.inject({ url, headers: s ? s.headers : {} });
    const start = (payload: object, s: TestSession | null = secretariat) =>
      app.inject({ method: 'POST', url: `/api/work/cycles/${cycleId}/exports`, headers: s ? s.headers : FROM_APP, payload });
    const waitFor = async (id: string, s: TestSession = secretariat) => {
      for (let i = 0; i < 600; i++) {
        const job = (await get(`/api/work/exports/${id}`, s)).json();
        if (job.status === 'done' || job.status === 'failed') return job;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('export job did not finish');
    };
    const docxXml = async (body: Buffer) => {
      const zip = await JSZip.loadAsync(body);
      const headers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
      return { document: await zip.file('word/document.xml')!.async('string'), headers: headers.join('\n') };
    };

    it('downloads the unpublished cycle as draft annex, report, decision and open data', async () => {
      const xlsx = await get(`/api/work/cycles/${cycleId}/results/export?format=xlsx&decisionNumber=125&decisionDate=2026-03-05`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-disposition']).toBe('attachment; filename="du-thao-ket-qua-chi-so-cchc-2025.xlsx"');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const annex = wb.getWorksheet('Kết quả 2025')!;
      expect(annex.getCell('A1').value).toBe('Phụ lục (DỰ THẢO — kết quả chưa được công bố)');
      expect(annex.getCell('A3').value).toContain('125/QĐ-UBND ngày 05/03/2026');
      expect(annex.headerFooter.oddHeader).toContain('DỰ THẢO');
      expect(annex.getColumn(2).values).toContain('Sở Tư pháp');

      const docx = await get(`/api/work/cycles/${cycleId}/results/export?format=docx&decisionNumber=125&decisionDate=2026-03-05&signer=${encodeURIComponent('Nguyễn Văn An')}`);
      expect(docx.headers['content-disposition']).toBe('attachment; filename="du-thao-quyet-dinh-cong-bo-chi-so-cchc-2025.docx"');
      const { document, headers } = await docxXml(docx.rawPayload);
      expect(document).toContain('Số: 125/QĐ-UBND');
      expect(document).toContain('Sơn Hà, ngày 05 tháng 3 năm 2026');
      expect(document).toContain('Nguyễn Văn An');
      expect(headers).toContain('DỰ THẢO');

      const pdf = await get(`/api/work/cycles/${cycleId}/results/export?format=pdf`);
      expect([pdf.statusCode, pdf.headers['content-disposition'], pdf.rawPayload.subarray(0, 5).toString()]).toEqual([200, 'attachment; filename="du-thao-bao-cao-chi-so-cchc-2025.pdf"', '%PDF-']);
      const csv = await get(`/api/work/cycles/${cycleId}/results/export?format=csv`);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="du-thao-ket-qua-chi-so-cchc-2025.csv"');
      expect(csv.body).toContain('Sở Tư pháp');
      const json = await get(`/api/work/cycles/${cycleId}/results/export?format=json`, leader);
      expect(json.statusCode).toBe(200);
      expect(json.json().cycle).toMatchObject({ year: 2025, status: 'approved' });

      // Still invisible to the public.
      expect((await get(`/api/cycles/${cycleId}/results/export?format=xlsx`, null)).statusCode).toBe(404);
    });

    it('runs a draft export in the background: start, poll, download, read the file back', async () => {
      const res = await start({ format: 'xlsx' });
      expect(res.statusCode).toBe(202);
      const job = res.json();
      expect(res.headers.location).toBe(`/api/work/exports/${job.id}`);
      expect(job).toMatchObject({ cycleId, format: 'xlsx', scope: 'cycle', downloadUrl: null });
      const done = await waitFor(job.id);
      expect(done).toMatchObject({ status: 'done', progress: 100, error: null, fileName: 'du-thao-ket-qua-chi-so-cchc-2025.xlsx', downloadUrl: `/api/work/exports/${job.id}/file` });
      const file = await get(done.downloadUrl);
      expect(file.headers['content-disposition']).toBe('attachment; filename="du-thao-ket-qua-chi-so-cchc-2025.xlsx"');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      expect(wb.getWorksheet('Kết quả 2025')!.getCell('A1').value).toBe('Phụ lục (DỰ THẢO — kết quả chưa được công bố)');

      const decision = await waitFor((await start({ format: 'docx', decisionNumber: '312', decisionDate: '2026-02-27' })).json().id);
      expect(decision.fileName).toBe('du-thao-quyet-dinh-cong-bo-chi-so-cchc-2025.docx');
      const { document } = await docxXml((await get(decision.downloadUrl)).rawPayload);
      expect(document).toContain('Số: 312/QĐ-UBND');
      expect(document).toContain('Sở Tư pháp'); // the annex lists every unit

      // The job is its starter's: not on the public job routes, not for another user.
      expect((await get(`/api/exports/${job.id}`, null)).statusCode).toBe(404);
      expect((await get(`/api/exports/${job.id}/file`, null)).statusCode).toBe(404);
      expect((await get(`/api/work/exports/${job.id}`, leader)).statusCode).toBe(404);
    });

    it('marks the year workbook as a draft when it includes an unpublished cycle', async () => {
      const done = await waitFor((await start({ format: 'xlsx', scope: 'year' })).json().id);
      expect(done).toMatchObject({ status: 'done', fileName: 'du-thao-tong-hop-chi-so-cchc-2025.xlsx' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await get(done.downloadUrl)).rawPayload as unknown as ArrayBuffer);
      expect(wb.getWorksheet('Kết quả')!.getCell('A1').value).toBe('DỰ THẢO — TỔNG HỢP KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 (1 kỳ đánh giá)');
    });

    it('refuses a unit officer, an appraiser and anonymous callers; a cycle without results is named', async () => {
      for (const [who, s, status] of [['unit officer', officer, 403], ['appraiser', appraiser, 403], ['anonymous', null, 401]] as const) {
        const at = await get(`/api/work/cycles/${cycleId}/results/export?format=docx`, s);
        expect(at.statusCode, who).toBe(status);
        const job = await start({ format: 'pdf' }, s);
        expect(job.statusCode, who).toBe(status);
        if (s) expect(job.json().error.message).toContain('không có quyền');
      }
      const none = await app.inject({ method: 'POST', url: `/api/work/cycles/${openCycleId}/exports`, headers: secretariat.headers, payload: { format: 'pdf' } });
      expect(none.statusCode).toBe(404);
      expect(none.json().error.message).toBe('Kỳ đánh giá 2026 chưa được tính kết quả.');
    });
  },
  { truncateEach: false },
);
