/**
 * The worker loop of one server: claims a due job of a kind it has a handler for, runs it while
 * renewing its lease, and records the outcome. One job at a time (exports are CPU-bound work on a
 * small server). A failed attempt is retried after an exponential delay up to the job's
 * max_attempts; a user's error (AppError: a cycle not published, a file refused) fails at once
 * with its message. A server that dies leaves its job "running" with a lease that runs out; any
 * server then takes it over, and resumable work (an import) goes on from its checkpoint.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { AppError } from '@parindex/contracts';
import type { Db } from '../../db/database.ts';
import { type JobFile, JobRepository, type JobRow } from '../../repositories/job.repository.ts';
import { progressWriter } from './job-progress.ts';
import { jobSignals } from './job-queue.ts';

const HOUR = 60 * 60 * 1000;

/** The job is no longer this worker's (its lease passed to another server, or this worker stopped). */
export class LeaseLostError extends Error {
  constructor() {
    super('job lease lost');
  }
}

export interface JobContext {
  readonly job: JobRow;
  /** Aborted when the lease is lost: stop working, nothing more will be saved. */
  readonly signal: AbortSignal;
  /** The job's input file (e.g. the uploaded CSV). */
  input(): Promise<Buffer>;
  /** Progress 0–100 for the progress bar (kept monotonic, saved in the background). */
  progress(percent: number): void;
  /**
   * Saves where resumable work has got to — inside `tx`, the transaction of the work it records,
   * so both are committed or neither. Throws LeaseLostError when the job is no longer this worker's.
   */
  checkpoint(state: Record<string, unknown>, opts?: { progress?: number; tx?: Db }): Promise<void>;
}

export interface JobOutcome {
  /** Shown to the user (an import's report, an export's file name). */
  result?: Record<string, unknown>;
  /** The file the job made (job_files, role "output"). */
  output?: JobFile;
}

export interface JobHandler {
  run(ctx: JobContext): Promise<JobOutcome | void>;
  /** What the user reads when the job failed for a reason that is not theirs (Vietnamese). */
  failureMessage: string;
  /** How long a finished job is kept (default 1 hour). */
  keepMs?: number;
}

export interface Logger {
  error(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
}

export interface JobWorkerOptions {
  /** host:pid:random by default. */
  workerId?: string;
  /** How long a claim holds without renewal (default 60 s); renewed every third of it. */
  leaseMs?: number;
  /** Poll interval while work was found in the last 10 s (default 300 ms). */
  busyPollMs?: number;
  /** Poll interval when idle (default 2 s). */
  idlePollMs?: number;
  /** Delay before the next attempt after failed attempt n (default 5 s · 2^(n−1), at most 10 min). */
  retryDelayMs?: (attempt: number) => number;
  /** How often finished jobs past their expiry are deleted (default 1 min). */
  sweepEveryMs?: number;
  log?: Logger;
}

const noLog: Logger = { error: () => undefined, warn: () => undefined };

export class JobWorker {
  readonly id: string;
  private readonly repo: JobRepository;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly leaseMs: number;
  private readonly busyPollMs: number;
  private readonly idlePollMs: number;
  private readonly retryDelay: (attempt: number) => number;
  private readonly sweepEveryMs: number;
  private readonly log: Logger;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private dead = false;
  private poked = false;
  private wakeUp: (() => void) | undefined;
  private lastWorkAt = 0;
  private lastSweepAt = 0;
  private drainWaiters: (() => void)[] = [];
  private current: AbortController | undefined;
  private readonly onEnqueued = (kind: string) => {
    if (this.handlers.has(kind)) this.wake();
  };

  constructor(db: Db, opts: JobWorkerOptions = {}) {
    this.id = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.repo = new JobRepository(db);
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.busyPollMs = opts.busyPollMs ?? 300;
    this.idlePollMs = opts.idlePollMs ?? 2_000;
    this.retryDelay = opts.retryDelayMs ?? ((n) => Math.min(5_000 * 2 ** Math.max(0, n - 1), 10 * 60_000));
    this.sweepEveryMs = opts.sweepEveryMs ?? 60_000;
    this.log = opts.log ?? noLog;
  }

  /** Runs jobs of this kind with this handler. */
  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** Starts the loop (once). */
  start(): void {
    if (this.loop || this.stopped) return;
    jobSignals.on('enqueued', this.onEnqueued);
    this.loop = this.runLoop();
  }

  /** Stops claiming, waits for the job running now to finish and be recorded. */
  async close(): Promise<void> {
    this.stop();
    if (!this.dead) await this.loop;
  }

  /**
   * Stops at once, as a killed process would (tests of a server dying mid-job): no more claims,
   * lease renewals or writes; the job it was running stays "running" until its lease runs out and
   * another server takes it over.
   */
  abandon(): void {
    this.dead = true;
    this.current?.abort();
    this.stop();
  }

