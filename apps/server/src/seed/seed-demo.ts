import { AppError, RubricDocument } from '@parindex/contracts';
import { type Db, withMigrationLock } from '../db/database.ts';
import { announcements, cycles, externalIndexResults, rubricVersions, units, users } from '../db/schema.ts';
import { DemoRepository } from '../repositories/demo.repository.ts';
import { HistoryService } from '../services/history.service.ts';
import { repositories } from '../services/repositories.ts';
import { ResultsService } from '../services/results.service.ts';
import { demoHistoryCsv, demoInputs, demoProvince } from './demo-province.ts';
import { demoRemoved, recordOf, saveDemoRecord, snapshot } from './demo-record.ts';
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

/** What an installation already holds, by kind; all zero in an empty database. */
export interface HeldData {
  cycles: number;
  units: number;
  users: number;
  rubricVersions: number;
  externalIndexResults: number;
  announcements: number;
}

const HELD_LABELS: Record<keyof HeldData, string> = {
  cycles: 'kỳ đánh giá',
  units: 'đơn vị',
  users: 'tài khoản',
  rubricVersions: 'phiên bản bộ chỉ số',
  externalIndexResults: 'kết quả chỉ số quốc gia',
  announcements: 'thông báo',
};

/** Counts what the database holds of the kinds the demo seed writes (and accounts). */
export async function heldData(db: Db): Promise<HeldData> {
  const repo = new DemoRepository(db);
  const n = (table: typeof cycles | typeof units | typeof users | typeof rubricVersions | typeof externalIndexResults | typeof announcements) => repo.countRows(table);
  return {
    cycles: await n(cycles),
    units: await n(units),
    users: await n(users),
    rubricVersions: await n(rubricVersions),
    externalIndexResults: await n(externalIndexResults),
    announcements: await n(announcements),
  };
}

/** "3 kỳ đánh giá, 110 đơn vị, 10 tài khoản", or '' when nothing is held. */
export function heldText(held: HeldData): string {
  return (Object.keys(HELD_LABELS) as (keyof HeldData)[])
    .filter((k) => held[k] > 0)
    .map((k) => `${held[k]} ${HELD_LABELS[k]}`)
    .join(', ');
}

/**
 * Seeds the demo province when the database is empty (no cycle, unit, account, rubric, national
 * index result or announcement) and the demo was never removed from it (`parindex demo remove`),
 * else returns null. The check and the seed run in one transaction under the migration lock:
 * servers starting at once on one empty PostgreSQL database seed it once, the others wait and
 * find it seeded.
 */
export async function seedDemoIfEmpty(db: Db): Promise<SeedSummary | null> {
  return withMigrationLock(db, async (tx) => (heldText(await heldData(tx)) || (await demoRemoved(tx)) ? null : seedInto(tx)));
}

/** `parindex demo seed`: seeds the demo province into an empty database, or refuses (CONFLICT) naming what it holds. */
export async function seedDemo(db: Db): Promise<SeedSummary> {
  return withMigrationLock(db, async (tx) => {
    const held = heldText(await heldData(tx));
    if (held)
      throw new AppError(
        'CONFLICT',
        `Cơ sở dữ liệu đã có dữ liệu (${held}): dữ liệu minh họa chỉ được nạp vào cơ sở dữ liệu trống, để không bao giờ lẫn với dữ liệu thật. Hãy dùng một cơ sở dữ liệu mới (DATABASE_URL hoặc DATA_DIR khác).`,
      );
    return seedInto(tx);
  });
}

/**
 * Seeds the demo province "Tỉnh Sơn Hà (dữ liệu minh họa)" inside the caller's transaction:
 * the 2024 published results (pre-merger units) as a closed cycle, the 2025 rubric, units,
 * lineage and exclusions, every unit's 2025 raw inputs, and the 2025 results computed by the
 * engine and published; then records what it created (app_settings `demo`, demo-record.ts) for
 * `parindex demo remove`. A failed seed leaves the database as it was.
 */
async function seedInto(tx: Db): Promise<SeedSummary> {
  const before = await snapshot(tx);
  const summary = await seedProvince(tx);
  await saveDemoRecord(tx, recordOf(before, await snapshot(tx)));
  return summary;
}

async function seedProvince(tx: Db): Promise<SeedSummary> {
  const r = repositories(tx);
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
}
