/**
 * The one database schema, shared by the embedded PGlite and PostgreSQL. drizzle-kit generates
 * the migrations in apps/server/drizzle from it (`npm run db:generate`). The tables live in
 * schema/<area>.ts; this file only re-exports them, so importers keep using `db/schema.ts`.
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
 * Type-only imports from packages in schema/: drizzle-kit loads those files outside the app's
 * module resolution.
 *
 * Areas: core (units, lineage, rubric versions, cycles, cycle units), results (exclusions,
 * imported totals, computed results), workflow (accounts, sign-in, assignments, stages, leaf
 * scores, evidence, audit, publications, notifications), surveys, planning (external indices,
 * remediation, announcements), system (jobs and their files, rate-limit counters, settings). schema/common.ts holds the vocabularies and helpers; only the
 * vocabularies are re-exported. schema/cycle-member.ts is internal.
 */
export {
  ACTION_STATUSES,
  CYCLE_SOURCES,
  CYCLE_STATUSES,
  EXTERNAL_INDICES,
  RESPONSES,
  ROLES,
  UNIT_KINDS,
  UNIT_STAGES,
  UNIT_STAGE_STATUSES,
  type Role,
} from './schema/common.ts';
export * from './schema/core.ts';
export * from './schema/results.ts';
export * from './schema/workflow.ts';
export * from './schema/surveys.ts';
export * from './schema/planning.ts';
export * from './schema/system.ts';
