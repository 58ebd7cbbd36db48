/**
 * ParIndex national benchmark: 34 provinces × 130 units × 120 leaves (≈ 530,000 leaf scores),
 * loaded through the repositories and computed with ResultsService on PostgreSQL and on the
 * embedded PGlite, against a one-query SQL baseline; then one score changed and brought up to
 * date with ResultsService.recomputeUnit. Peak RSS is measured over each national compute.
 * Writes bench/results.json (metrics: docs/operations.md, "Benchmarks").
 *
 *   npm run bench                      # full scale
 *   BENCH_SCALE=0.1 npm run bench      # 3 provinces, quick check
 *   BENCH_DATABASE_URL=postgres://…    # admin URL (default postgres://postgres@127.0.0.1:5432/postgres)
 *   npm run bench -- national exports  # only the named suites (see suites.ts); results.json keeps the others' figures
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '@parindex/server/db/database.ts';
import { repositories } from '@parindex/server/services/repositories.ts';
import { ResultsService } from '@parindex/server/services/results.service.ts';
import { compareWithEngine, runBaseline, writeEvaluatedPoints } from './baseline.ts';
import { initEmbeddedFolder, loadWorkload, type Loaded } from './load.ts';
import { type Metric, RssSampler, log, median, printTable, round, timed } from './measure.ts';
import { SUITES } from './suites.ts';
import { FULL_PROVINCES, generateWorkload, type Workload } from './workload.ts';

const RESULTS_FILE = fileURLToPath(new URL('../results.json', import.meta.url));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const REPEATS = 5;

const metrics: Metric[] = [];
const add = (name: string, value: number, unit: string) => {
  metrics.push({ name, value: round(value), unit });
  log(`${name} = ${round(value)} ${unit}`);
};

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

async function benchPostgres(w: Workload): Promise<void> {
  const dbName = `parindex_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  log(`PostgreSQL: created database ${dbName}`);
  let db: Database | undefined;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    db = await openDatabase({ databaseUrl: url.toString() });
    const load = await timed(() => loadWorkload(db!.db, w));
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

    // SQL baseline over leaf_scores.points (written now: stored points take precedence in the engine).
    await client.connect();
    await writeEvaluatedPoints(client, w, loaded);
    const max = '100';
    const base: number[] = [];
    let rows: Awaited<ReturnType<typeof runBaseline>> = [];
    for (let i = 0; i < 3; i++) {
      const r = await timed(() => runBaseline(client, loaded.cycleIds, max));
      base.push(r.ms);
      rows = r.result;
    }
    add('compute.national.sql_baseline_s', median(base) / 1000, 's');
    const diff = await compareWithEngine(client, rows);
    log(`SQL baseline: ${rows.length} units; ${diff} differ from the engine's stored totals/ranks`);
    if (diff > 0) throw new Error(`SQL baseline disagrees with the engine on ${diff} units`);
    add('compute.national.engine_to_sql_ratio', national.s / (median(base) / 1000), 'x');
  } finally {
    await client.end().catch(() => undefined);
    await db?.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    log(`PostgreSQL: dropped database ${dbName}`);
  }
}

async function benchEmbedded(w: Workload): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parindex-bench-'));
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

async function national(): Promise<void> {
  if (!(SCALE > 0 && SCALE <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1], got ${process.env.BENCH_SCALE}`);
  const provinces = Math.max(1, Math.round(FULL_PROVINCES * SCALE));
  const w = generateWorkload(provinces);
  log(`workload: ${provinces} provinces × ${w.unitsOf(0).length} units × ${w.leafCount} leaves = ${w.scoreCount} leaf scores (generated province by province)`);
  add('workload.leaf_scores', w.scoreCount, 'rows');

  await benchPostgres(w);
  await benchEmbedded(w);
  add('process.max_rss_mb', process.resourceUsage().maxRSS / 1024, 'MB');
}

async function main(): Promise<void> {
  const all: Record<string, (add: (name: string, value: number, unit: string) => void) => Promise<void>> = { national, ...SUITES };
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((n) => !(n in all));
  if (unknown.length) throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${Object.keys(all).join(', ')}`);
  for (const name of wanted.length ? wanted : Object.keys(all)) {
    log(`suite ${name}`);
    await all[name](add);
  }
  // Keep the figures of suites not run this time.
  const previous: Metric[] = await readFile(RESULTS_FILE, 'utf8').then((t) => JSON.parse(t) as Metric[]).catch(() => []);
  const names = new Set(metrics.map((m) => m.name));
  const merged = [...previous.filter((m) => !names.has(m.name)), ...metrics].sort((a, b) => a.name.localeCompare(b.name));
  await writeFile(RESULTS_FILE, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`\nParIndex benchmark — scale ${SCALE}`);
  printTable(metrics);
  log(`wrote ${RESULTS_FILE}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
