/**
 * ParIndex national benchmark: 34 provinces × 130 units × 120 leaves (≈ 530,000 leaf scores),
 * loaded through the repositories and computed with ResultsService on PostgreSQL and on the
 * embedded PGlite, against a one-query SQL baseline. Writes bench/results.json.
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
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '@parindex/server/db/database.ts';
import { repositories } from '@parindex/server/services/repositories.ts';
import { ResultsService } from '@parindex/server/services/results.service.ts';
import { compareWithEngine, runBaseline, writeEvaluatedPoints } from './baseline.ts';
import { loadWorkload, type Loaded } from './load.ts';
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

/** Computes every province cycle in turn; returns seconds and the peak RSS seen. */
async function computeNational(db: Database, loaded: Loaded, expectUnits: number): Promise<{ s: number; peakMb: number }> {
  const service = new ResultsService(db.db);
  const rss = new RssSampler();
  rss.start(50);
  const { ms } = await timed(async () => {
    for (const id of loaded.cycleIds) {
      const summary = await service.compute(id);
      rss.sample();
      if (summary.units !== expectUnits) throw new Error(`cycle ${id}: ${summary.units} units computed, expected ${expectUnits}`);
    }
  });
  return { s: ms / 1000, peakMb: rss.stop() };
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

    const national = await computeNational(db, loaded, w.provinces[0].units.length);
    add('compute.national.postgres_s', national.s, 's');
    add('compute.national.peak_rss_mb', national.peakMb, 'MB');

    const service = new ResultsService(db.db);
    const province = loaded.cycleIds[0];
    const one: number[] = [];
    for (let i = 0; i < REPEATS; i++) one.push((await timed(() => service.compute(province))).ms);
    add('compute.province.postgres_ms', median(one), 'ms');

    // Change one leaf score (a manual leaf of the first unit) and recompute its province.
    const p0 = w.provinces[0];
    const score = p0.scores.find((s) => s.inputs.points !== undefined && s.leafCode.startsWith('1.'))!;
    const unitId = loaded.unitIdByCode.get(score.unitCode)!;
    const repos = repositories(db.db);
    const re: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const inputs = { points: `0.${(i + 1) * 10}` };
      re.push(
        (
          await timed(async () => {
            await repos.scores.upsertLeafScores(province, [{ unitId, leafCode: score.leafCode, inputs, points: null }]);
            await service.compute(province);
          })
        ).ms,
      );
    }
    add('recompute.one_score_ms', median(re), 'ms');
    // Restore the original score so the baseline compares like with like, and recompute that province.
    await repos.scores.upsertLeafScores(province, [{ unitId, leafCode: score.leafCode, inputs: score.inputs, points: null }]);
    await service.compute(province);

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
    db = await openDatabase({ dataDir: dir });
    const load = await timed(() => loadWorkload(db!.db, w));
    add('load.national.embedded_s', load.ms / 1000, 's');
    const national = await computeNational(db, load.result, w.provinces[0].units.length);
    add('compute.national.embedded_s', national.s, 's');
    add('compute.national.embedded_peak_rss_mb', national.peakMb, 'MB');
  } finally {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function national(): Promise<void> {
  if (!(SCALE > 0 && SCALE <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1], got ${process.env.BENCH_SCALE}`);
  const provinces = Math.max(1, Math.round(FULL_PROVINCES * SCALE));
  const gen = await timed(async () => generateWorkload(provinces));
  const w = gen.result;
  log(`workload: ${provinces} provinces × ${w.provinces[0].units.length} units × ${w.leafCount} leaves = ${w.scoreCount} leaf scores (generated in ${round(gen.ms / 1000)} s)`);
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
