import { AppError, type Issue, Limits } from '@parindex/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { clip } from './clip.ts';
import { decodeText, detectDelimiter, nfc, recordStartLine, rowWidthMessage } from './text-decoding.ts';
import { assertSafeZip } from './zip-guard.ts';

/** A data row of a table file: its 1-based row/line in the file (header = its own row) and cells by header. */
export interface TableRecord {
  row: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  records: TableRecord[];
}

export type TableFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Limits on a table once parsed (zip-guard.ts bounds the bytes before): a real table has tens of
 * columns and cells of a few hundred characters; a wider row or a longer cell is a damaged or
 * crafted file, refused before any row is used. Rows are bounded by Limits.importRows.
 */
export const TABLE_LIMITS = { columns: 500, cellChars: 10_000 } as const;

/** A spreadsheet column's letters, as the user sees them: 1 → A, 28 → AB. */
export function columnLetter(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** Refuses a row wider than TABLE_LIMITS.columns or holding a longer cell than TABLE_LIMITS.cellChars, naming its row and column. */
export function assertRowFits(row: number, values: readonly string[], headers: readonly string[] = []): void {
  if (values.length > TABLE_LIMITS.columns) {
    const message = `Dòng ${row} có ${values.length.toLocaleString('vi-VN')} cột; giới hạn là ${TABLE_LIMITS.columns} cột.`;
    throw new AppError('PAYLOAD_TOO_LARGE', message, [{ row, message }]);
  }
  const i = values.findIndex((v) => (v?.length ?? 0) > TABLE_LIMITS.cellChars); // ExcelJS rows are sparse: holes read as undefined
  if (i < 0) return;
  const letter = columnLetter(i + 1);
  const header = headers[i]?.trim();
  const message = `Dòng ${row}, cột ${letter}${header ? ` ("${clip(header, 40)}")` : ''}: ô dài ${values[i].length.toLocaleString('vi-VN')} ký tự; giới hạn là ${TABLE_LIMITS.cellChars.toLocaleString('vi-VN')} ký tự. Hãy rút gọn nội dung ô rồi tải lên lại.`;
  throw new AppError('PAYLOAD_TOO_LARGE', message, [{ row, field: header || letter, message }]);
}

/** Tells an xlsx (a zip) from CSV text by content, not by the file name. */
export function detectTableFormat(buf: Buffer): TableFormat {
  return buf.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
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
 * Reads a CSV or the first sheet of an XLSX into records keyed by the header row, every cell in NFC.
 * A CSV may be UTF-8 (BOM or not), UTF-16 with a BOM, Windows-1258 or Windows-1252, separated by
 * `,` `;` or tab (text-decoding.ts); a row with more or fewer cells than the header is refused.
 * Refuses files over the import limit, empty files and binary files that are not xlsx.
 */
export async function readTable(buf: Buffer): Promise<Table> {
  if (buf.length === 0) throw new AppError('INVALID_FILE', 'Tệp rỗng: không có dữ liệu để nhập.');
  if (buf.length > Limits.importFileBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `Tệp quá lớn (${(buf.length / 1048576).toFixed(1)} MB); giới hạn là ${Limits.importFileBytes / 1048576} MB.`);
  const table = detectTableFormat(buf) === 'xlsx' ? await readXlsx(buf) : readCsv(buf);
  if (table.records.length > Limits.importRows)
    throw new AppError('PAYLOAD_TOO_LARGE', `Tệp có ${table.records.length} dòng; giới hạn là ${Limits.importRows} dòng.`);
  return table;
}

function readCsv(buf: Buffer): Table {
  const { text } = decodeText(buf);
  const delimiter = detectDelimiter(text);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof rows;
  } catch (e) {
    throw new AppError('INVALID_FILE', `Tệp CSV không đọc được: ${clip((e as Error).message, 200)}`);
  }
  if (rows.length === 0) throw new AppError('INVALID_FILE', 'Tệp rỗng: không có dòng tiêu đề.');
  for (const r of rows) assertRowFits(r.info.lines, r.record, rows[0].record);
  const headers = rows[0].record.map((h) => nfc(h.trim()));
  // A row of another width than the header would put its values under the wrong columns (a decimal
  // comma splits 0,75 into 0 and 75): every such row is refused, nothing is read.
  const issues: Issue[] = [];
  for (const r of rows.slice(1)) {
    if (r.record.length === headers.length || r.record.every((v) => v === '')) continue;
    const row = recordStartLine(r.info.lines, r.record);
    issues.push({ row, message: rowWidthMessage(row, r.record, headers.length, delimiter) });
  }
  if (issues.length)
    throw new AppError('VALIDATION', issues.length === 1 ? issues[0].message : `Tệp CSV có ${issues.length} dòng không đúng số ô của dòng tiêu đề; chưa lưu gì. ${issues[0].message}`, issues);
  return {
    headers,
    records: rows.slice(1).map((r) => ({ row: recordStartLine(r.info.lines, r.record), cells: Object.fromEntries(headers.map((h, i) => [h, nfc(r.record[i] ?? '')])) })),
  };
}

async function readXlsx(buf: Buffer): Promise<Table> {
  await assertSafeZip(buf, 'Tệp bảng tính (.xlsx)');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('INVALID_FILE', 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.');
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.actualRowCount === 0) throw new AppError('INVALID_FILE', 'Bảng tính không có dữ liệu.');
  // Refused before the rows are turned into records (readTable counts the records again).
  if (ws.actualRowCount > Limits.importRows + 1) throw new AppError('PAYLOAD_TOO_LARGE', `Bảng tính có ${ws.actualRowCount.toLocaleString('vi-VN')} dòng; giới hạn là ${Limits.importRows.toLocaleString('vi-VN')} dòng.`);
  let headerRow = 0;
  const headers: string[] = [];
  ws.eachRow((row, n) => {
    if (headerRow) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => nfc(cellText(v).trim()));
    assertRowFits(n, values);
    if (values.filter(Boolean).length >= 2) {
      headerRow = n;
      headers.push(...values);
    }
  });
  const records: TableRecord[] = [];
  ws.eachRow((row, n) => {
    if (n <= headerRow) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => nfc(cellText(v).trim()));
    assertRowFits(n, values, headers);
    if (values.every((v) => v === '')) return;
    records.push({ row: n, cells: Object.fromEntries(headers.map((h, i) => [h, values[i] ?? ''])) });
  });
  return { headers, records };
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
