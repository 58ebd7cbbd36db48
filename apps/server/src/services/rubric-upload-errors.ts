/**
 * The errors of an uploaded rubric file as the upload page lists them: one row per problem with
 * the sheet, row and column it is in and the message alone. The readers (rubric-io) write each
 * problem as an Issue whose message already names its place ("Dòng 7, cột Điểm tối đa: …",
 * "Trang 'Thông tin', dòng 4 (Năm): …"); this takes the place back out of the message so the
 * table does not say it twice. A JSON file has no sheet: its row is the line, its column the path.
 */
import type { Issue } from '@parindex/contracts';
import { CRITERIA_SHEET } from '../rubric-io/criteria-sheet.ts';

export interface RubricFileError {
  /** The workbook's sheet; null for a JSON file or a problem with the whole file. */
  sheet: string | null;
  /** 1-based row of the sheet (line of a JSON file). */
  row: number | null;
  /** The column as the sheet heads it (a JSON file: the path, e.g. fields[0].children[1].max). */
  column: string | null;
  message: string;
}

const CELL = /^Dòng (\d+), cột ([^:]+): ([\s\S]*)$/;
const ROW = /^Dòng (\d+): ([\s\S]*)$/;
const INFO = /^Trang '([^']+)'(?:, dòng (\d+))?(?: \(([^)]+)\))?: ([\s\S]*)$/;
const SHEET = /^Trang '([^']+)'/;

const upper = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Locates each issue of a rubric file read as `format`. */
export function locateRubricErrors(issues: readonly Issue[], format: 'xlsx' | 'json'): RubricFileError[] {
  return issues.map((i) => {
    if (format === 'json') {
      const path = i.field ? new RegExp(`^${i.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `) : null;
      return { sheet: null, row: i.row ?? null, column: i.field ?? null, message: path ? upper(i.message.replace(path, '')) : i.message };
    }
    const cell = CELL.exec(i.message);
    if (cell) return { sheet: CRITERIA_SHEET, row: Number(cell[1]), column: cell[2], message: upper(cell[3]) };
    const row = ROW.exec(i.message);
    if (row) return { sheet: CRITERIA_SHEET, row: Number(row[1]), column: i.field ?? null, message: upper(row[2]) };
    const info = INFO.exec(i.message);
    if (info) return { sheet: info[1], row: info[2] ? Number(info[2]) : (i.row ?? null), column: info[3] ?? i.field ?? null, message: upper(info[4]) };
    const sheet = SHEET.exec(i.message)?.[1] ?? (i.row !== undefined ? CRITERIA_SHEET : null);
    return { sheet, row: i.row ?? null, column: i.field ?? null, message: i.message };
  });
}
