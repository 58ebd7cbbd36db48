/**
 * Which leaves of which unit an appraiser is assigned to (phân công thẩm định), and which of them
 * still have no proposal. Assignments are per field, criterion or leaf across units; a unit's leaf
 * counts as assigned only when an appraiser who does not work in that unit covers it — the
 * conflict-of-interest rule keeps the others out of the unit's queue, so they could never propose.
 */
import { type IndexedLeaf, type RubricIndex, applicableLeaves } from '@parindex/engine';
import type { Db } from '../../db/database.ts';
import { LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { WorkflowRepository } from '../../repositories/workflow.repository.ts';
import { repositories } from '../repositories.ts';

export interface AssignedLeaf {
  unitId: string;
  unitName: string;
  leaf: IndexedLeaf;
}

/** Whether some active appraiser account of another unit covers this unit's leaf. */
export async function assignmentCover(db: Db, cycleId: string): Promise<(unitId: string, leaf: IndexedLeaf) => boolean> {
  const rows = await new WorkflowRepository(db).listActiveAssignments(cycleId);
  // An account without a unit cannot appraise at all (the conflict of interest could not be checked).
  return (unitId, leaf) => leaf.source === 'appraised' && rows.some((a) => a.unitId !== null && a.unitId !== unitId && (a.nodeCode === leaf.code || leaf.ancestors.includes(a.nodeCode)));
}

/** The assigned leaves without a proposal, of one unit or of every unit of the cycle, in rubric order. */
export async function unproposedAssigned(db: Db, cycleId: string, rubric: RubricIndex, unitId?: string): Promise<AssignedLeaf[]> {
  const repos = repositories(db);
  const covers = await assignmentCover(db, cycleId);
  const units = (await repos.cycles.listCycleUnits(cycleId)).filter((u) => !unitId || u.unitId === unitId);
  const excl = await repos.cycles.listExclusions(cycleId, unitId);
  const proposed = new Set((await new LeafStagesRepository(db).listProposed(cycleId, unitId)).map((r) => `${r.unitId}|${r.leafCode}`));
  const out: AssignedLeaf[] = [];
  for (const u of units) {
    const leaves = applicableLeaves(rubric, u.peerGroup, excl.filter((e) => e.unitId === u.unitId).map((e) => e.nodeCode));
    for (const leaf of leaves) if (covers(u.unitId, leaf) && !proposed.has(`${u.unitId}|${leaf.code}`)) out.push({ unitId: u.unitId, unitName: u.name, leaf });
  }
  return out;
}