  /** Resolves once no job this worker can run is due (tests; jobs waiting for a retry are not due). */
  async drain(): Promise<void> {
    if (this.stopped) return;
    if (!this.loop) {
      while (!this.stopped && (await this.runOnce()));
      return;
    }
    await new Promise<void>((resolve) => {
      this.drainWaiters.push(resolve);
      this.wake();
    });
  }

  private stop(): void {
    this.stopped = true;
    jobSignals.off('enqueued', this.onEnqueued);
    this.wake();
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  private wake(): void {
    this.poked = true;
    this.wakeUp?.();
  }

  private async runLoop(): Promise<void> {
    while (!this.stopped) {
      const waiting = this.drainWaiters.splice(0);
      this.poked = false;
      let worked = false;
      try {
        await this.sweepNow();
        worked = await this.runOnce();
      } catch (err) {
        if (!this.stopped) this.log.error({ err }, 'hàng đợi việc chạy nền: lỗi khi nhận việc');
      }
      if (worked) {
        this.drainWaiters.unshift(...waiting);
        continue;
      }
      for (const resolve of waiting) resolve();
      if (this.stopped || this.poked || this.drainWaiters.length) continue;
      await this.sleep(Date.now() - this.lastWorkAt < 10_000 ? this.busyPollMs : this.idlePollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wakeUp = done;
    });
  }

  /** Deletes finished jobs past their expiry, with their files; returns how many. */
  async sweep(): Promise<number> {
    this.lastSweepAt = Date.now();
    return this.repo.deleteExpired();
  }

  private async sweepNow(): Promise<void> {
    if (Date.now() - this.lastSweepAt >= this.sweepEveryMs) await this.sweep();
  }

  /** Claims and runs one due job; false when none was due. */
  private async runOnce(): Promise<boolean> {
    const job = await this.repo.claim(this.id, [...this.handlers.keys()], this.leaseMs);
    if (!job) return false;
    this.lastWorkAt = Date.now();
    await this.execute(job);
    this.lastWorkAt = Date.now();
    return true;
  }

  private async execute(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind)!;
    const keepMs = handler.keepMs ?? HOUR;
    // Taken over after its server died too many times (attempts are counted when claimed).
    if (job.attempts > job.maxAttempts) {
      await this.repo.fail(job.id, this.id, handler.failureMessage, keepMs);
      return;
    }
    const lease = (this.current = new AbortController());
    const progress = progressWriter(this.repo, job, this.id, { lease, isDead: () => this.dead, log: this.log });
    let renewing = false;
    const renew = setInterval(() => {
      if (renewing || this.dead) return;
      renewing = true;
      this.repo
        .renew(job.id, this.id, this.leaseMs)
        .then((held) => held || lease.abort(), (err: unknown) => this.log.warn({ err, jobId: job.id }, 'không gia hạn được việc chạy nền'))
        .finally(() => (renewing = false));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    renew.unref();
    const ctx: JobContext = {
      job,
      signal: lease.signal,
      input: async () => {
        const file = await this.repo.file(job.id, 'input');
        if (!file) throw new AppError('NOT_FOUND', 'Không còn tệp đầu vào của việc này; hãy gửi lại tệp.');
        return file.content;
      },
      progress: progress.set,
      checkpoint: async (state, opts = {}) => {
        if (this.dead || lease.signal.aborted) throw new LeaseLostError();
        const percent = opts.progress === undefined ? undefined : progress.clamp(opts.progress);
        const held = await this.repo.saveProgress(job.id, this.id, { checkpoint: state, progress: percent }, opts.tx);
        if (!held || this.dead) throw new LeaseLostError();
        if (percent !== undefined) progress.saved(percent);
      },
    };
    try {
      const outcome = (await handler.run(ctx)) ?? {};
      await progress.settle();
      if (this.dead) return;
      if (!(await this.repo.complete(job.id, this.id, { ...outcome, keepMs }))) this.log.warn({ jobId: job.id }, 'việc chạy nền đã do máy chủ khác nhận');
    } catch (err) {
      await progress.settle();
      if (this.dead || err instanceof LeaseLostError) return;
      if (err instanceof AppError) {
        await this.repo.fail(job.id, this.id, err.message, keepMs);
        return;
      }
      this.log.error({ err, jobId: job.id, kind: job.kind, attempt: job.attempts }, 'việc chạy nền bị lỗi');
      if (job.attempts < job.maxAttempts) await this.repo.retryLater(job.id, this.id, this.retryDelay(job.attempts));
      else await this.repo.fail(job.id, this.id, handler.failureMessage, keepMs);
    } finally {
      clearInterval(renew);
      this.current = undefined;
    }
  }
}
