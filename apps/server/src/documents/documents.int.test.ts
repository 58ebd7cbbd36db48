/**
 * The documents of the demo province's published 2025 cycle, read back as a Sở Nội vụ official
 * would meet them: the XLSX annex opened with ExcelJS, the DOCX decision unzipped, the PDF
 * rendered with poppler. Samples are left in e2e/artifacts/documents/ to look at.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CycleResultsDto } from '@parindex/contracts';
import { dec, toFixedHalfUp } from '@parindex/engine';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { ResultsService } from '../services/results.service.ts';
import { type DocumentData, loadDocumentData } from './document-data.ts';
import { buildPublicationDecision } from './publication-decision.ts';
import { buildResultsReport } from './results-report.ts';
import { buildResultsWorkbook } from './results-workbook.ts';

const run = promisify(execFile);
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../../../e2e/artifacts/documents');

let database: Database;
let data: DocumentData;
let results: CycleResultsDto;
const unitsOf = (r: CycleResultsDto) => r.groups.flatMap((g) => g.units);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  database = await openDatabase({ inMemory: true });
  await seedDemoIfEmpty(database.db);
  const cycle = (await new ResultsService(database.db).listCycles({ publicOnly: true })).find((c) => c.year === 2025)!;
  data = await loadDocumentData(database.db, cycle.id, { publicOnly: true });
  results = data.results;
  return () => database.close();
});

/** Text of every cell of a row, by column number. */
const rowTexts = (ws: ExcelJS.Worksheet, r: number) => {
  const out: Record<number, unknown> = {};
  ws.getRow(r).eachCell({ includeEmpty: false }, (c, n) => (out[n] = c.value));
  return out;
};
const findRow = (ws: ExcelJS.Worksheet, col: number, pred: (v: unknown) => boolean) => {
  for (let r = 1; r <= ws.rowCount; r++) if (pred(ws.getCell(r, col).value)) return r;
  return -1;
};

