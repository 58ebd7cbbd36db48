/** Loads the workload through the server's repositories, as the application would. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Db, openDatabase } from '@parindex/server/db/database.ts';
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
  const allUnits = Array.from({ length: w.provinceCount }, (_, p) => w.unitsOf(p)).flat();
  const saved = await repos.units.upsertByCode(allUnits.map((u) => ({ code: u.code, name: u.name, kind: u.kind })));
  const unitIdByCode = new Map(saved.map((u) => [u.code, u.id]));
  const version = await repos.rubrics.insertVersion(w.rubric);
  const cycleIds: string[] = [];
  for (const p of w.provinces()) {
    const cycle = await repos.cycles.create({ year: w.rubric.year, name: `Chỉ số CCHC ${w.rubric.year} — ${p.name}`, source: 'assessed', rubricVersionId: version.id });
    await repos.cycles.setCycleUnits(cycle.id, p.units.map((u) => ({ unitId: unitIdByCode.get(u.code)!, peerGroup: u.group })));
    await repos.cycles.setExclusions(cycle.id, p.exclusions.map((e) => ({ unitId: unitIdByCode.get(e.unitCode)!, nodeCode: e.nodeCode, basis: e.basis })));
    await repos.scores.upsertLeafScores(
      cycle.id,
      p.scores.map((s) => ({ unitId: unitIdByCode.get(s.unitCode)!, leafCode: s.leafCode, inputs: s.inputs, points: null })),
    );
    cycleIds.push(cycle.id);
  }
  return { rubricVersionId: version.id, cycleIds, unitIdByCode };
}

/**
 * Creates an embedded database folder (PGlite's initdb, then the migrations) in a child process,
 * as a first start of the server would, and returns that process's peak RSS in MB. The bench then
 * opens the existing folder, as every later start of a server does: a new folder's initdb runs
 * in a second wasm instance whose memory (~400 MB) would otherwise stay in the measuring process
 * until V8 happens to collect it.
 */
export async function initEmbeddedFolder(dataDir: string): Promise<number> {
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, self, INIT_FLAG, dataDir]);
  return Number(JSON.parse(stdout.trim().split('\n').at(-1)!).maxRssMb);
}

const INIT_FLAG = '--init-embedded-folder';

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === INIT_FLAG) {
  const db = await openDatabase({ dataDir: process.argv[3] });
  await db.close();
  console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}
