/**
 * The one database schema, shared by the embedded PGlite and PostgreSQL. drizzle-kit generates
 * the migrations in apps/server/drizzle from this file (`npm run db:generate`).
 *
 * Choices that matter:
 * - ids are text, generated in the app (crypto.randomUUID()), so rows can be built before insert;
 * - points are `numeric` without precision: drizzle returns them as strings and they stay exact
 *   strings end to end (never JS floats); survey points and indices may carry many decimals;
 * - every table owned by a cycle references `cycle_units(cycle_id, unit_id)`, so scores,
 *   exclusions and totals can exist only for units taking part in the cycle. Data people entered
 *   (scores, exclusions, imported totals) blocks removing the unit from the cycle (NO ACTION);
 *   computed results are derived and go with it (CASCADE).
 * - only check constraints on closed vocabularies; domain rules live in the engine and services.
 *
 * Type-only imports here: drizzle-kit loads this file outside the app's module resolution.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { ChangeDto, CycleResultsDto, GroupSummaryDto, Questionnaire, LeafInputs, PeerGroup, RubricDocument, RubricSettings } from '@parindex/contracts';

export const UNIT_KINDS = ['department', 'special_department', 'commune', 'district'] as const;
export const CYCLE_STATUSES = ['draft', 'open', 'appraisal', 'council', 'approved', 'published', 'closed'] as const;
export const CYCLE_SOURCES = ['assessed', 'imported'] as const;
export const ROLES = ['admin', 'secretariat', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'council_chair', 'leader'] as const;
export type Role = (typeof ROLES)[number];
/** Stages of a unit's part in a cycle: self-assessment, then its answer to the appraisal (giải trình). */
export const UNIT_STAGES = ['self', 'explanation'] as const;
export const UNIT_STAGE_STATUSES = ['draft', 'submitted', 'returned'] as const;
export const RESPONSES = ['accepted', 'explained'] as const;

/** Deadlines of a cycle's stages (ISO dates, inclusive). */
export interface CycleDeadlines {
  self?: string;
  appraisal?: string;
  explanation?: string;
  council?: string;
}

/** Settings of an imported cycle (no rubric): how its published table is classified, tied and grouped. */
export interface ImportedCycleSettings {
  bands: RubricSettings['bands'];
  ties: RubricSettings['ties'];
  peerGroups: PeerGroup[];
  /**
   * Published lines over several peer groups (e.g. "Khối sở, ban, ngành" = departments + special
   * departments), code = member codes joined by "+". On an assessed cycle the column holds only
   * this key (the rubric version has the rest).
   */
  combinedGroups?: { code: string; name: string; groups: string[] }[];
}

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/** Đơn vị: a department, special department, commune or (before 7/2025) district. */
export const units = pgTable(
  'units',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique('units_code_unique'),
    name: text('name').notNull(),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('units_kind_check', inList('kind', UNIT_KINDS))],
);

/** Which old units became which new one (sáp nhập), with a weight, for comparable baselines across the 2025 restructuring. */
export const unitLineage = pgTable(
  'unit_lineage',
  {
    id: text('id').primaryKey(),
    predecessorId: text('predecessor_id').notNull().references(() => units.id),
    successorId: text('successor_id').notNull().references(() => units.id),
    weight: numeric('weight').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
  },
  (t) => [
    unique('unit_lineage_pair_unique').on(t.predecessorId, t.successorId),
    index('unit_lineage_successor_idx').on(t.successorId),
    check('unit_lineage_not_self_check', sql`${t.predecessorId} <> ${t.successorId}`),
    check('unit_lineage_weight_check', sql`${t.weight} >= 0`),
  ],
);

/** Bộ chỉ số: one immutable version of a rubric document; a change is a new version. */
export const rubricVersions = pgTable(
  'rubric_versions',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    document: jsonb('document').$type<RubricDocument>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('rubric_versions_code_version_unique').on(t.code, t.version)],
);

