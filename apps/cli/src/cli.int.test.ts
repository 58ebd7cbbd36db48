import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { sampleRubric } from '@parindex/server/rubric-io/sample-rubric.ts';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURE = resolve(ROOT, 'fixtures/laichau-2020/results.csv');
const published = parse(readFileSync(FIXTURE), { columns: true }) as Record<string, string>[];
/** Published from unrounded parts; from the printed parts these three come out 0.01 higher (fixture README). */
const FROM_ROUNDED_PARTS = new Map([['Sở Ngoại vụ', '86.54'], ['Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng', '72.20'], ['Huyện Sìn Hồ', '67.82']]);
const dir = mkdtempSync(join(tmpdir(), 'parindex-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function parindex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/parindex'), args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Every sheet's cell values, row by row: what a reader of the workbook sees. */
async function cells(file: string): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => [ws.name, ws.getSheetValues().map((row) => JSON.stringify(row ?? null))]);
}

describe('npx parindex', () => {
  it('compute-table reproduces Lai Châu 2020: every index, class and rank, and both group averages', async () => {
    const r = await parindex('compute-table', FIXTURE, '--ties', 'appraised,survey', '--bands', 'Tốt:80,Khá:70,Trung bình:0', '--combine', 'Khối sở, ban, ngành=departments+special_departments');
    expect(r.code).toBe(0);
    const [table, groups] = r.stdout.trim().split(/\r?\n\r?\n/);
    const rows = parse(table, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(28);
    for (const p of published) {
      const row = rows.find((x) => x.unit === p.unit)!;
      expect(row.index_percent, p.unit).toBe(FROM_ROUNDED_PARTS.get(p.unit) ?? p.index_percent);
      expect([row.classification, row.rank], p.unit).toEqual([p.classification, p.order]);
    }
    const means = Object.fromEntries((parse(groups, { columns: true }) as Record<string, string>[]).map((g) => [g.group, g.mean_index_percent]));
    expect(means['Khối sở, ban, ngành']).toBe('82.08');
    expect(means.districts).toBe('72.65');
  });

  it('compute-table --format json, and shared ties give equal ranks', async () => {
    const r = await parindex('compute-table', FIXTURE, '--format', 'json');
    const out = JSON.parse(r.stdout);
    const ranks = out.units.filter((u: { total_points: string }) => u.total_points === '83.95').map((u: { rank: number }) => u.rank);
    expect(ranks).toEqual([4, 4]);
  });

  it('refuses a bad table with the row and the reason, exit code 1', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'group,unit,appraised_points,survey_points,max_points\ng,Sở A,62,20,80\ng,Sở B,hai,20,98\ng,Sở C,90,20,98\n');
    const r = await parindex('compute-table', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Dòng 3, cột/trường "appraised_points": "hai" không phải là số.');
    expect(r.stderr).toContain('Dòng 4');
    expect(r.stderr).toContain('vượt điểm tối đa 98');
    const missing = await parindex('compute-table', join(dir, 'nope.csv'));
    expect(missing.stderr).toContain('tệp không tồn tại');
    const bands = await parindex('compute-table', FIXTURE, '--bands', 'Tốt80');
    expect([bands.code, bands.stderr]).toEqual([1, expect.stringContaining('Khoảng xếp loại "Tốt80" không hợp lệ')]);
  });

  it('results import + compute + results export through the embedded database', async () => {
    const data = join(dir, 'data');
    const imp = await parindex('--json', '--data-dir', data, 'results', 'import', FIXTURE, '--year', '2020', '--bands', 'Tốt:80,Khá:70,Trung bình:0',
      '--combine', 'Khối sở, ban, ngành=departments+special_departments');
    expect(imp.code, imp.stderr).toBe(0);
    const cycleId = JSON.parse(imp.stdout).cycle.id;
    const comp = await parindex('--data-dir', data, 'compute', '--cycle', '2020');
    // Both published averages: the districts' and the combined "Khối sở, ban, ngành" stored with the cycle.
    expect(comp.stdout).toContain('UBND cấp huyện: 8 đơn vị, chỉ số trung bình 72,65%');
    expect(comp.stdout).toContain('Khối sở, ban, ngành (gộp departments + special_departments): 20 đơn vị, chỉ số trung bình 82,08%');
    const again = JSON.parse((await parindex('--json', '--data-dir', data, 'compute', '--cycle', '2020')).stdout);
    expect(again.combinedGroups.map((g: { name: string; meanIndex: string }) => [g.name, g.meanIndex])).toEqual([['Khối sở, ban, ngành', '82.08']]);
    expect(again.groups.find((g: { code: string }) => g.code === 'districts').meanIndex).toBe('72.65');
    expect(comp.stdout).toContain('Huyện Sìn Hồ: công bố 67.81, tính từ số đã làm tròn 67.82');
    const exp = await parindex('--data-dir', data, 'results', 'export', '--cycle', cycleId, '--format', 'json');
    const results = JSON.parse(exp.stdout);
    const order = results.groups[0].units.map((u: { unitName: string }) => u.unitName);
    expect(order).toEqual(published.filter((p) => p.group === 'departments').map((p) => p.unit));
    const list = JSON.parse((await parindex('--json', '--data-dir', data, 'cycles', 'list')).stdout);
    expect(list.map((c: { year: number; status: string }) => [c.year, c.status])).toEqual([[2020, 'closed']]);
  });

  it('rubric validate refuses a JSON syntax error with its line', async () => {
    const bad = join(dir, 'rubric.json');
    writeFileSync(bad, '{ "code": "X", ');
    const r = await parindex('rubric', 'validate', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/JSON không hợp lệ ở dòng 1/);
  });

  it('rubric XLSX round trip: export → import finds the same document (no new version) → export gives the same workbook', async () => {
    const data = join(dir, 'roundtrip');
    const source = join(dir, 'sample-rubric.json');
    writeFileSync(source, JSON.stringify(sampleRubric()));
    expect((await parindex('--data-dir', data, 'rubric', 'import', source)).code).toBe(0);
    const first = join(dir, 'rubric-v1.xlsx'), second = join(dir, 'rubric-v1-again.xlsx');
    expect((await parindex('--data-dir', data, 'rubric', 'export', 'LC-SO-2025@1', '--out', first)).code).toBe(0);
    // The workbook reads back as the very document stored: the import (the rubric page's upload) stores nothing.
    const imp = await parindex('--json', '--data-dir', data, 'rubric', 'import', first);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ code: 'LC-SO-2025', version: 1 });
    const again = await parindex('--data-dir', data, 'rubric', 'import', first);
    expect(again.stdout).toMatch(/giống hệt .*không lưu phiên bản mới/);
    expect((await parindex('--data-dir', data, 'rubric', 'export', 'LC-SO-2025@1', '--out', second)).code).toBe(0);
    expect(JSON.stringify(await cells(first))).toContain('CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH');
    expect(await cells(second)).toEqual(await cells(first));
  });
});
