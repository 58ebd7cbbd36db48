import type ExcelJS from 'exceljs';
import type { Issue } from '@parindex/contracts';
import { clip } from '../io/clip.ts';
import { TABLE_LIMITS, columnLetter } from '../io/table-limits.ts';

/** Text for matching headers and vocabulary: NFC, lower case, parenthesised hints dropped, spaces collapsed. */
export function norm(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text a person sees in a cell, whatever ExcelJS made of it (rich text, formula result, hyperlink…). */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.normalize('NFC');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('').normalize('NFC');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * Rubric and questionnaire sheets are read whole and their cells quoted in messages: a sheet with
 * more rows than such a document has (`maxRows`), a value beyond column TABLE_LIMITS.columns or a
 * cell longer than TABLE_LIMITS.cellChars is refused before it is read, naming sheet, row and column.
 */
export function sheetSizeIssue(ws: ExcelJS.Worksheet, maxRows: number): Issue | undefined {
  const sheet = `Trang '${clip(ws.name, 40)}'`;
  if (ws.actualRowCount > maxRows) {
    return { message: `${sheet} có ${ws.actualRowCount.toLocaleString('vi-VN')} dòng; giới hạn là ${maxRows.toLocaleString('vi-VN')} dòng.` };
  }
  let issue: Issue | undefined;
  ws.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      issue ??= cellSizeIssue(sheet, r, c, cell.value);
    });
  });
  return issue;
}

function cellSizeIssue(sheet: string, row: number, col: number, value: ExcelJS.CellValue): Issue | undefined {
  const field = columnLetter(col);
  const at = `${sheet}, dòng ${row}, cột ${field}`;
  if (col > TABLE_LIMITS.columns) return { row, field, message: `${at}: có dữ liệu ngoài ${TABLE_LIMITS.columns} cột đầu; giới hạn là ${TABLE_LIMITS.columns} cột.` };
  const length = cellText(value).length;
  if (length <= TABLE_LIMITS.cellChars) return undefined;
  return { row, field, message: `${at}: ô dài ${length.toLocaleString('vi-VN')} ký tự; giới hạn là ${TABLE_LIMITS.cellChars.toLocaleString('vi-VN')} ký tự.` };
}

/** The value behind a formula, so a computed number still counts as a number. */
function plain(value: ExcelJS.CellValue | undefined): ExcelJS.CellValue | undefined {
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    return plain(value.result as ExcelJS.CellValue);
  }
  return value;
}

export type DecimalCell =
  | { kind: 'empty' }
  | { kind: 'ok'; value: string }
  | { kind: 'bad'; message: string };

/** Vietnamese decimal: comma separator, digits kept ("0.25" → "0,25"). */
export const viDecimal = (d: string) => d.replace('.', ',');

/**
 * A number cell as an exact decimal string with a dot. Accepts real numbers and text with a
 * comma or dot decimal ("0,25", "0.25"); at most `decimals` decimals. The message says what is
 * wrong, without the row (the caller names it).
 */
export function readDecimalCell(raw: ExcelJS.CellValue | undefined, decimals = 3): DecimalCell {
  const value = plain(raw);
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'bad', message: `'${value}' không phải là số` };
    // The shortest text that reads back as the same double: exact for any figure typed with ≤ 3 decimals.
    text = String(value);
    if (/e/i.test(text)) text = value.toFixed(20).replace(/\.?0+$/, '');
  } else {
    text = cellText(value).trim();
    if (text === '') return { kind: 'empty' };
    if (!/^-?\d+([.,]\d+)?$/.test(text.replace(/\s/g, ''))) return { kind: 'bad', message: `'${clip(text, 40)}' không phải là số` };
    text = text.replace(/\s/g, '').replace(',', '.');
  }
  const frac = text.split('.')[1] ?? '';
  if (frac.length > decimals) {
    return { kind: 'bad', message: `'${clip(viDecimal(text), 40)}' có quá ${decimals} chữ số thập phân (tối đa ${decimals})` };
  }
  if (!/^-?\d{1,7}(\.\d+)?$/.test(text)) return { kind: 'bad', message: `'${clip(viDecimal(text), 40)}' quá lớn` };
  return { kind: 'ok', value: text };
}

