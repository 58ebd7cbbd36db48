/**
 * Documents benchmark: a generated 150-unit province with every leaf scored (130 units of one
 * generated province + 20 communes of a second), exported as the XLSX annex workbook and the PDF
 * report; then the national workload (34 provinces × 130 units × 120 leaves) exported as one
 * streamed workbook in a child process, so its peak RSS is the export's own and not the
 * generator's arrays.
 *
 *   npm run bench -- exports
 *
 * PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) gets a
 * throwaway database; without it the embedded PGlite in a temporary folder is used.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { type Database, openDatabase } from '@parindex/server/db/database.ts';
import { loadDocumentData } from '@parindex/server/documents/document-data.ts';
import { buildResultsReport } from '@parindex/server/documents/results-report.ts';
import { buildResultsWorkbook } from '@parindex/server/documents/results-workbook.ts';
import { ResultsService } from '@parindex/server/services/results.service.ts';
import { loadWorkload } from '../load.ts';
import { log, median, timed } from '../measure.ts';
import type { AddMetric } from '../suites.ts';
import { FULL_PROVINCES, generateWorkload, type Province, type Workload } from '../workload.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CHILD = fileURLToPath(new URL('./exports-national.child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** One province of 150 units: the first generated province and 20 communes of the second. */
export function province150(): Workload {
  const w = generateWorkload(2);
  const [p1, p2] = [w.province(0), w.province(1)];
  const extra = p2.units.filter((u) => u.group === 'communes').slice(0, 20);
  const codes = new Set(extra.map((u) => u.code));
  const one: Province = {
    ...p1,
    name: 'Tỉnh Sơn Hà (150 đơn vị)',
    units: [...p1.units, ...extra],
    scores: [...p1.scores, ...p2.scores.filter((s) => codes.has(s.unitCode))],
  };
  return {
    ...w,
    provinceCount: 1,
    scoreCount: one.scores.length,
    unitsOf: () => one.units,
    province: () => one,
    *provinces() {
      yield one;
    },
  };
}

/** A throwaway database: PostgreSQL when reachable, else PGlite in a temporary folder. */
async function throwawayDatabase(): Promise<{ database: Database; url?: string; dataDir?: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parindex-bench-exports-'));
    log(`PostgreSQL not reachable at ${ADMIN_URL}: using PGlite in ${dataDir}`);
    const database = await openDatabase({ dataDir });
    return { database, dataDir, drop: async () => { await database.close(); await rm(dataDir, { recursive: true, force: true }); } };
  }
  const name = `parindex_bench_exports_${randomBytes(5).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  log(`PostgreSQL: created database ${name}`);
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      log(`PostgreSQL: dropped database ${name}`);
    },
  };
}

export async function exportsSuite(add: AddMetric): Promise<void> {
  const db = await throwawayDatabase();
  const out = await mkdtemp(path.join(os.tmpdir(), 'parindex-bench-exports-out-'));
  try {
    const service = new ResultsService(db.database.db);

    // Province: 150 units × 120 leaves.
    const w = province150();
    const loaded = await loadWorkload(db.database.db, w);
    const cycleId = loaded.cycleIds[0];
    await service.compute(cycleId);
    log(`province: ${w.unitsOf(0).length} units × ${w.leafCount} leaves`);
    const xlsx: number[] = [];
    for (let i = 0; i < 3; i++) {
      xlsx.push((await timed(async () => buildResultsWorkbook(await loadDocumentData(db.database.db, cycleId, { publicOnly: false })))).ms);
    }
    add('export.province.xlsx_s', median(xlsx) / 1000, 's');
    const pdf: number[] = [];
    let pages = 0;
    for (let i = 0; i < 3; i++) {
      const r = await timed(async () => buildResultsReport(await loadDocumentData(db.database.db, cycleId, { publicOnly: false })));
      pdf.push(r.ms);
      pages = (r.result.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    }
    add('export.province.pdf_s', median(pdf) / 1000, 's');
    add('export.province.pdf_pages', pages, 'pages');

    // National: the standard national workload, computed, then streamed by a child process.
    const national = generateWorkload(FULL_PROVINCES);
    const nLoaded = await loadWorkload(db.database.db, national);
    for (const id of nLoaded.cycleIds) await service.compute(id);
    log(`national: ${FULL_PROVINCES} provinces × ${national.unitsOf(0).length} units × ${national.leafCount} leaves loaded and computed`);
    const ids = nLoaded.cycleIds;
    const file = path.join(out, 'tong-hop.xlsx');
    let target: string;
    if (db.url) target = db.url;
    else {
      await db.database.close(); // PGlite: one process at a time; the child opens the folder.
      target = `dir:${db.dataDir}`;
    }
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, target, file, ids.join(',')], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const child = JSON.parse(stdout.trim().split('\n').at(-1)!) as { seconds: number; peakMb: number; units: number; detailRows: number };
    add('export.national.xlsx_s', child.seconds, 's');
    add('export.national.peak_rss_mb', child.peakMb, 'MB');
    add('export.national.detail_rows', child.detailRows, 'rows');
    add('export.national.file_mb', (await stat(file)).size / 1024 / 1024, 'MB');
  } finally {
    await db.drop().catch(() => undefined);
    await rm(out, { recursive: true, force: true });
  }
}
