/** A cycle's per-unit data outside the workflow: exclusions, imported totals and computed results. */
import { integer, jsonb, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { ChangeDto, GroupSummaryDto } from '@parindex/contracts';
import { cycles } from './core.ts';
import { memberOfCycle } from './cycle-member.ts';

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
