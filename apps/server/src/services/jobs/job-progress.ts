/**
 * A running job's progress bar: kept monotonic, 0–99 while working (100 is written with the
 * outcome), saved in the background at most every 200 ms and one write at a time, so a task that
 * reports progress thousands of times costs a few writes. A write that finds the job no longer
 * this worker's aborts the lease.
 */
import type { JobRepository, JobRow } from '../../repositories/job.repository.ts';
import type { Logger } from './job-worker.ts';

export interface ProgressWriter {
  clamp(percent: number): number;
  /** A new figure from the task (ignored unless higher). */
  set(percent: number): void;
  /** A figure already saved with a checkpoint. */
  saved(percent: number): void;
  /** Stops writing and waits for the write in flight. */
  settle(): Promise<void>;
}

export function progressWriter(repo: JobRepository, job: JobRow, workerId: string, deps: { lease: AbortController; isDead: () => boolean; log: Logger }): ProgressWriter {
  const { lease, isDead, log } = deps;
  let shown = job.progress;
  let written = job.progress;
  let lastAt = 0;
  let writing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const clamp = (p: number) => Math.max(0, Math.min(99, Math.floor(p)));
  const flush = () => {
    timer = undefined;
    if (closed || writing || shown === written || isDead() || lease.signal.aborted) return;
    const value = shown;
    writing = repo
      .saveProgress(job.id, workerId, { progress: value })
      .then(
        (held) => {
          written = value;
          if (!held) lease.abort();
        },
        (err: unknown) => log.warn({ err, jobId: job.id }, 'không lưu được tiến độ'),
      )
      .finally(() => {
        writing = undefined;
        lastAt = Date.now();
        if (shown !== written) schedule();
      });
  };
  const schedule = () => {
    if (closed) return;
    timer ??= setTimeout(flush, Math.max(0, lastAt + 200 - Date.now()));
    timer.unref();
  };
  return {
    clamp,
    set(p) {
      const v = clamp(p);
      if (v > shown) {
        shown = v;
        schedule();
      }
    },
    saved(p) {
      shown = Math.max(shown, p);
      written = Math.max(written, p);
    },
    async settle() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await writing;
    },
  };
}
