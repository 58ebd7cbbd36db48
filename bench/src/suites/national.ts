/**
 * The national compute: 34 provinces × 130 units × 120 leaves (≈ 530,000 leaf scores; BENCH_SCALE
 * scales the provinces), loaded through the repositories and computed with ResultsService on
 * PostgreSQL and on the embedded PGlite; one score changed and brought up to date with
 * ResultsService.recomputeUnit; then the like-for-like SQL baseline (baseline.ts) on PostgreSQL,
 * checked row by row against the engine's results. Peak RSS is measured over each national compute.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import pg from 'pg';
import { openDatabase, type Database } from '@parindex/server/db/database.ts';
import { repositories } from '@parindex/server/services/repositories.ts';
import { ResultsService } from '@parindex/server/services/results.service.ts';
import { compareWithEngine, prepareBaseline, runBaselineCycle, writeEvaluatedPoints } from '../baseline.ts';
import { scaled, throwawayPostgres } from '../config.ts';
import { initEmbeddedFolder, loadWorkload, type Loaded } from '../load.ts';
import { RssSampler, log, median, timed } from '../measure.ts';
import type { AddMetric, SuiteContext } from '../suites.ts';
import { FULL_PROVINCES, generateWorkload, type Workload } from '../workload.ts';

const REPEATS = 5;
const BASELINE_REPEATS = 3;

/**
 * Computes every province cycle in turn; returns seconds, this process's CPU seconds (with PGlite,
 * the database's too; with PostgreSQL, not the server's) and the peak RSS seen.
 */
async function computeNational(db: Database, loaded: Loaded, expectUnits: number): Promise<{ s: number; cpuS: number; peakMb: number }> {
  const service = new ResultsService(db.db);
  const rss = new RssSampler();
  const cpu = process.cpuUsage();
  rss.start(50);
  const { ms } = await timed(async () => {
    for (const id of loaded.cycleIds) {
      const summary = await service.compute(id);
      rss.sample();
      if (summary.units !== expectUnits) throw new Error(`cycle ${id}: ${summary.units} units computed, expected ${expectUnits}`);
      // Let the event loop turn between provinces, as a server's would (timers, finalizers).
      await setImmediate();
    }
  });
  const used = process.cpuUsage(cpu);
  return { s: ms / 1000, cpuS: (used.user + used.system) / 1e6, peakMb: rss.stop() };
}

/** One manual leaf score of the first unit of the first province: changed, recomputed, restored. */
function oneScoreChange(w: Workload, loaded: Loaded) {
  const cycleId = loaded.cycleIds[0];
  const score = w.province(0).scores.find((s) => s.inputs.points !== undefined && s.leafCode.startsWith('1.'))!;
  const unitId = loaded.unitIdByCode.get(score.unitCode)!;
  const original = score.inputs;
  return {
    cycleId,
    unitId,
    leafCode: score.leafCode,
    /** Puts the generated score back and brings the results up to date again. */
    async restore(db: Database, service: ResultsService) {
      await repositories(db.db).scores.upsertLeafScores(cycleId, [{ unitId, leafCode: score.leafCode, inputs: original, points: null }]);
      const r = await service.recomputeUnit(cycleId, unitId);
      if (r.mode !== 'incremental') throw new Error(`restoring the changed score recomputed the whole cycle (${r.reason})`);
    },
  };
}

/**
 * Median ms of REPEATS changes of that one score: the upsert, then ResultsService.recomputeUnit
 * (only the unit's row, the ranks that moved and the group summary are written) — or, with
 * 'full', a compute of the whole province. After the incremental runs, checks that the stored
 * results are exactly those of a full compute.
 */
async function recomputeOneScore(db: Database, service: ResultsService, c: ReturnType<typeof oneScoreChange>, mode: 'incremental' | 'full' = 'incremental'): Promise<number> {
  const repos = repositories(db.db);
  const ms: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const inputs = { points: `0.${(i + 1) * 10}` };
    const t = await timed(async () => {
      await repos.scores.upsertLeafScores(c.cycleId, [{ unitId: c.unitId, leafCode: c.leafCode, inputs, points: null }]);
      if (mode === 'full') return service.compute(c.cycleId);
      const r = await service.recomputeUnit(c.cycleId, c.unitId);
      if (r.mode !== 'incremental') throw new Error(`recomputeUnit computed the whole cycle (${r.reason})`);
      return r;
    });
    ms.push(t.ms);
  }
  if (mode === 'incremental') {
    const incremental = await storedResults(db, c.cycleId);
    await service.compute(c.cycleId);
    const full = await storedResults(db, c.cycleId);
    if (incremental !== full) throw new Error('the results stored by recomputeUnit differ from a full compute');
    log(`recomputeUnit (${db.kind}): stored results equal a full compute of the province`);
  }
  return median(ms);
}

/** Every stored result of a cycle (unit rows with their components, group summaries), as text. */
async function storedResults(db: Database, cycleId: string): Promise<string> {
  const { results } = repositories(db.db);
  return JSON.stringify({ units: await results.listUnitResults(cycleId), groups: await results.listGroupResults(cycleId) });
}

