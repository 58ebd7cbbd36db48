/**
 * State every server of one installation shares through the database (several servers on one
 * PostgreSQL; the embedded database alike): background jobs with their files, rate-limit
 * counters of public routes, and the installation's own settings (what the demo seed created).
 */
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, inList } from './common.ts';
import { users } from './workflow.ts';

export const JOB_KINDS = ['export', 'survey_import', 'score_run', 'email'] as const;
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

/**
 * A background job (việc chạy nền): an export, a survey-response import, a scoring run or one
 * e-mail of the outbox. Any server claims a due job with `FOR UPDATE SKIP LOCKED`, holds it by a
 * lease (`locked_until`, renewed while it works) and, when its server dies, another takes it over
 * after the lease. `checkpoint` is where resumable work has got to (an import: rows committed).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    /** What to do: the kind's own parameters (never a secret). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Who asked; only they (and the administrator) see the job. Null for the system's own jobs. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** 0–100 for the progress bar. */
    progress: integer('progress').notNull().default(0),
    /** Resumable work's position and counters (e.g. { rows, stored, totalRows }). */
    checkpoint: jsonb('checkpoint').$type<Record<string, unknown>>(),
    /** What the job produced, shown to the user (an import's report; an export's file is in job_files). */
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** A message for the user when it failed. */
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    /** Not before this time (retry backoff). */
    runAfter: timestamp('run_after', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** The server working on it (host:pid:random) and until when its lease holds. */
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    /** When a finished job and its files are deleted. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    check('jobs_kind_check', inList('kind', JOB_KINDS)),
    check('jobs_status_check', inList('status', JOB_STATUSES)),
    index('jobs_due_idx').on(t.status, t.runAfter),
    index('jobs_user_idx').on(t.userId, t.createdAt),
  ],
);

/** A job's files: what it was given (`input`, e.g. the uploaded CSV) and what it made (`output`). */
export const jobFiles = pgTable(
  'job_files',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    /** Base64 of the file: one text column both drivers return the same way (like document_blobs). */
    content: text('content').notNull(),
    size: integer('size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.role] }), check('job_files_role_check', inList('role', ['input', 'output']))],
);

/**
 * Rate-limit counters of the public routes (survey form, sign-in), shared by every server:
 * hits of one key (an address, a link, a desk) within the window starting at `window_start`.
 */
export const rateLimitHits = pgTable('rate_limit_hits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** The installation's settings, one JSON value per key (e.g. `demo`: what the demo seed created). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
