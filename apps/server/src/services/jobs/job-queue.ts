/**
 * Background jobs (việc chạy nền) kept in the database: an export, a survey-response import, one
 * e-mail of the outbox. Any process — a server, the CLI — enqueues a job by inserting its row;
 * the worker loop of every server (job-worker.ts) claims due jobs, so a job started on one server
 * is run, polled and downloaded on any other and survives a restart.
 *
 * Why our own small queue rather than pg-boss or graphile-worker: both need Node 22 and a
 * node-postgres Pool with LISTEN/NOTIFY, and the embedded database (PGlite) is one connection in
 * this process. A table, one claiming statement (FOR UPDATE SKIP LOCKED) and a lease are enough
 * for a province's load and run the same on both backends.
 */
import { EventEmitter } from 'node:events';
import type { Db } from '../../db/database.ts';
import { newId } from '../../db/sql-helpers.ts';
import { type JobFile, type JobKind, JobRepository, type JobRow } from '../../repositories/job.repository.ts';

export type { JobFile, JobKind, JobRow } from '../../repositories/job.repository.ts';

/**
 * Tells the workers of this process that a job was enqueued, so they claim it at once instead of
 * at their next poll. Workers of other servers find it at their next poll.
 */
export const jobSignals = new EventEmitter();
jobSignals.setMaxListeners(0);

export interface EnqueueOptions {
  /** Who asked (they alone see the job); null for the system's own jobs. */
  userId?: string | null;
  /** The file the job works on (e.g. the uploaded CSV), stored with it. */
  input?: JobFile;
  /** Attempts before the job fails for good (default 5). */
  maxAttempts?: number;
}

/** Adds a job to the queue and returns its row (status "queued"). */
export async function enqueueJob(db: Db, kind: JobKind, payload: Record<string, unknown>, opts: EnqueueOptions = {}): Promise<JobRow> {
  const row = await new JobRepository(db).insert({ id: newId(), kind, payload, userId: opts.userId ?? null, maxAttempts: opts.maxAttempts }, opts.input);
  jobSignals.emit('enqueued', kind);
  return row;
}

/** Adds one job per payload (no files), in one statement. */
export async function enqueueJobs(db: Db, kind: JobKind, payloads: Record<string, unknown>[], opts: Omit<EnqueueOptions, 'input'> = {}): Promise<number> {
  if (payloads.length === 0) return 0;
  await new JobRepository(db).insertMany(payloads.map((payload) => ({ id: newId(), kind, payload, userId: opts.userId ?? null, maxAttempts: opts.maxAttempts })));
  jobSignals.emit('enqueued', kind);
  return payloads.length;
}

/** A job as it is now, on whichever server it runs. */
export function findJob(db: Db, id: string): Promise<JobRow | undefined> {
  return new JobRepository(db).find(id);
}
