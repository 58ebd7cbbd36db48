/** Surveys: questionnaires, sample targets, one-time tokens, kiosk desks, responses and paper entries. */
import { date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { Questionnaire } from '@parindex/contracts';
import { createdAt } from './common.ts';
import { units, cycles } from './core.ts';

/**
 * A collection window (services/surveys/survey-windows.ts): responses are accepted while open and
 * today (Vietnam time) is within opens_on … closes_on, both inclusive, either optional; closed_at is
 * when it was last closed by hand (shown in the public form's message), null while open.
 */
const collectionWindow = () => ({
  opensOn: date('opens_on', { mode: 'string' }),
  closesOn: date('closes_on', { mode: 'string' }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

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
    ...collectionWindow(),
    createdAt: createdAt(),
  },
  (t) => [unique('questionnaires_code_unique').on(t.code)],
);

/** The questionnaire a row belongs to: deleted with it. */
const questionnaireRef = () =>
  text('questionnaire_id')
    .notNull()
    .references(() => questionnaires.id, { onDelete: 'cascade' });

/** Sample plan (cỡ mẫu) per evaluated unit × respondent group: n = N / (1 + N·e²). */
export const surveyTargets = pgTable(
  'survey_targets',
  {
    questionnaireId: questionnaireRef(),
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
    questionnaireId: questionnaireRef(),
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
    questionnaireId: questionnaireRef(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    respondentGroup: text('respondent_group').notNull(),
    requireDossier: integer('require_dossier').notNull().default(0),
    active: integer('active').notNull().default(1),
    /** The desk's own window, inside its questionnaire's. */
    ...collectionWindow(),
    createdAt: createdAt(),
  },
  (t) => [index('survey_desks_questionnaire_idx').on(t.questionnaireId)],
);

/** Phiếu trả lời: the id is made on the device, so a form sent twice is stored once. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: text('id').primaryKey(),
    questionnaireId: questionnaireRef(),
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
    questionnaireId: questionnaireRef(),
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
