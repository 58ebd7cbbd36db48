import { AppError, type ClassBand, type TiePolicy } from '@parindex/contracts';
import { type CombinedGroup, EngineError, computeFromTotals, summarizeCombined, toFixedHalfUp } from '@parindex/engine';
import { stringifyCsv } from '@parindex/server/io/csv-safe.ts';
import { readResultsTable } from '@parindex/server/io/results-table.ts';

export interface ComputeTableOptions {
  bands: ClassBand[];
  ties: TiePolicy;
  format: 'csv' | 'json';
  /** Extra summary lines over several groups (engine's parseCombineSpec). */
  combine: CombinedGroup[];
}

/**
 * The quick case: a table of group, unit, appraised_points, survey_points, max_points → the same
 * table with total_points, index_percent, classification, rank (within its group), then one line
 * per group with its mean index. All figures come from the engine; rows keep their input order.
 * CSV cells, the input's own included, are neutralised against formula injection (csv-safe.ts).
 */
export async function computeTable(file: Buffer, opts: ComputeTableOptions): Promise<string> {
  const { table, parsed } = await readResultsTable(file);
  if (!parsed.ok) throw new AppError('VALIDATION', `Bảng có ${parsed.issues.length} lỗi.`, parsed.issues);
  const { units, groups } = computeFromTotals(parsed.rows, { bands: opts.bands, ties: opts.ties });
  const byRow = new Map(units.map((u) => [u.unitId, u]));
  const summaries = [...groups].map(([group, s]) => ({ group, units: s.count, meanIndex: toFixedHalfUp(s.meanIndex) }));
  let combined: ReturnType<typeof summarizeCombined>;
  try {
    combined = summarizeCombined(units, opts.combine, opts.bands);
  } catch (e) {
    throw e instanceof EngineError ? new AppError('VALIDATION', e.message) : e;
  }
  for (const c of opts.combine) {
    const s = combined.get(c.code)!;
    summaries.push({ group: c.name, units: s.count, meanIndex: toFixedHalfUp(s.meanIndex) });
  }
  const rows = parsed.rows.map((r, i) => {
    const u = byRow.get(r.unitId)!;
    return { cells: table.records[i].cells, total: u.total.toFixed(), index: toFixedHalfUp(u.index), classification: u.classification, rank: u.rank };
  });
  if (opts.format === 'json')
    return JSON.stringify(
      {
        units: rows.map((r) => ({ ...r.cells, total_points: r.total, index_percent: r.index, classification: r.classification, rank: r.rank })),
        groups: summaries.map((s) => ({ group: s.group, units: s.units, mean_index_percent: s.meanIndex })),
      },
      null,
      2,
    ) + '\n';
  // Computed columns replace input columns of the same name (e.g. a published table's own index).
  const computed = ['total_points', 'index_percent', 'classification', 'rank'];
  const kept = table.headers.filter((h) => !computed.includes(h));
  const header = [...kept, ...computed];
  const body = rows.map((r) => [...kept.map((h) => r.cells[h]), r.total, r.index, r.classification, r.rank]);
  const groupLines = [['group', 'units', 'mean_index_percent'], ...summaries.map((s) => [s.group, s.units, s.meanIndex])];
  return stringifyCsv([header, ...body]) + '\n' + stringifyCsv(groupLines);
}
