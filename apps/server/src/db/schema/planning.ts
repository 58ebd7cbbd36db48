/** Planning and the portal: external indices and their targets, remediation actions, announcements. */
import { check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { ACTION_STATUSES, EXTERNAL_INDICES, createdAt, inList } from './common.ts';
import { cycles, units } from './core.ts';

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