describe('XLSX results workbook (phụ lục)', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const buf = await buildResultsWorkbook(data);
    writeFileSync(path.join(ARTIFACTS, 'ket-qua-chi-so-cchc-2025.xlsx'), buf);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  });

  it('opens with the annex title, the "Kèm theo Quyết định" line and the merged two-level header', () => {
    const ws = wb.getWorksheet('Kết quả 2025')!;
    expect(ws.getCell('A1').value).toBe('Phụ lục');
    expect(ws.getCell('A2').value).toBe('KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH VÀ UBND CẤP XÃ TỈNH SƠN HÀ');
    // The published cycle cites the decision it was published under (the demo's 312/QĐ-UBND).
    expect(ws.getCell('A3').value).toBe('(Kèm theo Quyết định số 312/QĐ-UBND ngày 27/02/2026 của Chủ tịch UBND tỉnh Sơn Hà)');
    // STT and Đơn vị span both header rows; "Điểm đạt được" spans the four point columns, "So với năm trước" three.
    expect([ws.getCell('A6').master.address, ws.getCell('B6').master.address]).toEqual(['A5', 'B5']);
    expect(ws.getCell('C5').value).toBe('Điểm đạt được');
    expect(['D5', 'E5', 'F5'].map((a) => ws.getCell(a).master.address)).toEqual(['C5', 'C5', 'C5']);
    expect(['C6', 'D6', 'E6', 'F6'].map((a) => ws.getCell(a).value)).toEqual(['Điểm thẩm định', 'Điểm điều tra XHH', 'Điểm thưởng (+), điểm trừ (−)', 'Tổng điểm']);
    expect(ws.getCell('K5').value).toBe('So với năm trước');
    expect(['L5', 'M5'].map((a) => ws.getCell(a).master.address)).toEqual(['K5', 'K5']);
    expect(['K6', 'L6', 'M6'].map((a) => ws.getCell(a).value)).toEqual(['Điểm', 'Chỉ số (%)', 'Thứ hạng']);
    expect(['G5', 'H5', 'I5', 'J5', 'N5'].map((a) => ws.getCell(a).value)).toEqual(['Điểm tối đa', 'Chỉ số (%)', 'Xếp loại', 'Xếp hạng', 'Ghi chú']);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '5:6' });
  });

  it('lists every unit with its points and index as real numbers (2 decimals), class, rank and change', () => {
    const ws = wb.getWorksheet('Kết quả 2025')!;
    for (const u of unitsOf(results)) {
      const r = findRow(ws, 2, (v) => v === u.unitName);
      expect(r, u.unitName).toBeGreaterThan(6);
      const row = rowTexts(ws, r);
      expect(row[8], u.unitName).toBe(Number(u.indexRounded));
      expect(row[6]).toBe(Number(toFixedHalfUp(dec(u.total))));
      expect(ws.getCell(r, 8).numFmt).toBe('0.00');
      expect([row[9], row[10]]).toEqual([u.classification, u.rank]);
    }
    const tuPhap = rowTexts(ws, findRow(ws, 2, (v) => v === 'Sở Tư pháp'));
    expect([tuPhap[6], tuPhap[8], tuPhap[10], tuPhap[13]]).toEqual([96.29, 96.29, 1, 'tăng 3 bậc']);
    const merged = rowTexts(ws, findRow(ws, 2, (v) => v === 'Sở Nội vụ'));
    expect(merged[13]).toBe('đơn vị hợp nhất: không so sánh thứ hạng');
  });

  it('closes each peer group with its mean, highest, lowest and units per class, and notes every reduced scale with its legal basis', () => {
    const ws = wb.getWorksheet('Kết quả 2025')!;
    const section = findRow(ws, 2, (v) => v === 'CƠ QUAN ĐẶC THÙ (THANG ĐIỂM RÚT GỌN) (5 đơn vị)');
    expect(ws.getCell(section, 1).value).toBe('II');
    for (const g of results.groups) {
      const mean = findRow(ws, 1, (v) => v === `Chỉ số trung bình của nhóm ${g.summary.name}`);
      expect(mean, g.summary.name).toBeGreaterThan(0);
      expect(ws.getCell(mean, 8).value).toBe(Number(g.summary.meanIndexRounded));
      expect(String(ws.getCell(mean + 1, 1).value)).toMatch(/^Chỉ số cao nhất: /);
      expect(String(ws.getCell(mean + 2, 1).value)).toMatch(/^Chỉ số thấp nhất: /);
      expect(ws.getCell(mean + 3, 1).value).toBe(`Số đơn vị theo xếp loại: ${g.summary.classCounts.map((c) => `${c.label}: ${c.count}`).join('; ')}`);
    }
    expect(ws.getCell(findRow(ws, 1, (v) => v === 'Chỉ số cao nhất: Sở Tư pháp'), 8).value).toBe(96.29);
    const radio = rowTexts(ws, findRow(ws, 2, (v) => v === 'Đài Phát thanh và Truyền hình tỉnh'));
    expect(radio[7]).toBe(86.75);
    expect(String(radio[14])).toMatch(/^Không đánh giá 3 \(\d+\)$/);
    const note = findRow(ws, 1, (v) => typeof v === 'string' && v.includes('Đài Phát thanh và Truyền hình tỉnh: thang điểm rút gọn'));
    expect(String(ws.getCell(note, 1).value)).toContain('3 — Không có TTHC thuộc thẩm quyền giải quyết (Quyết định công bố danh mục TTHC số 1502/QĐ-UBND)');
  });

  it('has a "Chi tiết theo tiêu chí" sheet: every unit × every field, criterion and leaf', () => {
    const ws = wb.getWorksheet('Chi tiết theo tiêu chí')!;
    const units = unitsOf(results);
    expect(units.map((_, k) => ws.getCell(5, 4 + k).value)).toEqual(units.map((u) => u.unitName));
    expect(units.map((_, k) => ws.getCell(8, 4 + k).value)).toEqual(units.map((u) => Number(u.indexRounded)));
    const codes: string[] = [];
    for (let r = 10; r <= ws.rowCount; r++) codes.push(String(ws.getCell(r, 1).value));
    expect(codes).toEqual(data.rubric!.nodes.map((n) => n.code));
    expect(data.rubric!.nodes.filter((n) => n.isLeaf)).toHaveLength(88);
    const radio = units.findIndex((u) => u.unitName === 'Đài Phát thanh và Truyền hình tỉnh');
    const field3 = 10 + codes.indexOf('3');
    expect(ws.getCell(field3, 4 + radio).value).toBeNull(); // field 3 is excluded: grey, empty
    const comp = data.components.get(units[0].unitId)!;
    const leaf = comp.leaves.find((l) => l.code === '3.3.1')!;
    expect(ws.getCell(10 + codes.indexOf('3.3.1'), 4).value).toBe(Number(toFixedHalfUp(dec(leaf.points), 3)));
    expect(ws.getCell(10 + codes.indexOf('1'), 2).value).toBe('Công tác chỉ đạo, điều hành cải cách hành chính');
  });
});

