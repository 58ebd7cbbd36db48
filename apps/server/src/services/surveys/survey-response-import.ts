/**
 * File imports of responses (CSV/XLSX), inline or as a background job the page polls. The job
 * lives in the database (services/jobs/): the uploaded file is stored with it, any server's worker
 * runs it, and each batch of rows is committed together with the job's checkpoint (rows read,
 * stored, duplicates, rejected). A job taken over after its server died, or retried after a
 * failure, reads the file again and stores nothing up to its checkpoint, so every row is stored
 * exactly once (the stable response ids would also turn a repeat into duplicates).
 */
import { AppError, type SurveyImportJob, type SurveyImportReport, type SurveyImportStarted } from '@parindex/contracts';
import { type SessionUser, AuthService } from '../../auth/auth.service.ts';
import { type Db, transaction } from '../../db/database.ts';
import type { JobRow } from '../../repositories/job.repository.ts';
import { SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';
import { readResponses } from '../../survey-io/responses-import.ts';
import type { TableSource } from '../../io/table-rows.ts';
import { enqueueJob, findJob } from '../jobs/job-queue.ts';
import type { JobHandler } from '../jobs/job-worker.ts';
import { repositories } from '../repositories.ts';
import { audit } from '../workflow/audit.ts';
import { insertResponses, type ResponseRow } from './response-writer.ts';
import { getQuestionnaire } from './survey-queries.ts';
import { assertSurveyResultsOpen } from './survey-windows.ts';

type Rejected = SurveyImportReport['rejected'][number];
export type ImportReport = SurveyImportReport;

/** Where an import has got to: data rows read and committed, and the counters up to them. */
export interface ImportCheckpoint {
  rows: number;
  stored: number;
  duplicates: number;
  rejected: number;
}

export interface ImportOptions {
  /** Rows read so far, after each committed batch. */
  onProgress?: (rows: number) => void;
  /** Resume after this checkpoint: its rows are read again (to report their rejections) but not stored. */
  resumeAfter?: ImportCheckpoint;
  /** Called inside each batch's transaction, so the checkpoint commits with the rows. */
  onBatch?: (tx: Db, checkpoint: ImportCheckpoint) => Promise<void>;
  /** Rows per committed batch (default 2000). */
  batchSize?: number;
}

/** A response import running in the background, as the page polls it (SurveyImportJob). */
export type ImportJob = SurveyImportJob;

const IMPORT_FAILED = 'Lỗi khi nhập tệp; hãy thử lại.';
const IMPORT_ATTEMPTS = 5;

export class SurveyResponseImport {
  constructor(private readonly db: Db) {}

  /** Imports a CSV/XLSX of responses: valid rows stored once (stable ids), every bad row reported. */
  async importFile(actor: SessionUser, questionnaireId: string, source: TableSource, opts: ImportOptions = {}): Promise<ImportReport> {
    const q = await getQuestionnaire(this.db, questionnaireId);
    await assertSurveyResultsOpen(this.db, q.cycleId, 'nhập thêm phiếu trả lời');
    const unitRows = await repositories(this.db).cycles.listCycleUnits(q.cycleId);
    const idByCode = new Map(unitRows.map((u) => [u.code, u.unitId]));
    const batchSize = opts.batchSize ?? 2000;
    const done = opts.resumeAfter;
    const rejected: Rejected[] = [];
    let rows = 0;
    let stored = done?.stored ?? 0;
    let duplicates = done?.duplicates ?? 0;
    let batch: ResponseRow[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const reached: ImportCheckpoint = { rows, stored, duplicates, rejected: rejected.length };
      const commit = async (db: Db) => {
        const ids = await insertResponses(db, batch);
        reached.stored += ids.size;
        reached.duplicates += batch.length - ids.size;
        await opts.onBatch?.(db, reached);
      };
      if (opts.onBatch) await transaction(this.db, commit);
      else await commit(this.db);
      ({ stored, duplicates } = reached);
      batch = [];
      opts.onProgress?.(rows);
    };
    for await (const o of readResponses(source, q.document, { unitCodes: idByCode.keys() })) {
      rows++;
      if (!o.ok) {
        rejected.push({ row: o.row, reason: o.reason, field: o.field });
        continue;
      }
      // Committed before the job stopped: already counted in the checkpoint.
      if (done && rows <= done.rows) continue;
      const r = o.response;
      batch.push({ id: r.id, questionnaireId, unitId: r.evaluatedUnitCode ? (idByCode.get(r.evaluatedUnitCode) ?? null) : null, respondentGroup: r.respondentGroup, channel: r.channel, answers: r.answers, startedAt: r.startedAt ? new Date(r.startedAt) : null, submittedAt: r.submittedAt ? new Date(r.submittedAt) : null, durationSeconds: r.durationSeconds === undefined ? null : Math.round(r.durationSeconds) });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    // After a bulk load the planner's statistics are stale until autovacuum runs: refresh them now,
    // so the per-page queries of the export and the scoring keep using the indexes.
    if (stored >= 10_000) await new SurveyResponseRepository(this.db).analyze();
    await audit(this.db, actor, { action: 'survey.import', cycleId: q.cycleId, subject: q.code, after: { rows, stored, duplicates, rejected: rejected.length } });
    return { rows, stored, duplicates, rejected };
  }

  /** Stores the file with a queued import job; poll importJob(id) for progress and the report. */
  async startImport(actor: SessionUser, questionnaireId: string, content: Buffer, fileName?: string): Promise<SurveyImportStarted> {
    await getQuestionnaire(this.db, questionnaireId);
    const isZip = content.subarray(0, 2).toString('latin1') === 'PK';
    let lines = 0;
    if (!isZip) for (let i = content.indexOf(10); i !== -1; i = content.indexOf(10, i + 1)) lines++;
    const totalRows = isZip ? null : Math.max(0, lines - (content[content.length - 1] === 10 ? 1 : 0));
    const contentType = isZip ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    const row = await enqueueJob(this.db, 'survey_import', { questionnaireId, totalRows }, { userId: actor.id, input: { fileName: fileName || 'phieu-tra-loi', contentType, content }, maxAttempts: IMPORT_ATTEMPTS });
    return { jobId: row.id, totalRows };
  }

  /** The caller's own import job, from any server; 404 for another user's or an expired one. */
  async importJob(actor: SessionUser, id: string): Promise<ImportJob> {
    const row = await findJob(this.db, id);
    const expired = row?.expiresAt && row.expiresAt.getTime() <= Date.now();
    if (!row || row.kind !== 'survey_import' || row.userId !== actor.id || expired) throw new AppError('NOT_FOUND', 'Không tìm thấy lượt nhập tệp (có thể đã quá một giờ).');
    return presentImport(row);
  }
}

function presentImport(row: JobRow): ImportJob {
  const payload = row.payload as { questionnaireId: string; totalRows: number | null };
  const result = row.result as ImportReport | null;
  const checkpoint = row.checkpoint as ImportCheckpoint | null;
  return {
    id: row.id,
    questionnaireId: payload.questionnaireId,
    // Waiting for a worker is running as far as the page is concerned.
    status: row.status === 'queued' ? 'running' : (row.status as ImportJob['status']),
    rows: result?.rows ?? checkpoint?.rows ?? 0,
    totalRows: payload.totalRows,
    ...(result && { result }),
    ...(row.status === 'failed' && { error: row.error ?? IMPORT_FAILED }),
    ...(row.finishedAt && { finishedAt: row.finishedAt.getTime() }),
  };
}

/** Runs a queued import on whichever server claimed it, resuming after its checkpoint. */
export function surveyImportJobHandler(db: Db, opts: { batchSize?: number } = {}): JobHandler {
  return {
    failureMessage: IMPORT_FAILED,
    async run(ctx) {
      const { questionnaireId, totalRows } = ctx.job.payload as { questionnaireId: string; totalRows: number | null };
      const actor = ctx.job.userId ? await new AuthService(db).userById(ctx.job.userId) : undefined;
      if (!actor) throw new AppError('NOT_FOUND', 'Tài khoản đã gửi tệp không còn; lượt nhập bị hủy.');
      const content = await ctx.input();
      const report = await new SurveyResponseImport(db).importFile(actor, questionnaireId, content, {
        batchSize: opts.batchSize,
        resumeAfter: (ctx.job.checkpoint as ImportCheckpoint | null) ?? undefined,
        onBatch: (tx, checkpoint) => ctx.checkpoint({ ...checkpoint }, { tx, progress: totalRows ? (checkpoint.rows / totalRows) * 100 : undefined }),
      });
      return { result: { ...report } };
    },
  };
}
