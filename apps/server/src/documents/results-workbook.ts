/**
 * The results workbook, laid out like the annex of a publication decision (Phụ lục kèm theo
 * Quyết định): title rows, a two-level merged header, one section per peer group with its
 * figures (mean, highest, lowest, units per class), notes with the legal basis of every reduced
 * scale, print setup for A4 landscape. A second sheet holds every unit's points on every field,
 * criterion and leaf ("Chi tiết theo tiêu chí").
 */
import type { UnitResultDto } from '@parindex/contracts';
import { dec } from '@parindex/engine';
import ExcelJS from 'exceljs';
import type { DocumentData } from './document-data.ts';
import {
  BLANK, DRAFT_MARK, adjustment, cellNumber, decisionRef, exclusionShort, hasAdjustments, isDraftCycle, rankChangeText, roman, subjectOf, vi,
} from './document-format.ts';
import { correctionLine } from './publication-ref.ts';

export interface WorkbookOptions {
  /** "1234/QĐ-UBND ngày 20/03/2026" for the "(Kèm theo Quyết định số …)" line of a draft; blanks by default. A published cycle cites its stored publication instead. */
  decisionRef?: string;
}

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const PALE: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const NA: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const POINTS = '0.00';
const SIGNED = '+0.00;-0.00;0.00';

interface Column {
  key: string;
  header: string;
  /** Top header cell spanning several columns. */
  parent?: string;
  width: number;
  numFmt?: string;
}

function annexColumns(withAdjustments: boolean): Column[] {
  return [
    { key: 'stt', header: 'STT', width: 5 },
    { key: 'unit', header: 'Đơn vị', width: 36 },
    { key: 'appraised', header: 'Điểm thẩm định', parent: 'Điểm đạt được', width: 10.5, numFmt: POINTS },
    { key: 'survey', header: 'Điểm điều tra XHH', parent: 'Điểm đạt được', width: 10.5, numFmt: POINTS },
    ...(withAdjustments ? [{ key: 'adjust', header: 'Điểm thưởng (+), điểm trừ (−)', parent: 'Điểm đạt được', width: 10.5, numFmt: SIGNED }] : []),
    { key: 'total', header: 'Tổng điểm', parent: 'Điểm đạt được', width: 10, numFmt: POINTS },
    { key: 'max', header: 'Điểm tối đa', width: 9, numFmt: POINTS },
    { key: 'index', header: 'Chỉ số (%)', width: 9, numFmt: POINTS },
    { key: 'class', header: 'Xếp loại', width: 10 },
    { key: 'rank', header: 'Xếp hạng', width: 8 },
    { key: 'dTotal', header: 'Điểm', parent: 'So với năm trước', width: 9, numFmt: SIGNED },
    { key: 'dIndex', header: 'Chỉ số (%)', parent: 'So với năm trước', width: 9, numFmt: SIGNED },
    { key: 'dRank', header: 'Thứ hạng', parent: 'So với năm trước', width: 16 },
    { key: 'note', header: 'Ghi chú', width: 24 },
  ];
}

/** Rough height for wrapped text in a merged row: Excel never auto-fits merged cells. */
function wrappedHeight(text: string, widthChars: number, lineHeight = 16): number {
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((line.length * 1.1) / widthChars)), 0);
  return Math.max(lineHeight, lines * lineHeight);
}

const styleRange = (ws: ExcelJS.Worksheet, row: number, from: number, to: number, fn: (c: ExcelJS.Cell) => void) => {
  for (let c = from; c <= to; c++) fn(ws.getCell(row, c));
};

/** Title lines of the annex (also used by the PDF and the DOCX annex); `correction` for a version > 1. */
export function annexTitles(data: DocumentData, opts: WorkbookOptions = {}): { label: string; title: string; attached: string; correction?: string } {
  const { cycle } = data.results;
  const pub = data.publication;
  const ref = pub ? decisionRef(pub.decisionNumber, pub.decisionDate) : opts.decisionRef;
  const where = data.province ? ` TỈNH ${data.province.toUpperCase()}` : '';
  const chair = data.province ? `Chủ tịch UBND tỉnh ${data.province}` : 'Chủ tịch UBND tỉnh';
  return {
    label: 'Phụ lục',
    title: `KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${cycle.year} CỦA ${subjectOf(data.results).toUpperCase()}${where}`,
    attached: `(Kèm theo Quyết định số ${ref ?? `${BLANK}/QĐ-UBND ngày ${BLANK}`} của ${chair})`,
    correction: correctionLine(pub),
  };
}

