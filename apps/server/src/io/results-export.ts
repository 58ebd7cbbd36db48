import type { CycleResultsDto, UnitResultDto } from '@parindex/contracts';
import { dec, toFixedHalfUp } from '@parindex/engine';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const r2 = (s: string) => toFixedHalfUp(dec(s));

/** "tăng 2 bậc", "giảm 1 bậc", "giữ nguyên", or the reason there is no rank change. */
export function rankChangeText(u: UnitResultDto): string {
  const c = u.change;
  if (!c || c.basis === 'none') return '';
  if (c.basis === 'weighted') return 'đơn vị hợp nhất: không so sánh thứ hạng';
  if (c.rankDelta === null || c.rankDelta === 0) return 'giữ nguyên';
  return c.rankDelta > 0 ? `tăng ${c.rankDelta} bậc` : `giảm ${-c.rankDelta} bậc`;
}

const CSV_COLUMNS = [
  'group', 'order', 'unit_code', 'unit', 'appraised_points', 'survey_points', 'total_points', 'max_points',
  'index_percent', 'classification', 'rank', 'index_change', 'rank_change',
];

function csv(results: CycleResultsDto): Buffer {
  const rows = results.groups.flatMap((g) =>
    g.units.map((u) => [
      u.group, u.order, u.unitCode, u.unitName, r2(u.appraised), r2(u.survey), r2(u.total), r2(u.max), u.indexRounded,
      u.classification, u.rank, u.change?.indexDelta ? r2(u.change.indexDelta) : '', rankChangeText(u),
    ]),
  );
  return Buffer.from('\uFEFF' + stringify([CSV_COLUMNS, ...rows]));
}

async function xlsx(results: CycleResultsDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet(`Kết quả ${results.cycle.year}`);
  ws.columns = [
    { width: 6 }, { width: 44 }, { width: 12 }, { width: 12 }, { width: 11 }, { width: 11 }, { width: 11 }, { width: 14 }, { width: 10 }, { width: 28 },
  ];
  ws.mergeCells('A1:J1');
  ws.getCell('A1').value = `KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${results.cycle.year}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  const header = ['STT', 'Đơn vị', 'Điểm thẩm định', 'Điểm điều tra XHH', 'Tổng điểm', 'Điểm tối đa', 'Chỉ số (%)', 'Xếp loại', 'Xếp hạng', 'So với năm trước'];
  let row = 3;
  for (const g of results.groups) {
    ws.mergeCells(row, 1, row, 10);
    ws.getCell(row, 1).value = `${g.summary.name} (${g.summary.count} đơn vị, chỉ số trung bình ${g.summary.meanIndexRounded.replace('.', ',')}%)`;
    ws.getCell(row, 1).font = { bold: true };
    row++;
    ws.getRow(row).values = header;
    ws.getRow(row).font = { bold: true };
    ws.getRow(row).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    row++;
    for (const u of g.units) {
      const num = (s: string) => Number(r2(s));
      ws.getRow(row).values = [u.order, u.unitName, num(u.appraised), num(u.survey), num(u.total), num(u.max), Number(u.indexRounded), u.classification, u.rank, rankChangeText(u)];
      for (const c of [3, 4, 5, 6, 7]) ws.getCell(row, c).numFmt = '0.00';
      row++;
    }
    row++;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes a cycle's published results table as CSV (open data, UTF-8 with BOM), XLSX or JSON (exact values). */
export async function exportResults(results: CycleResultsDto, format: ExportFormat): Promise<ExportedFile> {
  const base = `ket-qua-chi-so-cchc-${results.cycle.year}`;
  switch (format) {
    case 'csv':
      return { body: csv(results), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
    case 'xlsx':
      return { body: await xlsx(results), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${base}.xlsx` };
    case 'json':
      return { body: Buffer.from(JSON.stringify(results, null, 2)), contentType: 'application/json; charset=utf-8', fileName: `${base}.json` };
  }
}
