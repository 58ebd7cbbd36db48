/**
 * Background exports (xuất tệp chạy nền) on the job table (services/jobs/): a request is checked
 * at once (the cycle may be exported by this caller, the format fits the scope), then queued with
 * what rebuilds it on any server — the cycle, the request, who it is for (the public, or the work
 * export of one user, whose right is checked again when it runs). A server's worker makes the
 * file in a temporary folder and stores it with the job (job_files); any server answers the
 * polling and the download, and a restart loses nothing. A finished job and its file are kept
 * one hour.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError, type ExportFormat, ExportJobRequest, type ExportScope } from '@parindex/contracts';
import type { Db } from '../db/database.ts';
import { type JobFile, JobRepository, type JobRow } from '../repositories/job.repository.ts';
import { enqueueJob } from '../services/jobs/job-queue.ts';
import type { JobHandler } from '../services/jobs/job-worker.ts';
import { assertMayExportDrafts, prepareExportTask } from './export-task.ts';

export type ExportJobStatus = 'queued' | 'running' | 'done' | 'failed';
/** Who a job is for: anyone with its id (published results), or the one user who started a work export. */
export type ExportAudience = 'public' | 'work';

export interface ExportJob {
  id: string;
  cycleId: string;
  format: ExportFormat;
  scope: ExportScope;
  audience: ExportAudience;
  /** Who started a work export; null for a public one. */
  userId: string | null;
  status: ExportJobStatus;
  progress: number;
  error: string | null;
  fileName: string | null;
  contentType: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date;
}

export interface ExportTaskContext {
  /** A folder of the job's own, removed after it. */
  dir: string;
  /** Reports progress 0–100 (kept monotonic). */
  progress(percent: number): void;
}

export interface ExportTaskResult {
  filePath: string;
  fileName: string;
  contentType: string;
}

export type ExportTask = (ctx: ExportTaskContext) => Promise<ExportTaskResult>;

/** What a queued export holds: enough to rebuild its task on any server. */
interface ExportJobPayload {
  cycleId: string;
  request: ExportJobRequest;
  audience: ExportAudience;
}

const KEEP_MS = 60 * 60 * 1000;
const EXPORT_ATTEMPTS = 3;
export const EXPORT_FAILED = 'Không tạo được tệp. Vui lòng thử lại; nếu lỗi lặp lại, báo quản trị viên.';

export interface ExportJobsOptions {
  /** Export jobs waiting or running at once on all servers; beyond, a new request is refused (default 20). */
  maxPending?: number;
}

export class ExportJobs {
  private readonly repo: JobRepository;
  private readonly maxPending: number;

  constructor(
    private readonly db: Db,
    opts: ExportJobsOptions = {},
  ) {
    this.repo = new JobRepository(db);
    this.maxPending = opts.maxPending ?? 20;
  }

  /** Checks the request now, then queues it; returns the job (status "queued"). */
  async start(input: { cycleId: string; request: ExportJobRequest; audience: ExportAudience; userId?: string | null }): Promise<ExportJob> {
    await prepareExportTask(this.db, input.cycleId, input.request, { publicOnly: input.audience === 'public' });
    const pending = await this.repo.countActive('export');
    if (pending >= this.maxPending) throw new AppError('CONFLICT', `Đang có ${pending} yêu cầu xuất tệp chờ xử lý. Vui lòng thử lại sau ít phút.`);
    const payload: ExportJobPayload = { cycleId: input.cycleId, request: input.request, audience: input.audience };
    const row = await enqueueJob(this.db, 'export', payload as unknown as Record<string, unknown>, {
      userId: input.audience === 'work' ? (input.userId ?? null) : null,
      maxAttempts: EXPORT_ATTEMPTS,
    });
    return present(row);
  }

  /** The job as it is now; undefined when unknown, not an export, or expired. */
  async find(id: string): Promise<ExportJob | undefined> {
    const row = await this.repo.find(id);
    if (!row || row.kind !== 'export') return undefined;
    const job = present(row);
    if ((job.status === 'done' || job.status === 'failed') && job.expiresAt.getTime() <= Date.now()) return undefined;
    return job;
  }

  /** The file of a finished job. */
  file(id: string): Promise<JobFile | undefined> {
    return this.repo.file(id, 'output');
  }
}

function present(row: JobRow): ExportJob {
  const payload = row.payload as unknown as ExportJobPayload;
  const made = (row.result ?? {}) as { fileName?: string; contentType?: string };
  return {
    id: row.id,
    cycleId: payload.cycleId,
    format: payload.request.format,
    scope: payload.request.scope,
    audience: payload.audience,
    userId: row.userId,
    status: row.status as ExportJobStatus,
    progress: row.progress,
    error: row.error,
    fileName: made.fileName ?? null,
    contentType: made.contentType ?? null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    // Until it finishes, the hour it would be kept counts from its request.
    expiresAt: row.expiresAt ?? new Date(row.createdAt.getTime() + KEEP_MS),
  };
}

/** Makes the file of an export job on whichever server claimed it. */
export function exportJobHandler(db: Db, opts: { tmpRoot?: string } = {}): JobHandler {
  return {
    failureMessage: EXPORT_FAILED,
    keepMs: KEEP_MS,
    async run(ctx) {
      const payload = ctx.job.payload as unknown as ExportJobPayload;
      const request = ExportJobRequest.parse(payload.request);
      // A work export is made for its starter: their right to drafts is checked again now.
      if (payload.audience === 'work') await assertMayExportDrafts(db, ctx.job.userId);
      const task = await prepareExportTask(db, payload.cycleId, request, { publicOnly: payload.audience !== 'work' });
      const dir = await mkdtemp(path.join(opts.tmpRoot ?? os.tmpdir(), 'parindex-export-'));
      try {
        const made = await task({ dir, progress: ctx.progress });
        const content = await readFile(made.filePath);
        return {
          result: { fileName: made.fileName, contentType: made.contentType, size: content.length },
          output: { fileName: made.fileName, contentType: made.contentType, content },
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
