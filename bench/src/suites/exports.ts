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
 * throwaway database. When BENCH_DATABASE_URL is set and unreachable the suite fails; when it is
 * not set and the local server is unreachable, the embedded PGlite in a temporary folder is used —
 * said in the log and in the results' stamp (databases.exports), so the figures are never taken
 * for PostgreSQL's. BENCH_SCALE scales the national workbook's provinces.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Database, openDatabase } from '@parindex/server/db/database.ts';
import { loadDocumentData } from '@parindex/server/documents/document-data.ts';
import { buildResultsReport } from '@parindex/server/documents/results-report.ts';
import { buildResultsWorkbook } from '@parindex/server/documents/results-workbook.ts';
import { ResultsService } from '@parindex/server/services/results.service.ts';
import { ADMIN_URL, POSTGRES_REQUIRED, postgresVersion, redactedUrl, scaled, throwawayPostgres } from '../config.ts';
import { loadWorkload } from '../load.ts';
import { log, median, timed } from '../measure.ts';
import type { SuiteContext } from '../suites.ts';
import { FULL_PROVINCES, generateWorkload, type Province, type Workload } from '../workload.ts';

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
    exclusions: [...p1.exclusions, ...p2.exclusions.filter((e) => codes.has(e.unitCode))],
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

/**
 * A throwaway database: PostgreSQL; the embedded PGlite in a temporary folder only when
 * BENCH_DATABASE_URL is not set and the default local server does not answer (said in the log).
 */
async function throwawayDatabase(ctx: SuiteContext): Promise<{ database: Database; url?: string; dataDir?: string; drop: () => Promise<void> }> {
  const reachable = await postgresVersion();
  if ('error' in reachable && !POSTGRES_REQUIRED) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parindex-bench-exports-'));
    log(`CẢNH BÁO: PostgreSQL không trả lời tại ${redactedUrl(ADMIN_URL)} (${reachable.error}); bộ đo exports dùng PGlite trong ${dataDir} — ghi trong dấu của kết quả (databases.exports)`);
    ctx.uses('embedded');
    const database = await openDatabase({ dataDir });
    return { database, dataDir, drop: async () => { await database.close(); await rm(dataDir, { recursive: true, force: true }); } };
  }
  const pgdb = await throwawayPostgres('parindex_bench_exports');
  ctx.uses('postgresql');
  return { database: pgdb.database, url: pgdb.url, drop: () => pgdb.drop() };
}

export async function exportsSuite(ctx: SuiteContext): Promise<void> {
  const { add } = ctx;
  const db = await throwawayDatabase(ctx);
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
    const national = generateWorkload(scaled(FULL_PROVINCES));
    const nLoaded = await loadWorkload(db.database.db, national);
    for (const id of nLoaded.cycleIds) await service.compute(id);
    log(`national: ${national.provinceCount} provinces × ${national.unitsOf(0).length} units × ${national.leafCount} leaves loaded and computed`);
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