function addAnnexSheet(wb: ExcelJS.Workbook, data: DocumentData, opts: WorkbookOptions): void {
  const { results } = data;
  const cols = annexColumns(hasAdjustments(results));
  const last = cols.length;
  const col = (key: string) => cols.findIndex((c) => c.key === key) + 1;
  const ws = wb.addWorksheet(`Kết quả ${results.cycle.year}`, {
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    // An unpublished cycle's annex says so on every printed page, not only in its title.
    headerFooter: {
      oddFooter: `&C&"Times New Roman"&10Trang &P/&N`,
      ...(isDraftCycle(results.cycle.status) ? { oddHeader: `&L&"Times New Roman,Bold"&12${DRAFT_MARK} — chưa công bố` } : {}),
    },
    views: [{ state: 'frozen', xSplit: 2, ySplit: 6 }],
  });
  ws.properties.defaultRowHeight = 16;
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width, style: { font: { name: FONT, size: 11 } } }));

  const titles = annexTitles(data, opts);
  const titleRow = (row: number, text: string, font: Partial<ExcelJS.Font>, height = 18) => {
    ws.mergeCells(row, 1, row, last);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = { name: FONT, size: 13, ...font };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.getRow(row).height = height;
  };
  const draft = isDraftCycle(results.cycle.status);
  titleRow(1, draft ? `${titles.label} (${DRAFT_MARK} — kết quả chưa được công bố)` : titles.label, draft ? { bold: true, color: { argb: 'FFC00000' } } : { bold: true });
  titleRow(2, titles.title, { bold: true }, 36);
  titleRow(3, titles.attached, { italic: true, size: 12 });
  if (titles.correction) titleRow(4, titles.correction, { italic: true, size: 12 });

  // Two-level header on rows 5–6: a parent spans its children; a column without parent spans both rows.
  const H1 = 5, H2 = 6;
  for (let i = 0; i < cols.length; ) {
    const c = cols[i];
    if (!c.parent) {
      ws.mergeCells(H1, i + 1, H2, i + 1);
      ws.getCell(H1, i + 1).value = c.header;
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < cols.length && cols[j + 1].parent === c.parent) j++;
    ws.mergeCells(H1, i + 1, H1, j + 1);
    ws.getCell(H1, i + 1).value = c.parent;
    for (let k = i; k <= j; k++) ws.getCell(H2, k + 1).value = cols[k].header;
    i = j + 1;
  }
  for (const r of [H1, H2]) {
    styleRange(ws, r, 1, last, (cell) => {
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
      cell.fill = GREY;
    });
  }
  ws.getRow(H1).height = 20;
  ws.getRow(H2).height = 44;

  const notes: string[] = [];
  const mergedNote = () => {
    const text = 'Đơn vị hợp nhất trong năm: chỉ số năm trước là bình quân gia quyền của các đơn vị trước hợp nhất; không so sánh thứ hạng.';
    let i = notes.indexOf(text);
    if (i < 0) i = notes.push(text) - 1;
    return i + 1;
  };
  let row = H2 + 1;
  const bordered = (r: number) => styleRange(ws, r, 1, last, (cell) => (cell.border = THIN));

  results.groups.forEach((g, gi) => {
    // Section row: "I  SỞ, BAN, NGÀNH (15 đơn vị)"
    ws.getCell(row, 1).value = roman(gi + 1);
    ws.mergeCells(row, 2, row, last);
    ws.getCell(row, 2).value = `${g.summary.name.toUpperCase()} (${g.summary.count} đơn vị)`;
    styleRange(ws, row, 1, last, (cell) => {
      cell.font = { name: FONT, size: 11, bold: true };
      cell.fill = PALE;
      cell.alignment = { vertical: 'middle', horizontal: cell.col === '1' ? 'center' : 'left' };
    });
    bordered(row);
    row++;
    for (const u of g.units) {
      const noteRefs: number[] = [];
      if (u.exclusions.length) noteRefs.push(notes.push(exclusionNote(u)));
      if (u.change?.basis === 'weighted') noteRefs.push(mergedNote());
      const values: Record<string, ExcelJS.CellValue> = {
        stt: u.order,
        unit: u.unitName,
        appraised: cellNumber(u.appraised),
        survey: cellNumber(u.survey),
        adjust: cellNumber(adjustment(u)),
        total: cellNumber(u.total),
        max: cellNumber(u.max),
        index: Number(u.indexRounded),
        class: u.classification,
        rank: u.rank,
        dTotal: u.change?.totalDelta ? cellNumber(u.change.totalDelta) : null,
        dIndex: u.change?.indexDelta ? cellNumber(u.change.indexDelta) : null,
        dRank: rankChangeText(u) || null,
        note: [exclusionShort(u), ...noteRefs.map((n) => `(${n})`)].filter(Boolean).join(' ') || null,
      };
      cols.forEach((c, i) => {
        const cell = ws.getCell(row, i + 1);
        cell.value = values[c.key] ?? null;
        if (c.numFmt) cell.numFmt = c.numFmt;
        cell.border = THIN;
        cell.alignment = { vertical: 'middle', wrapText: c.key === 'unit' || c.key === 'note' || c.key === 'dRank', horizontal: c.key === 'unit' || c.key === 'note' ? 'left' : 'center' };
      });
      row++;
    }
    // Group figures.
    const s = g.summary;
    const unitsAt = (index: string) => g.units.filter((u) => dec(u.index).equals(dec(index))).map((u) => u.unitName).join(', ');
    const figure = (label: string, value: string) => {
      ws.mergeCells(row, 1, row, col('index') - 1);
      ws.getCell(row, 1).value = label;
      ws.getCell(row, 1).alignment = { horizontal: 'right', vertical: 'middle', wrapText: true };
      const v = ws.getCell(row, col('index'));
      v.value = cellNumber(value);
      v.numFmt = POINTS;
      v.alignment = { horizontal: 'center', vertical: 'middle' };
      styleRange(ws, row, 1, last, (cell) => (cell.font = { name: FONT, size: 11, bold: true, italic: true }));
      bordered(row);
      row++;
    };
    figure(`Chỉ số trung bình của nhóm ${s.name}`, s.meanIndex);
    figure(`Chỉ số cao nhất: ${unitsAt(s.highestIndex)}`, s.highestIndex);
    figure(`Chỉ số thấp nhất: ${unitsAt(s.lowestIndex)}`, s.lowestIndex);
    ws.mergeCells(row, 1, row, last);
    const counts = ws.getCell(row, 1);
    counts.value = `Số đơn vị theo xếp loại: ${s.classCounts.map((c) => `${c.label}: ${c.count}`).join('; ')}`;
    counts.font = { name: FONT, size: 11, bold: true, italic: true };
    counts.alignment = { horizontal: 'left', vertical: 'middle', indent: 1 };
    bordered(row);
    row++;
  });

  // Notes under the table: the legal basis of each reduced scale, and how the figures are made.
  notes.push(
    'Chỉ số (%) = Tổng điểm ÷ Điểm tối đa × 100; các số liệu được làm tròn 2 chữ số thập phân; xếp loại theo chỉ số đã làm tròn; xếp hạng trong từng nhóm theo chỉ số.',
  );
  row++;
  ws.getCell(row, 1).value = 'Ghi chú:';
  ws.getCell(row, 1).font = { name: FONT, size: 11, bold: true, italic: true };
  row++;
  const width = cols.reduce((n, c) => n + c.width, 0);
  notes.forEach((text, i) => {
    ws.mergeCells(row, 1, row, last);
    const cell = ws.getCell(row, 1);
    cell.value = `(${i + 1}) ${text}`;
    cell.font = { name: FONT, size: 11, italic: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(row).height = wrappedHeight(cell.value, width);
    row++;
  });
  ws.pageSetup.printTitlesRow = `${H1}:${H2}`;
  ws.pageSetup.printArea = `A1:${ws.getColumn(last).letter}${row - 1}`;
}

