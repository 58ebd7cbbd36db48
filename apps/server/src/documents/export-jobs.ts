/**
 * Background exports (xuất tệp chạy nền): a small in-memory registry of jobs, each with a status,
 * a progress 0–100, an error message, and a result file in a temporary folder that is deleted
 * when the job expires. Jobs run one at a time — a national workbook or a large PDF is CPU-bound
 * work on a small server — in the order they were asked for. Nothing survives a restart: a job
 * lost that way is simply asked for again.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '@parindex/contracts';

export type ExportJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJob {
  id: string;
  /** What the job makes, for the listing ("xlsx", "pdf", …) and any caller data. */
  meta: Record<string, string>;
  status: ExportJobStatus;
  progress: number;
  error: string | null;
  fileName: string | null;
  contentType: string | null;
  filePath: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date;
}

export interface ExportTaskContext {
  /** A folder of the job's own, removed with it. */
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

export interface ExportJobsOptions {
  /** How long a finished job and its file are kept (default 1 hour). */
  ttlMs?: number;
  /** Jobs waiting or running at once; beyond, a new request is refused (default 20). */
  maxPending?: number;
  /** Where job folders go (default the OS temp folder). */
  tmpRoot?: string;
  now?: () => number;
  /** Told about unexpected failures (the server's logger). */
  onError?: (jobId: string, err: unknown) => void;
}

export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob & { dir?: string }>();
  private readonly ttlMs: number;
  private readonly maxPending: number;
  private readonly now: () => number;
  private readonly onError: (jobId: string, err: unknown) => void;
  private readonly tmpRoot: string;
  private root: Promise<string> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(opts: ExportJobsOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 60 * 60 * 1000;
    this.maxPending = opts.maxPending ?? 20;
    this.now = opts.now ?? Date.now;
    this.onError = opts.onError ?? (() => undefined);
    this.tmpRoot = opts.tmpRoot ?? os.tmpdir();
    this.sweeper = setInterval(() => void this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Queues a job and returns it at once (status "queued"). */
  start(meta: Record<string, string>, task: ExportTask): ExportJob {
    if (this.closed) throw new AppError('CONFLICT', 'Máy chủ đang dừng: không nhận yêu cầu xuất tệp mới.');
    void this.sweep();
    const pending = [...this.jobs.values()].filter((j) => j.status === 'queued' || j.status === 'running').length;
    if (pending >= this.maxPending)
      throw new AppError('CONFLICT', `Đang có ${pending} yêu cầu xuất tệp chờ xử lý. Vui lòng thử lại sau ít phút.`);
    const created = this.now();
    const job: ExportJob & { dir?: string } = {
      id: randomUUID(), meta, status: 'queued', progress: 0, error: null, fileName: null, contentType: null, filePath: null,
      createdAt: new Date(created), finishedAt: null, expiresAt: new Date(created + this.ttlMs),
    };
    this.jobs.set(job.id, job);
    this.queue = this.queue.then(() => this.run(job, task));
    return this.find(job.id)!;
  }

  /** The job as it is now; undefined when unknown or expired. */
  find(id: string): ExportJob | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (this.isExpired(job)) {
      void this.remove(job.id);
      return undefined;
    }
    const { dir: _dir, ...view } = job;
    return view;
  }

  /** Resolves when every job queued so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** Stops taking jobs, waits for the running one, deletes every file. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    await this.queue.catch(() => undefined);
    for (const id of [...this.jobs.keys()]) await this.remove(id);
    if (this.root) await rm(await this.root, { recursive: true, force: true });
  }

  private async run(job: ExportJob & { dir?: string }, task: ExportTask): Promise<void> {
    if (this.closed || !this.jobs.has(job.id)) return;
    job.status = 'running';
    try {
      this.root ??= mkdtemp(path.join(this.tmpRoot, 'parindex-exports-'));
      job.dir = await mkdtemp(path.join(await this.root, 'job-'));
      const result = await task({
        dir: job.dir,
        progress: (p) => {
          const v = Math.max(0, Math.min(99, Math.floor(p)));
          if (v > job.progress) job.progress = v;
        },
      });
      Object.assign(job, { status: 'done', progress: 100, ...result });
    } catch (e) {
      job.status = 'failed';
      job.error = e instanceof AppError ? e.message : 'Không tạo được tệp. Vui lòng thử lại; nếu lỗi lặp lại, báo quản trị viên.';
      if (!(e instanceof AppError)) this.onError(job.id, e);
    } finally {
      job.finishedAt = new Date(this.now());
      job.expiresAt = new Date(this.now() + this.ttlMs);
    }
  }

  private isExpired(job: ExportJob): boolean {
    return (job.status === 'done' || job.status === 'failed') && job.expiresAt.getTime() <= this.now();
  }

  private async sweep(): Promise<void> {
    for (const job of [...this.jobs.values()]) if (this.isExpired(job)) await this.remove(job.id);
  }

  private async remove(id: string): Promise<void> {
    const job = this.jobs.get(id);
    this.jobs.delete(id);
    if (job?.dir) await rm(job.dir, { recursive: true, force: true });
  }
}