/**
 * Writes an exact decimal as a real number with a display format that shows only the decimals it
 * has ("0" or "0.###"), so Excel on a vi-VN machine shows "0,25" and an integer shows no separator.
 */
export function writeDecimal(cell: ExcelJS.Cell, decimal: string): void {
  cell.value = Number(decimal);
  cell.numFmt = decimal.includes('.') ? '0.###' : '0';
}

/** I, II, III, IV … as annexes number their fields. */
export function toRoman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** STT as annexes write it: I, II for fields; 1, 2 for criteria; a, b for sub-criteria; "-" deeper. */
export function sttFor(depth: number, index: number): string {
  if (depth === 1) return toRoman(index + 1);
  if (depth === 2) return String(index + 1);
  if (depth === 3) return index < 26 ? String.fromCharCode(97 + index) : String(index + 1);
  return '-';
}

/** A vocabulary of cell words for an enum; the first word of each entry is the one written. */
export type Vocabulary<T extends string> = Record<T, readonly string[]>;

/** The enum value a cell's word stands for (case, spacing and hints in parentheses ignored; the raw code also accepted). */
export function lookup<T extends string>(vocab: Vocabulary<T>, text: string): T | undefined {
  const n = norm(text);
  for (const [key, words] of Object.entries(vocab) as [T, readonly string[]][]) {
    if (n === key.toLowerCase() || words.some((w) => norm(w) === n)) return key;
  }
  return undefined;
}

/** The list of accepted words, for a message: "'Tự đánh giá' hoặc 'Điều tra XHH'". */
export function choices<T extends string>(vocab: Vocabulary<T>): string {
  return Object.values<readonly string[]>(vocab).map((w) => `'${w[0]}'`).join(' hoặc ');
}

export const SOURCE_WORDS: Vocabulary<'appraised' | 'survey'> = {
  appraised: ['Tự đánh giá', 'Tự đánh giá, thẩm định', 'Thẩm định', 'TĐG'],
  survey: ['Điều tra XHH', 'Điều tra xã hội học', 'XHH'],
};

export const EFFECT_WORDS: Vocabulary<'score' | 'bonus' | 'deduction'> = {
  score: ['Điểm', 'Điểm thường', 'Cộng'],
  bonus: ['Thưởng', 'Điểm thưởng'],
  deduction: ['Trừ', 'Điểm trừ'],
};

export const YES_NO_WORDS: Vocabulary<'yes' | 'no'> = {
  yes: ['Có', 'x', 'TRUE', 'Bắt buộc'],
  no: ['Không', 'FALSE', 'Không bắt buộc'],
};

/** A row with no text in any cell. */
export const isBlankRow = (row: ExcelJS.Row) => row.values === undefined || (row.values as unknown[]).every((v) => cellText(v as ExcelJS.CellValue).trim() === '');

/**
 * The header row among the first `searchRows` rows: the first where at least `minKnown` cells are
 * known column names (compared by `norm`); each column key maps to its first cell.
 */
export function findHeaderRow<K>(ws: ExcelJS.Worksheet, columns: readonly { key: K; names: readonly string[] }[], { minKnown, searchRows }: { minKnown: number; searchRows: number }): { row: number; colOf: Map<K, number> } | undefined {
  for (let r = 1; r <= Math.min(ws.rowCount, searchRows); r++) {
    const colOf = new Map<K, number>();
    ws.getRow(r).eachCell((cell, col) => {
      const n = norm(cellText(cell.value));
      const c = columns.find((x) => x.names.some((h) => norm(h) === n));
      if (c && !colOf.has(c.key)) colOf.set(c.key, col);
    });
    if (colOf.size >= minKnown) return { row: r, colOf };
  }
  return undefined;
}

const thin = { style: 'thin' as const };
/** A thin border on all four sides: the cells of the annex tables. */
export const CELL_BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** Writes a table's header row: bold, centred, wrapped, shaded and bordered, one cell per header. */
export function writeHeaderRow(row: ExcelJS.Row, headers: readonly string[]): void {
  headers.forEach((text, i) => {
    const cell = row.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = CELL_BORDER;
  });
}
