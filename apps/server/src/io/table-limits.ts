/** The size limits on a table's rows, shared by every table reader (table-rows.ts) and the rubric and questionnaire sheets. */
import { AppError } from '@parindex/contracts';
import { clip } from './clip.ts';

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

