/**
 * Issue 16, documents: a published cycle's files cite the publication it was stored under — the
 * decision number and date, the version and, for a correction, its reason — in the XLSX annex,
 * the PDF report, the DOCX decision, the CSV and JSON open data and every file name; a draft keeps
 * the draft wording and "du-thao-" names. Each file is read back as its reader would open it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dec } from '@parindex/engine';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { users } from '../db/schema.ts';
import { exportResults, exportWorkResults } from '../io/results-export.ts';
import { CycleRepository } from '../repositories/cycle.repository.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { ResultsService } from '../services/results.service.ts';
import { CorrectionService } from '../services/workflow/correction.service.ts';
import { loadDocumentData } from './document-data.ts';
import { writeNationalWorkbook } from './national-workbook.ts';

const run = promisify(execFile);
let database: Database;
let cycleId: string;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'parindex-docs-'));
  database = await openDatabase({ inMemory: true });
  await seedDemoIfEmpty(database.db);
  cycleId = (await new ResultsService(database.db).listCycles({ publicOnly: true })).find((c) => c.year === 2025)!.id;
}, 120_000);
afterAll(async () => {
  await database?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const pub = (format: 'csv' | 'json' | 'xlsx' | 'pdf' | 'docx', extra: Record<string, string> = {}) =>
  exportResults(database.db, cycleId, format, { publicOnly: true, reportDate: new Date(2026, 2, 5), ...extra });
const sheet = async (body: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.getWorksheet('Kết quả 2025')!;
};
const docxText = async (body: Buffer) => {
  const zip = await JSZip.loadAsync(body);
  const names = Object.keys(zip.files).filter((f) => /^word\/(document|header\d+)\.xml$/.test(f));
  const xml = (await Promise.all(names.map((f) => zip.file(f)!.async('string')))).join('\n');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
};
const pdfText = async (body: Buffer, name: string) => {
  const file = path.join(tmp, name);
  writeFileSync(file, body);
  return (await run('pdftotext', ['-layout', file, '-'])).stdout;
};
const csvRows = (body: Buffer): string[][] => parse(body.toString('utf8').replace(/^\uFEFF/, ''));

describe('a published cycle (version 1, 312/QĐ-UBND of 27/02/2026)', () => {
  it('XLSX, DOCX and PDF cite the stored decision, whatever number the caller types', async () => {
    const xlsx = await pub('xlsx', { decisionNumber: '125' });
    expect(xlsx.fileName).toBe('ket-qua-chi-so-cchc-2025-qd-312-qd-ubnd.xlsx');
    const ws = await sheet(xlsx.body);
    expect(ws.getCell('A1').value).toBe('Phụ lục');
    expect(ws.getCell('A3').value).toBe('(Kèm theo Quyết định số 312/QĐ-UBND ngày 27/02/2026 của Chủ tịch UBND tỉnh Sơn Hà)');
    expect(ws.getCell('A4').value).toBeNull();

    const docx = await pub('docx', { decisionNumber: '125', decisionDate: '2026-03-05' });
    expect(docx.fileName).toBe('quyet-dinh-cong-bo-chi-so-cchc-2025-qd-312-qd-ubnd.docx');
    const paras = await docxText(docx.body);
    expect(paras).toEqual(expect.arrayContaining(['Số: 312/QĐ-UBND', 'Sơn Hà, ngày 27 tháng 02 năm 2026', '(Kèm theo Quyết định số 312/QĐ-UBND ngày 27/02/2026 của Chủ tịch UBND tỉnh Sơn Hà)']));
    expect(paras.join('\n')).not.toMatch(/DỰ THẢO|125\/QĐ-UBND|QĐ-UBND\/QĐ-UBND/);

    const pdf = await pub('pdf');
    expect(pdf.fileName).toBe('bao-cao-chi-so-cchc-2025-qd-312-qd-ubnd.pdf');
    const text = await pdfText(pdf.body, 'v1.pdf');
    expect(text).toContain('Công bố theo Quyết định số 312/QĐ-UBND ngày 27/02/2026 của Chủ tịch UBND tỉnh Sơn Hà');
    expect(text).toContain('QĐ số 312/QĐ-UBND');
    expect(text).not.toContain('Đính chính');
  });

  it('CSV open data: bonus and deduction so each row adds up, and the publication on every row', async () => {
    const csv = await pub('csv');
    expect(csv.fileName).toBe('ket-qua-chi-so-cchc-2025-qd-312-qd-ubnd.csv');
    const [head, ...rows] = csvRows(csv.body);
    const col = (name: string) => head.indexOf(name);
    expect(head.slice(-6)).toEqual(['total_change', 'bonus_points', 'deduction_points', 'publication_version', 'decision_number', 'decision_date']);
    expect(rows).toHaveLength(50);
    let adjusted = 0;
    for (const r of rows) {
      const [a, s, b, d, t] = ['appraised_points', 'survey_points', 'bonus_points', 'deduction_points', 'total_points'].map((c) => dec(r[col(c)]));
      // Each figure is rounded to 2 decimals on its own, so the sum may differ from the total by rounding only.
      expect(a.plus(s).plus(b).minus(d).minus(t).abs().toNumber(), r[col('unit')]).toBeLessThanOrEqual(0.02);
      if (!b.isZero() || !d.isZero()) adjusted++;
      expect([r[col('publication_version')], r[col('decision_number')], r[col('decision_date')]]).toEqual(['1', '312/QĐ-UBND', '2026-02-27']);
    }
    expect(adjusted).toBeGreaterThan(0);
  });

  it('JSON open data: exact figures that add up, the publication, and every unit’s points per criterion', async () => {
    const json = await pub('json');
    expect(json.fileName).toBe('ket-qua-chi-so-cchc-2025-qd-312-qd-ubnd.json');
    const doc = JSON.parse(json.body.toString('utf8'));
    expect(doc.publication).toEqual({ version: 1, decisionNumber: '312/QĐ-UBND', decisionDate: '2026-02-27', reason: null });
    const units = doc.groups.flatMap((g: { units: unknown[] }) => g.units) as { unitId: string; appraised: string; survey: string; bonus: string; deduction: string; total: string }[];
    for (const u of units) expect(dec(u.appraised).plus(u.survey).plus(u.bonus).minus(u.deduction).equals(dec(u.total))).toBe(true);
    expect(doc.criteria.rubric).toMatchObject({ version: expect.any(Number) });
    expect(doc.criteria.nodes.filter((n: { leaf: boolean }) => n.leaf)).toHaveLength(88);
    expect(doc.criteria.units).toHaveLength(units.length);
    const first = doc.criteria.units[0];
    expect(first.unitId).toBe(units[0].unitId);
    expect(Object.keys(first.points)).toEqual(expect.arrayContaining(['1', '1.1', '3.3.1']));
  });

  it('the year workbook says on every row which decision published it', async () => {
    const file = path.join(tmp, 'tong-hop.xlsx');
    await writeNationalWorkbook(database.db, [cycleId], file, { publicOnly: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Kết quả')!;
    const last = ws.getRow(3).cellCount;
    expect(ws.getCell(3, last).value).toBe('Quyết định công bố');
    expect(ws.getCell(4, last).value).toBe('Quyết định số 312/QĐ-UBND ngày 27/02/2026');
  });
});

describe('a draft cycle keeps the draft wording', () => {
  beforeAll(() => new CycleRepository(database.db).setStatus(cycleId, 'approved'));
  afterAll(() => new CycleRepository(database.db).setStatus(cycleId, 'published'));

  it('"du-thao-" names, blanks to fill in, and a bare "125" completed to 125/QĐ-UBND once', async () => {
    const blank = await exportWorkResults(database.db, cycleId, 'docx', {});
    expect(blank.fileName).toBe('du-thao-quyet-dinh-cong-bo-chi-so-cchc-2025.docx');
    const paras = await docxText(blank.body);
    expect(paras).toEqual(expect.arrayContaining(['DỰ THẢO', 'Số:        /QĐ-UBND']));
    expect(paras.join('\n')).not.toContain('312/QĐ-UBND');

    for (const decisionNumber of ['125', '125/QĐ-UBND']) {
      const xlsx = await exportWorkResults(database.db, cycleId, 'xlsx', { decisionNumber, decisionDate: '2026-03-05' });
      expect(xlsx.fileName).toBe('du-thao-ket-qua-chi-so-cchc-2025.xlsx');
      expect((await sheet(xlsx.body)).getCell('A3').value).toBe('(Kèm theo Quyết định số 125/QĐ-UBND ngày 05/03/2026 của Chủ tịch UBND tỉnh Sơn Hà)');
      const docx = await docxText((await exportWorkResults(database.db, cycleId, 'docx', { decisionNumber })).body);
      expect(docx).toContain('Số: 125/QĐ-UBND');
    }

    const pdf = await exportWorkResults(database.db, cycleId, 'pdf', {});
    expect(pdf.fileName).toBe('du-thao-bao-cao-chi-so-cchc-2025.pdf');
    const text = await pdfText(pdf.body, 'draft.pdf');
    expect(text).toContain('BẢN DỰ THẢO');
    expect(text).not.toContain('Công bố theo Quyết định');
    const csv = await exportWorkResults(database.db, cycleId, 'csv', {});
    expect(csv.fileName).toBe('du-thao-ket-qua-chi-so-cchc-2025.csv');
    const [head, row] = csvRows(csv.body);
    expect(['publication_version', 'decision_number', 'decision_date'].map((c) => row[head.indexOf(c)])).toEqual(['', '', '']);
  });
});

describe('a correction (version 2, 58/QĐ-UBND)', () => {
  const reason = 'Tài liệu kiểm chứng không đúng năm.';
  beforeAll(async () => {
    const db = database.db;
    const [u] = await db.select().from(users).where(eq(users.username, 'sonoivu'));
    const actor = { id: u.id, username: u.username, fullName: u.fullName, email: null, role: u.role, unitId: u.unitId, unitName: null };
    const data = await loadDocumentData(db, cycleId, { publicOnly: true });
    const unit = data.results.groups[0].units[0];
    // An appraised leaf of field 1 (chỉ đạo, điều hành) where the unit has points to take away.
    const leaf = data.components.get(unit.unitId)!.leaves.find((l) => l.code.startsWith('1.') && dec(l.points).greaterThan(0))!;
    const out = await new CorrectionService(db).publish(actor, cycleId, { items: [{ unitId: unit.unitId, leafCode: leaf.code, points: '0' }], reason, decisionNumber: '58/QĐ-UBND', decisionDate: '2026-04-10' });
    expect(out.version).toBe(2);
  }, 60_000);

  it('every file names the correction decision and its version; the documents give the reason', async () => {
    const xlsx = await pub('xlsx');
    expect(xlsx.fileName).toBe('ket-qua-chi-so-cchc-2025-qd-58-qd-ubnd-v2.xlsx');
    const ws = await sheet(xlsx.body);
    expect(ws.getCell('A3').value).toBe('(Kèm theo Quyết định số 58/QĐ-UBND ngày 10/04/2026 của Chủ tịch UBND tỉnh Sơn Hà)');
    expect(ws.getCell('A4').value).toBe(`Đính chính lần 1: ${reason}`);

    const pdf = await pub('pdf');
    expect(pdf.fileName).toBe('bao-cao-chi-so-cchc-2025-qd-58-qd-ubnd-v2.pdf');
    const text = await pdfText(pdf.body, 'v2.pdf');
    expect(text).toContain('Công bố theo Quyết định số 58/QĐ-UBND ngày 10/04/2026 (phiên bản 2)');
    expect(text).toContain(`Đính chính lần 1: ${reason}`);

    const docx = await pub('docx');
    expect(docx.fileName).toBe('quyet-dinh-cong-bo-chi-so-cchc-2025-qd-58-qd-ubnd-v2.docx');
    expect(await docxText(docx.body)).toEqual(expect.arrayContaining(['Số: 58/QĐ-UBND', `(Đính chính lần 1: ${reason})`, `Đính chính lần 1: ${reason}`]));

    const json = JSON.parse((await pub('json')).body.toString('utf8'));
    expect(json.publication).toEqual({ version: 2, decisionNumber: '58/QĐ-UBND', decisionDate: '2026-04-10', reason });
    const [head, row] = csvRows((await pub('csv')).body);
    expect(['publication_version', 'decision_number'].map((c) => row[head.indexOf(c)])).toEqual(['2', '58/QĐ-UBND']);
  });
});