describe('DOCX draft decision (dự thảo quyết định)', () => {
  const paragraphs = async (buf: Buffer) => {
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    return { xml, paras, text: paras.join('\n'), styles: await zip.file('word/styles.xml')!.async('string') };
  };

  it('has the heading of Nghị định 30, the Căn cứ clauses, Điều 1–3, Nơi nhận, the signature and an annex with every unit', async () => {
    const buf = await buildPublicationDecision(data);
    writeFileSync(path.join(ARTIFACTS, 'quyet-dinh-cong-bo-chi-so-cchc-2025-qd-312-qd-ubnd.docx'), buf);
    const { xml, paras, text, styles } = await paragraphs(buf);
    for (const line of ['ỦY BAN NHÂN DÂN', 'TỈNH SƠN HÀ', 'Số: 312/QĐ-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Sơn Hà, ngày 27 tháng 02 năm 2026', 'QUYẾT ĐỊNH', 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN HÀ', 'QUYẾT ĐỊNH:', 'Nơi nhận:', '- Như Điều 3;', 'CHỦ TỊCH', 'Phụ lục'])
      expect(paras, line).toContain(line);
    expect(paras).toContain('Về việc phê duyệt và công bố Chỉ số cải cách hành chính năm 2025 của các sở, ban, ngành và UBND cấp xã trên địa bàn tỉnh Sơn Hà');
    expect(paras.filter((p) => p.startsWith('Căn cứ '))).toEqual([
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
      expect.stringContaining('Căn cứ Nghị quyết số 76/NQ-CP'),
      expect.stringContaining('Căn cứ Quyết định số 1868/QĐ-UBND ngày 15/10/2025 của UBND tỉnh Sơn Hà (minh họa) ban hành Bộ Chỉ số cải cách hành chính'),
    ]);
    expect(paras.some((p) => p.startsWith('Theo đề nghị của Giám đốc Sở Nội vụ'))).toBe(true);
    for (const n of [1, 2, 3]) expect(paras.some((p) => p.startsWith(`Điều ${n}. `)), `Điều ${n}`).toBe(true);
    expect(text).toContain('Sở, ban, ngành (15 đơn vị): chỉ số trung bình 85,18%');
    // The annex: every unit with its index in Vietnamese format.
    for (const u of unitsOf(results)) {
      const i = paras.indexOf(u.unitName);
      expect(i, u.unitName).toBeGreaterThan(paras.indexOf('Phụ lục'));
      expect(paras.slice(i, i + 8)).toContain(u.indexRounded.replace('.', ','));
    }
    expect(text).toContain('Đài Phát thanh và Truyền hình tỉnh: thang điểm rút gọn, điểm tối đa 86,75; không đánh giá 3 — Không có TTHC');
    // Layout: Times New Roman 14 pt, A4 with margins 20/15/30/20 mm, the annex in landscape with repeated header rows.
    expect(styles).toMatch(/w:ascii="Times New Roman"/);
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
    expect(xml).toMatch(/<w:pgSz w:w="1190\d" w:h="1683\d" w:orient="portrait"\/>/);
    expect(xml).toMatch(/<w:pgMar w:top="113\d" w:right="85\d" w:bottom="113\d" w:left="170\d"/);
    expect(xml).toMatch(/w:orient="landscape"/);
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBe(2 * results.groups.length);
  });

  it('prints the number, date and signer the caller gives on a draft', async () => {
    const draft: DocumentData = { ...data, results: { ...results, cycle: { ...results.cycle, status: 'approved' } }, publication: null };
    const buf = await buildPublicationDecision(draft, { number: '125', date: new Date(2026, 2, 5), signer: { name: 'Nguyễn Văn An', viceChair: true } });
    const { paras } = await paragraphs(buf);
    expect(paras).toEqual(expect.arrayContaining(['Số: 125/QĐ-UBND', 'Sơn Hà, ngày 05 tháng 3 năm 2026', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An']));
    expect(paras).toContain('(Kèm theo Quyết định số 125/QĐ-UBND ngày 05/03/2026 của Chủ tịch UBND tỉnh Sơn Hà)');
    // The publish form's full form gives the same document: "/QĐ-UBND" is never appended twice.
    const full = await paragraphs(await buildPublicationDecision(draft, { number: '125/QĐ-UBND', date: new Date(2026, 2, 5) }));
    expect(full.paras).toContain('Số: 125/QĐ-UBND');
    expect(full.text).not.toContain('QĐ-UBND/QĐ-UBND');
  });
});

describe('PDF report', () => {
  const file = path.join(ARTIFACTS, 'bao-cao-chi-so-cchc-2025.pdf');
  let pages: string[];
  beforeAll(async () => {
    writeFileSync(file, await buildResultsReport(data, { date: new Date(2026, 2, 5) }));
    pages = (await run('pdftotext', ['-layout', file, '-'])).stdout.split('\f').slice(0, -1);
  });

  it('has a title page, the group tables and charts, then one page per unit, numbered in the footer', async () => {
    const info = (await run('pdfinfo', [file])).stdout;
    const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const units = unitsOf(results);
    expect(pages).toHaveLength(count);
    expect(pages[0]).toContain('KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025');
    expect(pages[0]).toContain('của các sở, ban, ngành và UBND cấp xã tỉnh Sơn Hà');
    expect(pages[0]).toContain('Sơn Hà, ngày 05 tháng 3 năm 2026');
    const groupPages = pages.slice(1, count - units.length).join('\n');
    for (const [i, g] of results.groups.entries()) {
      expect(groupPages).toContain(`${['I', 'II', 'III'][i]}. ${g.summary.name.toUpperCase()}`);
      expect(groupPages).toContain(`Biểu đồ Chỉ số CCHC năm 2025 — ${g.summary.name}`);
    }
    // One page per unit, in the published order, each with its own index.
    units.forEach((u, k) => {
      const page = pages[count - units.length + k];
      expect(page, u.unitName).toContain(u.unitName);
      expect(page).toContain('Kết quả Chỉ số cải cách hành chính năm 2025');
      expect(page).toContain(`${u.indexRounded.replace('.', ',')}%`);
      expect(page).toContain(`Trang ${count - units.length + k + 1}/${count}`);
    });
    expect(count - units.length - 1).toBeGreaterThanOrEqual(results.groups.length);
    expect(count - units.length - 1).toBeLessThanOrEqual(3 * results.groups.length);
  });

  it('keeps the Vietnamese text intact and shows field indices and the leaves that lost most points', () => {
    const all = pages.join('\n');
    for (const u of unitsOf(results)) expect(all).toContain(u.unitName);
    const radio = pages.find((p) => p.includes('Đài Phát thanh và Truyền hình tỉnh') && p.includes('Chỉ số thành phần theo lĩnh vực'))!;
    expect(radio).toContain('Không có TTHC thuộc thẩm quyền giải quyết');
    expect(radio).toMatch(/Cải cách thủ tục hành chính\s+không đánh giá \(thang điểm rút gọn\)/);
    expect(radio).toContain('Các tiêu chí thành phần bị mất nhiều điểm nhất');
    expect(all).not.toMatch(/[\uFFFD]/);
  });

  it('renders to PNG pages (samples kept for review)', async () => {
    const unitPage = pages.findIndex((p) => p.includes('Đài Phát thanh và Truyền hình tỉnh') && p.includes('Chỉ số thành phần')) + 1;
    for (const [first, last] of [[1, 3], [unitPage, unitPage]]) {
      await run('pdftoppm', ['-r', '60', '-png', '-f', String(first), '-l', String(last), file, path.join(ARTIFACTS, 'bao-cao')]);
    }
    const png = path.join(ARTIFACTS, 'bao-cao-01.png');
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(10_000);
  });
});
