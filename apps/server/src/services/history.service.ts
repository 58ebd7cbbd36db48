import { AppError, type ClassBand, type PeerGroup, type TiePolicy, type UnitKind } from '@parindex/contracts';
import { type CombinedGroup, parseResultsTable, toExact } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import { slugify } from '../io/slug.ts';
import { mapColumns, readTable } from '../io/table-reader.ts';
import { checkCombinedGroups } from './combined-groups.ts';
import { presentCycle } from './presenters.ts';
import { inTransaction } from './repositories.ts';

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

/** Default names of the usual peer groups (a table names groups by code). */
const GROUP_NAMES: Record<string, string> = {
  departments: 'Sở, ban, ngành',
  special_departments: 'Cơ quan đặc thù (thang điểm rút gọn)',
  districts: 'UBND cấp huyện',
  communes: 'UBND cấp xã',
};

function kindOfGroup(group: string): UnitKind {
  if (/district|huyen|huyện/i.test(group)) return 'district';
  if (/commune|xa|xã|phuong|phường/i.test(group)) return 'commune';
  if (/special|dac.thu|đặc thù/i.test(group)) return 'special_department';
  return 'department';
}

export interface ImportResultsOptions {
  year: number;
  name?: string;
  bands: ClassBand[];
  ties: TiePolicy;
  groupNames?: Record<string, string>;
  /** Lines over several groups stored with the cycle, e.g. "Khối sở, ban, ngành" = departments + special_departments. */
  combinedGroups?: CombinedGroup[];
}

/** Imports a published results table (CSV/XLSX) as a closed cycle, the baseline for next year's changes. */
export class HistoryService {
  constructor(private readonly db: Db) {}

  async importResults(file: Buffer, opts: ImportResultsOptions) {
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
        publishedIndex: cols.get(rec, 'publishedIndex'),
        publishedClass: cols.get(rec, 'publishedClass'),
        publishedOrder: cols.get(rec, 'publishedOrder'),
      })),
    );
    if (!parsed.ok) throw new AppError('VALIDATION', `Bảng kết quả có ${parsed.issues.length} lỗi; chưa nhập gì.`, parsed.issues);
    const groups = [...new Set(parsed.rows.map((r) => r.group))];
    const peerGroups: PeerGroup[] = groups.map((code) => ({ code, name: opts.groupNames?.[code] ?? GROUP_NAMES[code] ?? code }));
    if (opts.combinedGroups) checkCombinedGroups(opts.combinedGroups, peerGroups, opts.year);
    return inTransaction(this.db, async (r) => {
      const units = await r.units.upsertByCode(
        parsed.rows.map((row) => ({ code: row.unitCode ?? slugify(row.name), name: row.name, kind: kindOfGroup(row.group) })),
      );
      const idByCode = new Map(units.map((u) => [u.code, u.id]));
      const unitId = (row: (typeof parsed.rows)[number]) => idByCode.get(row.unitCode ?? slugify(row.name))!;
      const cycle = await r.cycles.create({
        year: opts.year,
        name: opts.name ?? `Chỉ số CCHC năm ${opts.year} (kết quả đã công bố)`,
        source: 'imported',
        status: 'closed',
        settings: { bands: opts.bands, ties: opts.ties, peerGroups, ...(opts.combinedGroups?.length && { combinedGroups: opts.combinedGroups }) },
      });
      await r.cycles.setCycleUnits(cycle.id, parsed.rows.map((row) => ({ unitId: unitId(row), peerGroup: row.group })));
      await r.importedTotals.replace(
        cycle.id,
        parsed.rows.map((row) => ({
          unitId: unitId(row),
          appraised: toExact(row.appraised),
          survey: toExact(row.survey),
          maxPoints: toExact(row.max),
          publishedIndex: row.publishedIndex ? toExact(row.publishedIndex) : null,
          publishedClass: row.publishedClass ?? null,
          publishedOrder: row.publishedOrder ?? null,
        })),
      );
      return { cycle: presentCycle(await r.cycles.getById(cycle.id)), units: parsed.rows.length, groups: peerGroups };
    });
  }
}
