/**
 * What the appraisal council (Hội đồng thẩm định) decides: the disputed items — the unit explained
 * against a proposal that differs from its own score — and, once appraisal is over (its deadline
 * passed or the cycle moved on), every leaf an appraiser was assigned to that still has no
 * proposal ("chưa có đề xuất thẩm định"): the council gives those points too, rather than the
 * unit's own score standing unexamined. Approval is refused while any item is undecided.
 */
import type { CouncilItem } from '@parindex/contracts';
import { type IndexedLeaf, type RubricIndex, dec } from '@parindex/engine';
import type { Db } from '../../db/database.ts';
import type { Cycle } from '../../repositories/cycle.repository.ts';
import { type LeafScoreRow, LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { repositories } from '../repositories.ts';
import { unproposedAssigned } from './appraisal-coverage.ts';
import { leafCaseOf } from './leaf-case.ts';
import { appraisalOver } from './stage-rules.ts';

/** A leaf before the council (packages/contracts, workflow.ts). */
export type { CouncilItem };

type Row = LeafScoreRow;

/** A row explained against a proposal that differs from the unit's own score. */
export const isDisputed = (r: Pick<Row, 'response' | 'proposedPoints' | 'selfPoints'> | undefined): boolean =>
  r?.response === 'explained' && r.proposedPoints !== null && (r.selfPoints === null || !dec(r.selfPoints).equals(r.proposedPoints));

export async function listCouncilItems(db: Db, cycle: Cycle, rubric: RubricIndex): Promise<CouncilItem[]> {
  const units = new Map((await repositories(db).cycles.listCycleUnits(cycle.id)).map((u) => [u.unitId, u]));
  const rows = await new LeafStagesRepository(db).listRows(cycle.id);
  const byKey = new Map(rows.map((r) => [`${r.unitId}|${r.leafCode}`, r]));
  const item = (kind: CouncilItem['kind'], unitId: string, leaf: IndexedLeaf, r: Row | undefined): CouncilItem => ({
    kind,
    unitId,
    unitName: units.get(unitId)?.name ?? unitId,
    ...leafCaseOf(leaf, r, rubric.doc.settings),
    councilPoints: r?.councilPoints ?? null,
    councilReason: r?.councilReason ?? null,
  });
  const out: CouncilItem[] = [];
  for (const r of rows) {
    const leaf = rubric.leafByCode.get(r.leafCode);
    if (leaf && isDisputed(r)) out.push(item('disputed', r.unitId, leaf, r));
  }
  if (appraisalOver(cycle))
    for (const u of await unproposedAssigned(db, cycle.id, rubric)) out.push(item('unproposed', u.unitId, u.leaf, byKey.get(`${u.unitId}|${u.leaf.code}`)));
  const collator = new Intl.Collator('vi');
  return out.sort((a, b) => collator.compare(a.unitName, b.unitName) || a.leafCode.localeCompare(b.leafCode, undefined, { numeric: true }));
}
