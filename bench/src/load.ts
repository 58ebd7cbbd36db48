/** Loads the workload through the server's repositories, as the application would. */
import type { Db } from '@parindex/server/db/database.ts';
import { repositories } from '@parindex/server/services/repositories.ts';
import type { Workload } from './workload.ts';

export interface Loaded {
  rubricVersionId: string;
  /** Cycle id per province, in province order. */
  cycleIds: string[];
  unitIdByCode: Map<string, string>;
}

export async function loadWorkload(db: Db, w: Workload): Promise<Loaded> {
  const repos = repositories(db);
  const allUnits = w.provinces.flatMap((p) => p.units);
  const saved = await repos.units.upsertByCode(allUnits.map((u) => ({ code: u.code, name: u.name, kind: u.kind })));
  const unitIdByCode = new Map(saved.map((u) => [u.code, u.id]));
  const version = await repos.rubrics.insertVersion(w.rubric);
  const cycleIds: string[] = [];
  for (const p of w.provinces) {
    const cycle = await repos.cycles.create({ year: w.rubric.year, name: `Chỉ số CCHC ${w.rubric.year} — ${p.name}`, source: 'assessed', rubricVersionId: version.id });
    await repos.cycles.setCycleUnits(cycle.id, p.units.map((u) => ({ unitId: unitIdByCode.get(u.code)!, peerGroup: u.group })));
    await repos.scores.upsertLeafScores(
      cycle.id,
      p.scores.map((s) => ({ unitId: unitIdByCode.get(s.unitCode)!, leafCode: s.leafCode, inputs: s.inputs, points: null })),
    );
    cycleIds.push(cycle.id);
  }
  return { rubricVersionId: version.id, cycleIds, unitIdByCode };
}
