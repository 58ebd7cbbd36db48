/**
 * A published results table (CSV/XLSX: group, unit, appraised and survey points, maximum, and
 * optionally the published index, class and order) read into the engine's rows, with each problem
 * named by its row. Used by the history import and by `parindex compute-table`.
 */
import { type ParsedResultsRow, parseResultsTable } from '@parindex/engine';
import type { Issue } from '@parindex/contracts';
import { type Table, mapColumns, readTable } from './table-reader.ts';

/** Column names accepted in a published results table: the English ones and those of Vietnamese tables. */
export const RESULTS_COLUMNS = {
  group: ['group', 'Nhóm', 'nhom'],
  unit: ['unit', 'Đơn vị', 'Tên đơn vị', 'unit_name'],
  unitCode: ['unit_code', 'Mã đơn vị', 'code'],
  appraised: ['appraised_points', 'Điểm thẩm định', 'appraised'],
  survey: ['survey_points', 'Điểm điều tra XHH', 'Điểm điều tra xã hội học', 'survey'],
  max: ['max_points', 'Điểm tối đa', 'Thang điểm', 'max'],
  publishedIndex: ['index_percent', 'Chỉ số (%)', 'Chỉ số', 'index'],
  publishedClass: ['classification', 'Xếp loại', 'class'],
  publishedOrder: ['order', 'Thứ tự', 'STT'],
};

/** Reads the table (returned too, for its cells) and parses it; `published`: also the published index, class and order columns (the history import checks them). */
export async function readResultsTable(file: Buffer, { published = false } = {}): Promise<{ table: Table; parsed: { ok: true; rows: ParsedResultsRow[] } | { ok: false; issues: Issue[] } }> {
  const table = await readTable(file);
  const cols = mapColumns(table, RESULTS_COLUMNS, ['group', 'unit', 'appraised', 'max']);
  const parsed = parseResultsTable(
    table.records.map((rec) => ({
      row: rec.row,
      group: cols.get(rec, 'group'),
      unit: cols.get(rec, 'unit'),
      unitCode: cols.get(rec, 'unitCode'),
      appraised: cols.get(rec, 'appraised'),
      survey: cols.get(rec, 'survey'),
      max: cols.get(rec, 'max'),
      ...(published ? { publishedIndex: cols.get(rec, 'publishedIndex'), publishedClass: cols.get(rec, 'publishedClass'), publishedOrder: cols.get(rec, 'publishedOrder') } : {}),
    })),
  );
  return { table, parsed };
}