/** Kỳ đánh giá: one assessment year run with one rubric version, or a published table imported as is. */
export const cycles = pgTable(
  'cycles',
  {
    id: text('id').primaryKey(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: CYCLE_STATUSES }).notNull().default('draft'),
    source: text('source', { enum: CYCLE_SOURCES }).notNull(),
    rubricVersionId: text('rubric_version_id').references(() => rubricVersions.id),
    settings: jsonb('settings').$type<ImportedCycleSettings>(),
    deadlines: jsonb('deadlines').$type<CycleDeadlines>().notNull().default({}),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('cycles_year_idx').on(t.year),
    index('cycles_rubric_version_idx').on(t.rubricVersionId),
    check('cycles_status_check', inList('status', CYCLE_STATUSES)),
    check('cycles_source_check', inList('source', CYCLE_SOURCES)),
  ],
);

/** The units taking part in a cycle and the peer group (nhóm) each is ranked in. */
export const cycleUnits = pgTable(
  'cycle_units',
  {
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    peerGroup: text('peer_group').notNull(),
  },
  (t) => [primaryKey({ name: 'cycle_units_pk', columns: [t.cycleId, t.unitId] }), index('cycle_units_unit_idx').on(t.unitId)],
);

/** Reference to the unit's membership in the cycle; `cascade` only for derived data. */
const memberOfCycle = (name: string, cycleId: AnyPgColumn, unitId: AnyPgColumn, cascade: boolean) => {
  const fk = foreignKey({ name, columns: [cycleId, unitId], foreignColumns: [cycleUnits.cycleId, cycleUnits.unitId] });
  return cascade ? fk.onDelete('cascade') : fk;
};