function exclusionNote(u: UnitResultDto): string {
  const items = u.exclusions.map((e) => `${e.nodeCode} — ${e.basis}`).join('; ');
  return `${u.unitName}: thang điểm rút gọn, điểm tối đa ${vi(u.max)}; không đánh giá ${items}.`;
}

/** "Chi tiết theo tiêu chí": rubric nodes as rows (field → criterion → leaf), units as columns grouped by peer group. */
function addDetailSheet(wb: ExcelJS.Workbook, data: DocumentData): void {
  const ws = wb.addWorksheet('Chi tiết theo tiêu chí', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 0, fitToHeight: 0 },
    views: [{ state: 'frozen', xSplit: 3, ySplit: 9 }],
  });
  const { results, rubric } = data;
  const units = results.groups.flatMap((g) => g.units);
  ws.getColumn(1).width = 9;
  ws.getColumn(2).width = 58;
  ws.getColumn(3).width = 8;
  units.forEach((_, i) => (ws.getColumn(4 + i).width = 8));
  const last = Math.max(3 + units.length, 8);
  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = `ĐIỂM CHI TIẾT THEO LĨNH VỰC, TIÊU CHÍ, TIÊU CHÍ THÀNH PHẦN — CHỈ SỐ CCHC NĂM ${results.cycle.year}`;
  title.font = { name: FONT, size: 13, bold: true };
  title.alignment = { horizontal: 'left' };
  ws.getCell(2, 1).value = rubric
    ? `Bộ chỉ số: ${rubric.name} (${rubric.code}, phiên bản ${rubric.version}). Ô màu xám: tiêu chí không áp dụng cho đơn vị (thang điểm rút gọn).`
    : 'Kỳ đánh giá này được nhập từ bảng kết quả đã công bố: không có điểm chi tiết theo tiêu chí.';
  ws.getCell(2, 1).font = { name: FONT, size: 11, italic: true };
  if (!rubric) return;

  // Header: group names over their units (row 4), unit names rotated (row 5), then totals per unit (rows 6–9).
  const head = (r: number, c: number, v: ExcelJS.CellValue, extra: Partial<ExcelJS.Style> = {}) => {
    const cell = ws.getCell(r, c);
    cell.value = v;
    cell.border = THIN;
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = GREY;
    Object.assign(cell, extra);
  };
  ws.mergeCells(4, 1, 5, 1);
  head(4, 1, 'Mã');
  ws.mergeCells(4, 2, 5, 2);
  head(4, 2, 'Lĩnh vực / Tiêu chí / Tiêu chí thành phần');
  ws.mergeCells(4, 3, 5, 3);
  head(4, 3, 'Điểm tối đa');
  let c = 4;
  for (const g of results.groups) {
    if (g.units.length > 1) ws.mergeCells(4, c, 4, c + g.units.length - 1);
    head(4, c, g.summary.name);
    for (const u of g.units) head(5, c++, u.unitName, { alignment: { textRotation: 90, vertical: 'bottom', horizontal: 'center', wrapText: true } });
  }
  ws.getRow(4).height = 32;
  ws.getRow(5).height = 150;
  const totals: [string, (u: UnitResultDto) => ExcelJS.CellValue, string?][] = [
    ['Tổng điểm', (u) => cellNumber(u.total), POINTS],
    ['Điểm tối đa của đơn vị', (u) => cellNumber(u.max), POINTS],
    ['Chỉ số (%)', (u) => Number(u.indexRounded), POINTS],
    ['Xếp hạng trong nhóm', (u) => u.rank],
  ];
  totals.forEach(([label, get, fmt], i) => {
    const r = 6 + i;
    ws.mergeCells(r, 1, r, 3);
    head(r, 1, label, { alignment: { horizontal: 'right', vertical: 'middle' } });
    units.forEach((u, k) => head(r, 4 + k, get(u), fmt ? { numFmt: fmt } : {}));
  });

  let r = 10;
  const byUnit = units.map((u) => {
    const comp = data.components.get(u.unitId);
    return new Map<string, string>([...(comp?.nodes ?? []), ...(comp?.leaves ?? [])].map((p) => [p.code, p.points]));
  });
  for (const n of rubric.nodes) {
    const row = ws.getRow(r);
    // A deduction shows as a negative number, so a row reads as what it does to the total.
    const signed = (s: string) => cellNumber(n.effect === 'deduction' ? dec(s).negated().toFixed() : s, 3);
    row.getCell(1).value = n.code;
    row.getCell(2).value = n.effect === 'score' ? n.title : `${n.title} (${n.effect === 'bonus' ? 'điểm thưởng' : 'điểm trừ'})`;
    row.getCell(3).value = signed(n.max);
    row.getCell(3).numFmt = '0.00#';
    units.forEach((_, k) => {
      const cell = row.getCell(4 + k);
      const p = byUnit[k].get(n.code);
      if (p !== undefined) {
        cell.value = n.isLeaf ? signed(p) : cellNumber(p, 3);
        cell.numFmt = '0.00#';
      } else if (n.isLeaf || !dec(n.max).isZero()) cell.fill = NA;
    });
    for (let k = 1; k <= 3 + units.length; k++) {
      const cell = row.getCell(k);
      cell.border = THIN;
      cell.font = { name: FONT, size: 10, bold: n.depth === 1, italic: n.depth === 2 && !n.isLeaf };
      cell.alignment = { vertical: 'middle', wrapText: k === 2, horizontal: k === 2 ? 'left' : 'center', indent: k === 2 ? n.depth - 1 : 0 };
      if (n.depth === 1 && !cell.fill) cell.fill = PALE;
    }
    r++;
  }
}

/** The province results workbook: annex sheet + detail sheet, as an .xlsx buffer. */
export async function buildResultsWorkbook(data: DocumentData, opts: WorkbookOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParIndex';
  wb.title = `${isDraftCycle(data.results.cycle.status) ? `${DRAFT_MARK} — ` : ''}${annexTitles(data, opts).title}`;
  addAnnexSheet(wb, data, opts);
  addDetailSheet(wb, data);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