/**
 * The SQL baseline: BASELINE_REPEATS national passes (each province in its own transaction), median;
 * then every row it wrote is checked against the engine's. Any difference fails the run, listed.
 */
async function sqlBaseline(add: AddMetric, url: string, w: Workload, loaded: Loaded, engineSeconds: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Stored points take precedence over inputs in the engine: written only after its measurements.
    await writeEvaluatedPoints(client, w, loaded);
    await prepareBaseline(client);
    const passes: number[] = [];
    for (let i = 0; i < BASELINE_REPEATS; i++) {
      let units = 0;
      const { ms } = await timed(async () => {
        for (const id of loaded.cycleIds) units += (await runBaselineCycle(client, id)).units;
      });
      if (units !== loaded.cycleIds.length * w.unitsOf(0).length) throw new Error(`SQL baseline wrote ${units} unit rows, expected ${loaded.cycleIds.length * w.unitsOf(0).length}`);
      passes.push(ms);
    }
    const seconds = median(passes) / 1000;
    add('compute.national.sql_baseline_s', seconds, 's');
    const check = await compareWithEngine(client);
    if (check.mismatches.length) {
      for (const m of check.mismatches.slice(0, 20)) console.error(`  SQL ≠ engine: cycle ${m.cycleId}, ${m.key}: ${m.fields.join(', ')}`);
      throw new Error(`Đường cơ sở SQL khác kết quả của engine ở ${check.mismatches.length} dòng (liệt kê ở trên, tối đa 20): tỷ lệ engine/SQL không có nghĩa.`);
    }
    log(`SQL baseline: ${check.units} unit rows and ${check.groups} group rows equal the engine's (every column)`);
    add('compute.national.engine_to_sql_ratio', engineSeconds / seconds, 'x');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function benchPostgres(ctx: SuiteContext, w: Workload): Promise<void> {
  const { add } = ctx;
  const pgdb = await throwawayPostgres();
  ctx.uses('postgresql');
  const db = pgdb.database;
  try {
    const load = await timed(() => loadWorkload(db.db, w));
    const loaded = load.result;
    add('load.national.postgres_s', load.ms / 1000, 's');

    const national = await computeNational(db, loaded, w.unitsOf(0).length);
    add('compute.national.postgres_s', national.s, 's');
    add('compute.national.postgres_cpu_s', national.cpuS, 's');
    add('compute.national.peak_rss_mb', national.peakMb, 'MB');

    const service = new ResultsService(db.db);
    const province = loaded.cycleIds[0];
    const one: number[] = [];
    for (let i = 0; i < REPEATS; i++) one.push((await timed(() => service.compute(province))).ms);
    add('compute.province.postgres_ms', median(one), 'ms');

    const change = oneScoreChange(w, loaded);
    add('recompute.one_score_ms', await recomputeOneScore(db, service, change), 'ms');
    // The same change followed by a full compute of the province, for comparison.
    add('recompute.one_score_full_ms', await recomputeOneScore(db, service, change, 'full'), 'ms');
    await change.restore(db, service);

    await sqlBaseline(add, pgdb.url, w, loaded, national.s);
  } finally {
    await pgdb.drop();
  }
}

async function benchEmbedded(ctx: SuiteContext, w: Workload): Promise<void> {
  const { add } = ctx;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parindex-bench-'));
  ctx.uses('embedded');
  let db: Database | undefined;
  try {
    // A server's first start creates its folder (initdb); every later start opens it.
    add('open.embedded_new_folder_max_rss_mb', await initEmbeddedFolder(dir), 'MB');
    db = await openDatabase({ dataDir: dir });
    const load = await timed(() => loadWorkload(db!.db, w));
    add('load.national.embedded_s', load.ms / 1000, 's');
    const national = await computeNational(db, load.result, w.unitsOf(0).length);
    add('compute.national.embedded_s', national.s, 's');
    add('compute.national.embedded_cpu_s', national.cpuS, 's');
    add('compute.national.embedded_peak_rss_mb', national.peakMb, 'MB');

    const service = new ResultsService(db.db);
    const change = oneScoreChange(w, load.result);
    add('recompute.one_score_embedded_ms', await recomputeOneScore(db, service, change), 'ms');
    await change.restore(db, service);
  } finally {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function nationalSuite(ctx: SuiteContext): Promise<void> {
  const provinces = scaled(FULL_PROVINCES);
  const w = generateWorkload(provinces);
  log(`workload: ${provinces} provinces × ${w.unitsOf(0).length} units × ${w.leafCount} leaves = ${w.scoreCount} leaf scores (generated province by province)`);
  ctx.add('workload.leaf_scores', w.scoreCount, 'rows');
  await benchPostgres(ctx, w);
  await benchEmbedded(ctx, w);
  ctx.add('process.max_rss_mb', process.resourceUsage().maxRSS / 1024, 'MB');
}
