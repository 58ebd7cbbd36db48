/** Units and their lineage, rubric versions, cycles and the units taking part in them. */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { PeerGroup, RubricDocument, RubricSettings } from '@parindex/contracts';
import { CYCLE_SOURCES, CYCLE_STATUSES, UNIT_KINDS, createdAt, inList } from './common.ts';

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
