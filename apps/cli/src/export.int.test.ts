import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '@parindex/server/db/database.ts';
import { seedDemoIfEmpty } from '@parindex/server/seed/seed-demo.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'parindex-cli-export-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function parindex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/parindex'), ['--data-dir', data, ...args], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: '' }, maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npx parindex results export (documents)', () => {
  beforeAll(async () => {
    // The demo province in an embedded database folder, closed again so the CLI can open it.
    const database = await openDatabase({ dataDir: data });
    try {
      await seedDemoIfEmpty(database.db);
    } finally {
      await database.close();
    }
  });

  it('cycles list --json gives each cycle its id, year, rubric (code@version or null) and status', async () => {
    const r = await parindex('--json', 'cycles', 'list');
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; year: number; rubric: string | null; status: string }[];
    const byYear = Object.fromEntries(list.map((c) => [c.year, c]));
    expect(byYear[2025]).toMatchObject({ rubric: 'SH-CCHC-2025@1', status: 'published' });
    expect(byYear[2024]).toMatchObject({ rubric: null, status: 'closed' });
    for (const c of list) expect(c.id).toMatch(/\S{8,}/);
  });

  it('compute of the published 2025 cycle exits 1 in Vietnamese; its open-data JSON is byte-identical before and after', async () => {
    const before = await parindex('results', 'export', '--cycle', '2025', '--format', 'json');
    expect(before.code, before.stderr).toBe(0);
    const r = await parindex('compute', '--cycle', '2025');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/đã công bố: không tính lại được/);
    const after = await parindex('results', 'export', '--cycle', '2025', '--format', 'json');
    expect(after.stdout).toBe(before.stdout);
  });

  it('writes the XLSX annex, the PDF report and the DOCX decision of the published year, citing its stored decision, with the given signer', async () => {
    const xlsx = join(dir, 'ket-qua.xlsx');
    const r1 = await parindex('results', 'export', '--cycle', '2025', '--format', 'xlsx', '--out', xlsx);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stdout).toMatch(/^Đã ghi .*ket-qua\.xlsx \(\d+ KB\)\./);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.getWorksheet('Kết quả 2025')!.getCell('A2').value).toBe('KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH VÀ UBND CẤP XÃ TỈNH SƠN HÀ');

    const pdf = join(dir, 'bao-cao.pdf');
    const r2 = await parindex('--json', 'results', 'export', '--cycle', '2025', '--format', 'pdf', '--out', pdf);
    expect(JSON.parse(r2.stdout)).toMatchObject({ format: 'pdf', file: pdf });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const docx = join(dir, 'quyet-dinh.docx');
    const r3 = await parindex('results', 'export', '--cycle', '2025', '--format', 'docx', '--out', docx,
      '--decision-number', '125', '--decision-date', '2026-03-05', '--province', 'Sơn Hà', '--signer', 'Nguyễn Văn An');
    expect(r3.code, r3.stderr).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
    // 2025 is published: the decision is the stored one (312/QĐ-UBND of 27/02/2026), not the option's 125.
    for (const s of ['Số: 312/QĐ-UBND', 'Sơn Hà, ngày 27 tháng 02 năm 2026', 'Nguyễn Văn An', 'Xã Phúc Khoa']) expect(xml).toContain(s);
    expect(xml).not.toContain('125/QĐ-UBND');

    const csv = await parindex('results', 'export', '--cycle', '2025', '--format', 'csv');
    expect(csv.stdout).toContain('departments,1,so-tu-phap,Sở Tư pháp,');
  });

  it('writes the whole year as one streamed workbook (--scope year), and refuses bad options in Vietnamese', async () => {
    const out = join(dir, 'tong-hop.xlsx');
    const r = await parindex('--json', 'results', 'export', '--cycle', '2025', '--format', 'xlsx', '--scope', 'year', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ cycles: 1, units: 50 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Kết quả')!.rowCount).toBe(53);

    const pdfYear = await parindex('results', 'export', '--cycle', '2025', '--format', 'pdf', '--scope', 'year', '--out', out);
    expect([pdfYear.code, pdfYear.stderr]).toEqual([1, expect.stringContaining('chỉ xuất được dạng xlsx')]);
    const badDate = await parindex('results', 'export', '--cycle', '2025', '--format', 'docx', '--decision-date', '5/3/2026');
    expect([badDate.code, badDate.stderr]).toEqual([1, expect.stringContaining('--decision-date')]);
    const badFormat = await parindex('results', 'export', '--cycle', '2025', '--format', 'exe');
    expect(badFormat.code).not.toBe(0);
    expect(badFormat.stderr).toContain('csv, xlsx, pdf, docx, json');
  });
});
