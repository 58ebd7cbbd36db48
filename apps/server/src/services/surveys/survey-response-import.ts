/** File imports of responses (CSV/XLSX), inline or as a background job the page polls. */
import { AppError } from '@parindex/contracts';
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { surveyResponses } from '../../db/schema.ts';
import { newId } from '../../db/sql-helpers.ts';
import { readResponses } from '../../survey-io/responses-import.ts';
import type { TableSource } from '../../survey-io/table-rows.ts';
import { repositories } from '../repositories.ts';
import { audit } from '../workflow/audit.ts';
import { insertResponses, type ResponseRow } from './response-writer.ts';
import { getQuestionnaire } from './survey-queries.ts';
import { assertSurveyResultsOpen } from './survey-windows.ts';

/** A response import running in the background: the page polls it to show progress. */
export interface ImportJob {
  id: string;
  questionnaireId: string;
  userId: string;
  status: 'running' | 'done' | 'failed';
  rows: number;
  /** Estimated rows of the file (CSV line count), for the progress bar; null for XLSX. */
  totalRows: number | null;
  result?: { rows: number; stored: number; duplicates: number; rejected: { row: number; reason: string; field?: string }[] };
  error?: string;
  finishedAt?: number;
}

export class SurveyResponseImport {
  /** Import jobs, kept one hour after they finish. */
  private readonly jobs = new LRUCache<string, ImportJob>({ max: 200, ttl: 60 * 60 * 1000 });
  constructor(private readonly db: Db) {}

  /** Imports a CSV/XLSX of responses: valid rows stored once (stable ids), every bad row reported. */
  async importFile(actor: SessionUser, questionnaireId: string, source: TableSource, onProgress?: (rows: number) => void) {
    const q = await getQuestionnaire(this.db, questionnaireId);
    await assertSurveyResultsOpen(this.db, q.cycleId, 'nhập thêm phiếu trả lời');
    const unitRows = await repositories(this.db).cycles.listCycleUnits(q.cycleId);
    const idByCode = new Map(unitRows.map((u) => [u.code, u.unitId]));
    const rejected: { row: number; reason: string; field?: string }[] = [];
    let rows = 0, stored = 0, duplicates = 0;
    let batch: ResponseRow[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const ids = await insertResponses(this.db, batch);
      stored += ids.size;
      duplicates += batch.length - ids.size;
      batch = [];
      onProgress?.(rows);
    };
    for await (const o of readResponses(source, q.document, { unitCodes: idByCode.keys() })) {
      rows++;
      if (!o.ok) {
        rejected.push({ row: o.row, reason: o.reason, field: o.field });
        continue;
      }
      const r = o.response;
      batch.push({ id: r.id, questionnaireId, unitId: r.evaluatedUnitCode ? (idByCode.get(r.evaluatedUnitCode) ?? null) : null, respondentGroup: r.respondentGroup, channel: r.channel, answers: r.answers, startedAt: r.startedAt ? new Date(r.startedAt) : null, submittedAt: r.submittedAt ? new Date(r.submittedAt) : null, durationSeconds: r.durationSeconds === undefined ? null : Math.round(r.durationSeconds) });
      if (batch.length >= 2000) await flush();
    }
    await flush();
    // After a bulk load the planner's statistics are stale until autovacuum runs: refresh them now,
    // so the per-page queries of the export and the scoring keep using the indexes.
    if (stored >= 10_000) await this.db.execute(sql`analyze ${surveyResponses}`);
    await audit(this.db, actor, { action: 'survey.import', cycleId: q.cycleId, subject: q.code, after: { rows, stored, duplicates, rejected: rejected.length } });
    return { rows, stored, duplicates, rejected };
  }

  /** Starts an import in the background; poll importJob(id) for progress and the report. */
  startImport(actor: SessionUser, questionnaireId: string, content: Buffer): ImportJob {
    const isZip = content.subarray(0, 2).toString('latin1') === 'PK';
    let lines = 0;
    if (!isZip) for (let i = content.indexOf(10); i !== -1; i = content.indexOf(10, i + 1)) lines++;
    const job: ImportJob = { id: newId(), questionnaireId, userId: actor.id, status: 'running', rows: 0, totalRows: isZip ? null : Math.max(0, lines - (content[content.length - 1] === 10 ? 1 : 0)) };
    this.jobs.set(job.id, job);
    void this.importFile(actor, questionnaireId, content, (rows) => (job.rows = rows)).then(
      (result) => Object.assign(job, { status: 'done', rows: result.rows, result, finishedAt: Date.now() }),
      (err: unknown) => Object.assign(job, { status: 'failed', error: err instanceof AppError ? err.message : 'Lỗi khi nhập tệp; hãy thử lại.', finishedAt: Date.now() }),
    );
    return job;
  }

  importJob(actor: SessionUser, id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job || job.userId !== actor.id) throw new AppError('NOT_FOUND', 'Không tìm thấy lượt nhập tệp (có thể đã quá một giờ).');
    return job;
  }
}
