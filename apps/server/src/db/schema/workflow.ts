/**
 * Accounts and sign-in, and the assessment workflow: assignments, stages, leaf scores, evidence,
 * audit log, publications and notifications.
 */
import { check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { CycleResultsDto, LeafInputs } from '@parindex/contracts';
import { RESPONSES, ROLES, UNIT_STAGES, UNIT_STAGE_STATUSES, createdAt, inList } from './common.ts';
import { cycles, units } from './core.ts';
import { memberOfCycle } from './cycle-member.ts';

/** Tài khoản: one person; unit roles belong to a unit, appraisers may too (never appraising it). */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull().unique('users_username_unique'),
    fullName: text('full_name').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    unitId: text('unit_id').references(() => units.id),
    active: integer('active').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [check('users_role_check', inList('role', ROLES))],
);

/** Phiên đăng nhập: the cookie carries a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins counted per key — the account from one address (`a:<username>|<ip>`), the
 * account from anywhere (`a:<username>`), one address across accounts (`ip:<ip>`) — within a
 * window; a key past its limit is locked until `locked_until`. Keys name the typed username,
 * whether or not the account exists, so the answers never tell which accounts exist.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  attempts: integer('attempts').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});

/** Phân công thẩm định: an appraiser scores one node (field, criterion or leaf) and everything under it, for every unit but their own. */
export const appraiserAssignments = pgTable(
  'appraiser_assignments',
  {
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    nodeCode: text('node_code').notNull(),
  },
  (t) => [primaryKey({ name: 'appraiser_assignments_pk', columns: [t.cycleId, t.userId, t.nodeCode] })],
);

/** Where a unit stands in a stage: draft, submitted (locked) or returned (unlocked, with a reason). */
export const unitStages = pgTable(
  'unit_stages',
  {
    cycleId: text('cycle_id').notNull(),
    unitId: text('unit_id').notNull(),
    stage: text('stage', { enum: UNIT_STAGES }).notNull(),
    status: text('status', { enum: UNIT_STAGE_STATUSES }).notNull(),
    note: text('note'),
    changedBy: text('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'unit_stages_pk', columns: [t.cycleId, t.unitId, t.stage] }),
    memberOfCycle('unit_stages_cycle_unit_fk', t.cycleId, t.unitId, true),
    check('unit_stages_stage_check', inList('stage', UNIT_STAGES)),
    check('unit_stages_status_check', inList('status', UNIT_STAGE_STATUSES)),
  ],
);

/** A unit's raw inputs and points for one leaf of the rubric; `revision` grows on every change. */
export const leafScores = pgTable(
  'leaf_scores',
  {
    cycleId: text('cycle_id').notNull(),
    unitId: text('unit_id').notNull(),
    leafCode: text('leaf_code').notNull(),
    inputs: jsonb('inputs').$type<LeafInputs>().notNull(),
    points: numeric('points'),
    revision: integer('revision').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    // Each stage's score and reason (tự chấm → đề xuất thẩm định → giải trình → Hội đồng → cuối cùng).
    // `points` above is what the engine uses: null while self-assessed (the engine scores the inputs),
    // the final points once the council stage is approved.
    selfPoints: numeric('self_points'),
    selfNote: text('self_note'),
    proposedPoints: numeric('proposed_points'),
    proposedReason: text('proposed_reason'),
    proposedBy: text('proposed_by'),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }),
    response: text('response', { enum: RESPONSES }),
    responseText: text('response_text'),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    councilPoints: numeric('council_points'),
    councilReason: text('council_reason'),
    councilBy: text('council_by'),
    councilAt: timestamp('council_at', { withTimezone: true, mode: 'date' }),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ name: 'leaf_scores_pk', columns: [t.cycleId, t.unitId, t.leafCode] }),
    // deleteLeafScores(cycle, leaves) and "every unit's score on one leaf" (appraisal by field).
    index('leaf_scores_cycle_leaf_idx').on(t.cycleId, t.leafCode),
    memberOfCycle('leaf_scores_cycle_unit_fk', t.cycleId, t.unitId, false),
  ],
);

/** Tài liệu kiểm chứng: an uploaded file with the document's particulars; its bytes in document_blobs. */
export const evidenceDocuments = pgTable(
  'evidence_documents',
  {
    id: text('id').primaryKey(),
    cycleId: text('cycle_id').notNull(),
    unitId: text('unit_id').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** Số, ký hiệu văn bản (e.g. 12/KH-UBND). */
    numberSymbol: text('number_symbol'),
    issuedDate: date('issued_date', { mode: 'string' }),
    issuer: text('issuer'),
    signer: text('signer'),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_documents_unit_idx').on(t.cycleId, t.unitId), memberOfCycle('evidence_documents_cycle_unit_fk', t.cycleId, t.unitId, false)],
);

export const documentBlobs = pgTable('document_blobs', {
  documentId: text('document_id')
    .primaryKey()
    .references(() => evidenceDocuments.id, { onDelete: 'cascade' }),
  /** Base64 of the file: one text column both drivers return the same way. */
  content: text('content').notNull(),
});

/** A document cited for a leaf (one document may support several leaves), with the page that shows it. */
export const leafEvidence = pgTable(
  'leaf_evidence',
  {
    cycleId: text('cycle_id').notNull(),
    unitId: text('unit_id').notNull(),
    leafCode: text('leaf_code').notNull(),
    documentId: text('document_id')
      .notNull()
      .references(() => evidenceDocuments.id, { onDelete: 'cascade' }),
    page: text('page'),
  },
  (t) => [primaryKey({ name: 'leaf_evidence_pk', columns: [t.cycleId, t.unitId, t.leafCode, t.documentId] })],
);

/** Nhật ký: who changed what, when, from what to what, and why. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    userId: text('user_id'),
    userName: text('user_name'),
    action: text('action').notNull(),
    cycleId: text('cycle_id'),
    unitId: text('unit_id'),
    subject: text('subject'),
    before: jsonb('before').$type<unknown>(),
    after: jsonb('after').$type<unknown>(),
    reason: text('reason'),
  },
  (t) => [index('audit_log_cycle_idx').on(t.cycleId, t.unitId, t.subject), index('audit_log_at_idx').on(t.at)],
);

/** Công bố: each published version of a cycle's results, frozen; a correction is a new version with its reason. */
export const publications = pgTable(
  'publications',
  {
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    decisionNumber: text('decision_number').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    reason: text('reason'),
    results: jsonb('results').$type<CycleResultsDto>().notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'publications_pk', columns: [t.cycleId, t.version] })],
);

/** Thông báo trong ứng dụng (reminders, returns, decisions); also sent by e-mail when SMTP is configured. */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);
