/**
 * The job table (jobs, job_files) in SQL both PGlite and PostgreSQL 15+ accept. A server claims a
 * due job with one statement (`FOR UPDATE SKIP LOCKED`, so two servers never take the same job),
 * holds it by a lease, and every later write of that attempt is fenced by `locked_by`: once the
 * lease has passed to another server, the first one's writes change nothing.
 */
import { and, asc, eq, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { type JOB_KINDS, jobFiles, jobs } from '../db/schema.ts';

export type JobKind = (typeof JOB_KINDS)[number];
export type JobRow = typeof jobs.$inferSelect;
export type JobFileRole = 'input' | 'output';

export interface JobFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface NewJob {
  id: string;
  kind: JobKind;
  payload: Record<string, unknown>;
  userId?: string | null;
  maxAttempts?: number;
}

/** `now() + ms` on the database's clock, the one clock every server shares. */
const fromNow = (ms: number): SQL => sql`now() + (${Math.max(0, Math.round(ms))}::float8 * interval '1 millisecond')`;
const now = sql`now()`;

export class JobRepository {
  constructor(private readonly db: Db) {}

  /** Adds a queued job and its input file in one transaction. */
  async insert(job: NewJob, input?: JobFile): Promise<JobRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(jobs).values(toValues(job)).returning();
      if (input) await tx.insert(jobFiles).values(fileValues(job.id, 'input', input));
      return row!;
    });
  }

  /** Adds many queued jobs without files (e.g. one e-mail each) in one statement. */
  async insertMany(rows: NewJob[]): Promise<void> {
    if (rows.length) await this.db.insert(jobs).values(rows.map(toValues));
  }

  /**
   * Claims the oldest due job of these kinds: queued and due, or running with a lease that has
   * passed (its server died). Counts the attempt and leases the job to `workerId`.
   */
  async claim(workerId: string, kinds: readonly string[], leaseMs: number): Promise<JobRow | undefined> {
    if (kinds.length === 0) return undefined;
    const due = this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(inArray(jobs.kind, [...kinds]), or(and(eq(jobs.status, 'queued'), lte(jobs.runAfter, now)), and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now)))))
      .orderBy(asc(jobs.createdAt), asc(jobs.id))
      .limit(1)
      .for('update', { skipLocked: true });
    const [row] = await this.db
      .update(jobs)
      .set({ status: 'running', lockedBy: workerId, lockedUntil: fromNow(leaseMs), attempts: sql`${jobs.attempts} + 1`, startedAt: sql`coalesce(${jobs.startedAt}, now())` })
      .where(inArray(jobs.id, due))
      .returning();
    return row;
  }

  /** Extends the lease; false when the job is no longer this worker's. */
  async renew(id: string, workerId: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.update(jobs).set({ lockedUntil: fromNow(leaseMs) }).where(this.held(id, workerId)).returning({ id: jobs.id });
    return rows.length > 0;
  }

  /** Records progress and, when given, the checkpoint; `db` may be the transaction of the work it records. */
  async saveProgress(id: string, workerId: string, state: { progress?: number; checkpoint?: Record<string, unknown> }, db: Db = this.db): Promise<boolean> {
    const set: Partial<typeof jobs.$inferInsert> = {};
    if (state.progress !== undefined) set.progress = state.progress;
    if (state.checkpoint !== undefined) set.checkpoint = state.checkpoint;
    if (Object.keys(set).length === 0) return true;
    const rows = await db.update(jobs).set(set).where(this.held(id, workerId)).returning({ id: jobs.id });
    return rows.length > 0;
  }

  /** Marks the job done with its result and output file, kept `keepMs`; false when it was not this worker's. */
  async complete(id: string, workerId: string, done: { result?: Record<string, unknown>; output?: JobFile; keepMs: number }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .update(jobs)
        .set({ status: 'done', progress: 100, result: done.result ?? null, error: null, lockedBy: null, lockedUntil: null, finishedAt: now, expiresAt: fromNow(done.keepMs) })
        .where(this.held(id, workerId))
        .returning({ id: jobs.id });
      if (rows.length === 0) return false;
      if (done.output) {
        const values = fileValues(id, 'output', done.output);
        await tx.insert(jobFiles).values(values).onConflictDoUpdate({ target: [jobFiles.jobId, jobFiles.role], set: values });
      }
      return true;
    });
  }

  /** Marks the job failed with the message for the user, kept `keepMs`. */
  async fail(id: string, workerId: string, error: string, keepMs: number): Promise<boolean> {
    const rows = await this.db
      .update(jobs)
      .set({ status: 'failed', error, lockedBy: null, lockedUntil: null, finishedAt: now, expiresAt: fromNow(keepMs) })
      .where(this.held(id, workerId))
      .returning({ id: jobs.id });
    return rows.length > 0;
  }

  /** Puts the job back in the queue, due after `delayMs`; its checkpoint stays for the next attempt. */
  async retryLater(id: string, workerId: string, delayMs: number): Promise<boolean> {
    const rows = await this.db
      .update(jobs)
      .set({ status: 'queued', lockedBy: null, lockedUntil: null, runAfter: fromNow(delayMs) })
      .where(this.held(id, workerId))
      .returning({ id: jobs.id });
    return rows.length > 0;
  }

  async find(id: string): Promise<JobRow | undefined> {
    const [row] = await this.db.select().from(jobs).where(eq(jobs.id, id));
    return row;
  }

  async file(id: string, role: JobFileRole): Promise<JobFile | undefined> {
    const [row] = await this.db.select().from(jobFiles).where(and(eq(jobFiles.jobId, id), eq(jobFiles.role, role)));
    return row ? { fileName: row.fileName, contentType: row.contentType, content: Buffer.from(row.content, 'base64') } : undefined;
  }

  /** Jobs of this kind waiting or running, on every server. */
  async countActive(kind: JobKind): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(and(eq(jobs.kind, kind), inArray(jobs.status, ['queued', 'running'])));
    return Number(row?.n ?? 0);
  }

  /** The oldest job of this kind waiting or running whose payload has these values (e.g. a cycle's scoring run). */
  async findActive(kind: JobKind, match: Record<string, string>): Promise<JobRow | undefined> {
    const same = Object.entries(match).map(([key, value]) => sql`${jobs.payload} ->> ${key}::text = ${value}::text`);
    const [row] = await this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, kind), inArray(jobs.status, ['queued', 'running']), ...same))
      .orderBy(asc(jobs.createdAt), asc(jobs.id))
      .limit(1);
    return row;
  }

  /**
   * Holds, until this transaction ends, the advisory lock of (namespace, hash of key) — e.g. a
   * cycle's scoring runs — so a check for an active job and the insert are one step on every server.
   */
  async lockKey(namespace: number, key: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${namespace}::int, hashtext(${key}::text))`);
  }

  /** Replaces a job's payload (e.g. to add who else asked for it). */
  async setPayload(id: string, payload: Record<string, unknown>): Promise<void> {
    await this.db.update(jobs).set({ payload }).where(eq(jobs.id, id));
  }

  /** Deletes finished jobs past their expiry (their files go with them); returns how many. */
  async deleteExpired(): Promise<number> {
    const rows = await this.db.delete(jobs).where(and(inArray(jobs.status, ['done', 'failed']), lte(jobs.expiresAt, now))).returning({ id: jobs.id });
    return rows.length;
  }

  private held(id: string, workerId: string): SQL {
    return and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId))!;
  }
}

function toValues(job: NewJob): typeof jobs.$inferInsert {
  return { id: job.id, kind: job.kind, payload: job.payload, userId: job.userId ?? null, ...(job.maxAttempts !== undefined && { maxAttempts: job.maxAttempts }) };
}

function fileValues(jobId: string, role: JobFileRole, file: JobFile): typeof jobFiles.$inferInsert {
  return { jobId, role, fileName: file.fileName, contentType: file.contentType, content: file.content.toString('base64'), size: file.content.length };
}
