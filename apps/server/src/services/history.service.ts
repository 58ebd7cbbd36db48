import { AppError, type ClassBand, type PeerGroup, type TiePolicy, type UnitKind } from '@parindex/contracts';
import { type CombinedGroup, toExact } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import { slugify } from '../io/slug.ts';
import { readResultsTable } from '../io/results-table.ts';
import { checkCombinedGroups } from './combined-groups.ts';
import { presentCycle } from './presenters.ts';
import { inTransaction } from './repositories.ts';


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
    const { parsed } = await readResultsTable(file, { published: true });
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
