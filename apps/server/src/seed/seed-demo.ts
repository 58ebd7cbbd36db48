import { RubricDocument } from '@parindex/contracts';
import type { Db } from '../db/database.ts';
import { HistoryService } from '../services/history.service.ts';
import { inTransaction, repositories } from '../services/repositories.ts';
import { ResultsService } from '../services/results.service.ts';
import { demoHistoryCsv, demoInputs, demoProvince } from './demo-province.ts';
import { demoRubric } from './demo-rubric.ts';
import { seedSurveysDemo } from './seed-surveys.ts';
import { DEMO_UNIT_CODE, seedWorkflow } from './seed-workflow.ts';

export interface SeedSummary {
  province: string;
  cycles: number;
  units2024: number;
  units2025: number;
  leafScores: number;
  accounts: number;
}

/**
 * Seeds the demo province "Tỉnh Sơn Hà (dữ liệu minh họa)" when the database has no cycle yet:
 * the 2024 published results (pre-merger units) as a closed cycle, the 2025 rubric, units,
 * lineage and exclusions, every unit's 2025 raw inputs, and the 2025 results computed by the
 * engine and published. All in one transaction: a failed seed leaves an empty database.
 */
export async function seedDemoIfEmpty(db: Db): Promise<SeedSummary | null> {
  if ((await repositories(db).cycles.list()).length > 0) return null;
  return inTransaction(db, async (r, tx) => {
    const rubric = RubricDocument.parse(demoRubric());
    const province = demoProvince();
    await r.units.upsertByCode(province.units2024.map(({ code, name, kind }) => ({ code, name, kind })));
    const results = new ResultsService(tx);
    const history = await new HistoryService(tx).importResults(demoHistoryCsv(province.units2024), {
      year: 2024,
      name: 'Chỉ số CCHC năm 2024 của tỉnh Sơn Hà (dữ liệu minh họa)',
      bands: rubric.settings.bands,
      ties: rubric.settings.ties,
      groupNames: Object.fromEntries(rubric.peerGroups.map((g) => [g.code, g.name])),
    });
    await results.compute(history.cycle.id);

    const saved = await r.units.upsertByCode(province.units2025.map(({ code, name, kind }) => ({ code, name, kind })));
    const idOf = new Map((await r.units.listAll()).map((u) => [u.code, u.id]));
    await r.units.addLineage(
      province.lineage.map((l) => ({ predecessorId: idOf.get(l.predecessor)!, successorId: idOf.get(l.successor)!, weight: l.weight, effectiveDate: l.effectiveDate })),
    );
    const version = await r.rubrics.insertVersion(rubric);
    const cycle = await r.cycles.create({
      year: 2025,
      name: 'Chỉ số CCHC năm 2025 của tỉnh Sơn Hà (dữ liệu minh họa)',
      source: 'assessed',
      status: 'published',
      rubricVersionId: version.id,
    });
    await r.cycles.setCycleUnits(cycle.id, province.units2025.map((u) => ({ unitId: idOf.get(u.code)!, peerGroup: u.peerGroup })));
    await r.cycles.setExclusions(cycle.id, province.exclusions.map((e) => ({ unitId: idOf.get(e.unitCode)!, nodeCode: e.nodeCode, basis: e.basis })));
    const inputs = demoInputs(rubric, province.units2025, province.exclusions);
    await r.scores.upsertLeafScores(cycle.id, inputs.map((s) => ({ unitId: idOf.get(s.unitCode)!, leafCode: s.leafCode, inputs: s.inputs, points: null })));
    await results.compute(cycle.id);
    const workflow = await seedWorkflow(tx, rubric, province, cycle.id);
    await seedSurveysDemo(tx, workflow.cycle2026, 2026, DEMO_UNIT_CODE);
    const units2024 = province.units2024;
    return { province: 'Tỉnh Sơn Hà (dữ liệu minh họa)', cycles: 3, units2024: units2024.length, units2025: saved.length, leafScores: inputs.length, accounts: workflow.users };
  });
}