/** Loại trừ: a node (and everything under it) not applicable to a unit in a cycle, with its legal basis (căn cứ). */
export const unitExclusions = pgTable(
  'unit_exclusions',
  {
    cycleId: text('cycle_id').notNull(),
    unitId: text('unit_id').notNull(),
    nodeCode: text('node_code').notNull(),
    basis: text('basis').notNull(),
  },
  (t) => [
    primaryKey({ name: 'unit_exclusions_pk', columns: [t.cycleId, t.unitId, t.nodeCode] }),
    memberOfCycle('unit_exclusions_cycle_unit_fk', t.cycleId, t.unitId, false),
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

/** The totals of a published results table imported as is (older years, no leaf scores). */
export const importedTotals = pgTable(
  'imported_totals',
  {
    cycleId: text('cycle_id').notNull(),
    unitId: text('unit_id').notNull(),
    appraised: numeric('appraised').notNull(),
    survey: numeric('survey').notNull(),
    maxPoints: numeric('max_points').notNull(),
    publishedIndex: numeric('published_index'),
    publishedClass: text('published_class'),
    publishedOrder: integer('published_order'),
  },
  (t) => [
    primaryKey({ name: 'imported_totals_pk', columns: [t.cycleId, t.unitId] }),
    memberOfCycle('imported_totals_cycle_unit_fk', t.cycleId, t.unitId, false),
  ],
);

/** Kết quả: one unit's computed result in a cycle; replaced as a whole on every computation. */
export const unitResults = pgTable(
  'unit_results',
  {
    cycleId: text('cycle_id').notNull(),
    unitId: text('unit_id').notNull(),
    peerGroup: text('peer_group').notNull(),
    appraised: numeric('appraised').notNull(),
    survey: numeric('survey').notNull(),
    bonus: numeric('bonus').notNull(),
    deduction: numeric('deduction').notNull(),
    total: numeric('total').notNull(),
    maxPoints: numeric('max_points').notNull(),
    indexExact: numeric('index_exact').notNull(),
    classification: text('classification').notNull(),
    rank: integer('rank').notNull(),
    ord: integer('ord').notNull(),
    /** Component indices per field / criterion, as the engine computes them. */
    components: jsonb('components').$type<unknown>().notNull(),
    change: jsonb('change').$type<ChangeDto>(),
  },
  (t) => [
    primaryKey({ name: 'unit_results_pk', columns: [t.cycleId, t.unitId] }),
    memberOfCycle('unit_results_cycle_unit_fk', t.cycleId, t.unitId, true),
  ],
);

/** Group figures (mean, highest, lowest, count per class) of one peer group in a cycle. */
export const groupResults = pgTable(
  'group_results',
  {
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    peerGroup: text('peer_group').notNull(),
    summary: jsonb('summary').$type<GroupSummaryDto>().notNull(),
  },
  (t) => [primaryKey({ name: 'group_results_pk', columns: [t.cycleId, t.peerGroup] })],
);

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

/** Phiếu khảo sát of a cycle: the questionnaire document (packages/contracts survey.ts) as data. */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: text('id').primaryKey(),
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    document: jsonb('document').$type<Questionnaire>().notNull(),
    /** Responses carry the respondent's name only when the survey is declared identified. */
    identified: integer('identified').notNull().default(0),
    open: integer('open').notNull().default(1),
    /**
     * Collection window (survey-windows.ts): responses are accepted while open = 1 and today
     * (Vietnam time) is within opens_on … closes_on, both inclusive, either optional.
     */
    opensOn: date('opens_on', { mode: 'string' }),
    closesOn: date('closes_on', { mode: 'string' }),
    /** When it was last closed by hand (shown in the public form's message); null while open. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [unique('questionnaires_code_unique').on(t.code)],
);

/** Sample plan (cỡ mẫu) per evaluated unit × respondent group: n = N / (1 + N·e²). */
export const surveyTargets = pgTable(
  'survey_targets',
  {
    questionnaireId: text('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    respondentGroup: text('respondent_group').notNull(),
    transactions: integer('transactions'),
    margin: numeric('margin'),
    target: integer('target').notNull(),
  },
  (t) => [primaryKey({ name: 'survey_targets_pk', columns: [t.questionnaireId, t.unitId, t.respondentGroup] })],
);

/** One-time links: the token is given once (link, QR) and stored as its SHA-256. */
export const surveyTokens = pgTable(
  'survey_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    questionnaireId: text('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').references(() => units.id),
    respondentGroup: text('respondent_group').notNull(),
    /** Who it was sent to — kept only for identified surveys, never exported otherwise. */
    label: text('label'),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    responseId: text('response_id'),
    createdAt: createdAt(),
  },
  (t) => [index('survey_tokens_questionnaire_idx').on(t.questionnaireId)],
);

/** Kiosk at a one-stop desk (Bộ phận Một cửa): anonymous, one QR per desk. */
export const surveyDesks = pgTable(
  'survey_desks',
  {
    code: text('code').primaryKey(),
    questionnaireId: text('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    respondentGroup: text('respondent_group').notNull(),
    requireDossier: integer('require_dossier').notNull().default(0),
    active: integer('active').notNull().default(1),
    /** The desk's own window, inside its questionnaire's (survey-windows.ts). */
    opensOn: date('opens_on', { mode: 'string' }),
    closesOn: date('closes_on', { mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('survey_desks_questionnaire_idx').on(t.questionnaireId)],
);

/** Phiếu trả lời: the id is made on the device, so a form sent twice is stored once. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: text('id').primaryKey(),
    questionnaireId: text('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    unitId: text('unit_id'),
    respondentGroup: text('respondent_group').notNull(),
    channel: text('channel').notNull(),
    answers: jsonb('answers').$type<Record<string, string | string[]>>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    durationSeconds: integer('duration_seconds'),
    deskCode: text('desk_code'),
    /** Keyed hash of the one-stop dossier code: proves a real transaction without storing it. */
    dossierHash: text('dossier_hash'),
    respondentName: text('respondent_name'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    excludedReason: text('excluded_reason'),
    excludedBy: text('excluded_by'),
  },
  (t) => [index('survey_responses_questionnaire_idx').on(t.questionnaireId, t.unitId), index('survey_responses_questionnaire_id_idx').on(t.questionnaireId, t.id)],
);

/** Nhập phiếu giấy: each paper form typed twice; the response is stored only when both entries agree. */
export const surveyPaperEntries = pgTable(
  'survey_paper_entries',
  {
    questionnaireId: text('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'cascade' }),
    /** The number written on the paper form. */
    serial: text('serial').notNull(),
    entryNo: integer('entry_no').notNull(),
    respondentGroup: text('respondent_group').notNull(),
    unitCode: text('unit_code'),
    answers: jsonb('answers').$type<Record<string, string | string[]>>().notNull(),
    enteredBy: text('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'survey_paper_entries_pk', columns: [t.questionnaireId, t.serial, t.entryNo] })],
);

export const EXTERNAL_INDICES = ['par_index', 'sipas', 'papi', 'pci'] as const;

/** The province's own national results (Chỉ số CCHC do Bộ Nội vụ công bố, SIPAS, PAPI, PCI) per year. */
export const externalIndexResults = pgTable(
  'external_index_results',
  {
    id: text('id').primaryKey(),
    indexCode: text('index_code', { enum: EXTERNAL_INDICES }).notNull(),
    year: integer('year').notNull(),
    /** Points or percentage as published (exact decimal string). */
    value: numeric('value').notNull(),
    maxValue: numeric('max_value'),
    rank: integer('rank'),
    /** Out of how many provinces (63 before 7/2025, 34 after). */
    rankOf: integer('rank_of'),
    /** e.g. PAR Index group A/B/C, PCI "Khá". */
    grade: text('grade'),
    /** Component values (PAR Index fields, PAPI's 8 dimensions, PCI sub-indices): [{code, name, value, max}]. */
    components: jsonb('components').$type<{ code: string; name: string; value: string; max?: string | null }[]>().notNull().default([]),
    source: text('source'),
    createdAt: createdAt(),
  },
  (t) => [unique('external_index_results_unique').on(t.indexCode, t.year), check('external_index_results_code_check', inList('index_code', EXTERNAL_INDICES))],
);

/** Mục tiêu: e.g. PAR Index "top 20", SIPAS ≥ 85%, for a year. */
export const externalIndexTargets = pgTable(
  'external_index_targets',
  {
    indexCode: text('index_code', { enum: EXTERNAL_INDICES }).notNull(),
    year: integer('year').notNull(),
    targetRank: integer('target_rank'),
    targetValue: numeric('target_value'),
    note: text('note'),
  },
  (t) => [primaryKey({ name: 'external_index_targets_pk', columns: [t.indexCode, t.year] })],
);

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;

/** Kế hoạch khắc phục: an action on a leaf where a unit lost points, carried into the next cycle. */
export const remediationActions = pgTable(
  'remediation_actions',
  {
    id: text('id').primaryKey(),
    /** The cycle whose results revealed the loss. */
    cycleId: text('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    leafCode: text('leaf_code').notNull(),
    /** Points lost on the leaf when the action was planned (exact). */
    pointsLost: numeric('points_lost'),
    action: text('action').notNull(),
    owner: text('owner').notNull(),
    deadline: date('deadline', { mode: 'string' }),
    status: text('status', { enum: ACTION_STATUSES }).notNull().default('planned'),
    note: text('note'),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index('remediation_actions_unit_idx').on(t.unitId, t.cycleId), check('remediation_actions_status_check', inList('status', ACTION_STATUSES))],
);

/** Thông báo on the public portal (published by the secretariat). */
export const announcements = pgTable('announcements', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  cycleId: text('cycle_id').references(() => cycles.id, { onDelete: 'set null' }),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
});
