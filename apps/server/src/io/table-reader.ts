import { AppError, type Issue, Limits } from '@parindex/contracts';
import type ExcelJS from 'exceljs';
import { assertRowFits } from './table-limits.ts';
import { detectTableFormat, type RawRow, readTableRows, type RowOptions } from './table-rows.ts';

export { assertRowFits, columnLetter, TABLE_LIMITS } from './table-limits.ts';
export { detectTableFormat, type TableFormat } from './table-rows.ts';

/** A data row of a table file: its 1-based row/line in the file (header = its own row) and cells by header. */
export interface TableRecord {
  row: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  records: TableRecord[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return cellText(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}

/**
 * The whole table is read through the one row reader (table-rows.ts) with csv-parse's trimming, the
 * CSV's blank rows kept, the encoding chosen from the whole file, the zip limits of readers that hold
 * a workbook whole (ZIP_LIMITS) and dates as yyyy-mm-dd; row sizes are checked here, against the header.
 */
const CSV: RowOptions = { wholeSample: true, trim: true, blankRows: true, checkFits: false };
const XLSX: RowOptions = { zipLimits: {}, cellText: (v) => cellText(v).trim(), invalidXlsx: 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.', checkFits: false };

const byHeader = (headers: string[], r: RawRow): TableRecord => ({ row: r.row, cells: Object.fromEntries(headers.map((h, i) => [h, r.values[i] ?? ''])) });

/**
 * Reads a CSV or the first sheet of an XLSX into records keyed by the header row, every cell in NFC.
 * A CSV may be UTF-8 (BOM or not), UTF-16 with a BOM, Windows-1258 or Windows-1252, separated by
 * `,` `;` or tab (text-decoding.ts); a row with more or fewer cells than the header is refused.
 * Refuses files over the import limit, empty files and binary files that are not xlsx.
 */
export async function readTable(buf: Buffer): Promise<Table> {
  const table = detectTableFormat(buf) === 'xlsx' ? await readXlsx(buf) : await readCsv(buf);
  if (table.records.length > Limits.importRows)
    throw new AppError('PAYLOAD_TOO_LARGE', `Tệp có ${table.records.length} dòng; giới hạn là ${Limits.importRows} dòng.`);
  return table;
}

async function readCsv(buf: Buffer): Promise<Table> {
  const rows: RawRow[] = [];
  for await (const r of readTableRows(buf, CSV)) {
    assertRowFits(r.row, r.values, (rows[0] ?? r).values);
    rows.push(r);
  }
  if (rows.length === 0) throw new AppError('INVALID_FILE', 'Tệp rỗng: không có dòng tiêu đề.');
  const headers = rows[0].values.map((h) => h.trim());
  // A row of another width than the header would put its values under the wrong columns (a decimal
  // comma splits 0,75 into 0 and 75): every such row is refused, nothing is read.
  const issues: Issue[] = rows.slice(1).filter((r) => r.widthProblem && !r.values.every((v) => v === '')).map((r) => ({ row: r.row, message: r.widthProblem! }));
  if (issues.length)
    throw new AppError('VALIDATION', issues.length === 1 ? issues[0].message : `Tệp CSV có ${issues.length} dòng không đúng số ô của dòng tiêu đề; chưa lưu gì. ${issues[0].message}`, issues);
  return { headers, records: rows.slice(1).map((r) => byHeader(headers, r)) };
}

/** The header is the first row with two or more cells (title rows above it are skipped); blank rows are skipped. */
async function readXlsx(buf: Buffer): Promise<Table> {
  let count = 0;
  let headers: string[] | undefined;
  const above: RawRow[] = [];
  const records: TableRecord[] = [];
  for await (const r of readTableRows(buf, XLSX)) {
    if (++count > Limits.importRows + 1) continue; // counted on, to name the sheet's rows
    assertRowFits(r.row, r.values, headers);
    if (headers) records.push(byHeader(headers, r));
    else if (r.values.filter(Boolean).length >= 2) headers = r.values;
    else above.push(r);
  }
  if (count === 0) throw new AppError('INVALID_FILE', 'Bảng tính không có dữ liệu.');
  if (count > Limits.importRows + 1)
    throw new AppError('PAYLOAD_TOO_LARGE', `Bảng tính có ${count.toLocaleString('vi-VN')} dòng; giới hạn là ${Limits.importRows.toLocaleString('vi-VN')} dòng.`);
  // Without a header row every row is a record without cells: the importer reports the missing columns.
  return headers ? { headers, records } : { headers: [], records: above.map((r) => byHeader([], r)) };
}
/**
 * Maps the file's headers to canonical names through aliases (English column names or the
 * Vietnamese ones of a published table); reports missing required columns by their names.
 */
export function mapColumns<K extends string>(
  table: Table,
  aliases: Record<K, string[]>,
  required: NoInfer<K>[],
): { get(rec: TableRecord, key: K): string | undefined } {
  const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const found = new Map<K, string>();
  for (const key of Object.keys(aliases) as K[]) {
    const header = table.headers.find((h) => aliases[key].some((a) => norm(a) === norm(h)));
    if (header !== undefined) found.set(key, header);
  }
  const missing = required.filter((k) => !found.has(k));
  if (missing.length)
    throw new AppError(
      'VALIDATION',
      `Thiếu cột: ${missing.map((k) => `"${aliases[k][0]}" (hoặc "${aliases[k].slice(1).join('", "')}")`).join('; ')}.`,
      missing.map((k) => ({ row: 1, field: aliases[k][0], message: 'thiếu cột bắt buộc.' })),
    );
  return { get: (rec, key) => (found.has(key) ? rec.cells[found.get(key)!] : undefined) };
}
