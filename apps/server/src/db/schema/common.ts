/**
 * What the schema files share: the closed vocabularies (checked by `inList` constraints) and the
 * column / constraint helpers. Type-only imports from packages: drizzle-kit loads these files
 * outside the app's module resolution.
 */
import { sql } from 'drizzle-orm';
import { timestamp } from 'drizzle-orm/pg-core';

export const UNIT_KINDS = ['department', 'special_department', 'commune', 'district'] as const;
export const CYCLE_STATUSES = ['draft', 'open', 'appraisal', 'council', 'approved', 'published', 'closed'] as const;
export const CYCLE_SOURCES = ['assessed', 'imported'] as const;
export const ROLES = ['admin', 'secretariat', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'council_chair', 'leader'] as const;
export type Role = (typeof ROLES)[number];
/** Stages of a unit's part in a cycle: self-assessment, then its answer to the appraisal (giải trình). */
export const UNIT_STAGES = ['self', 'explanation'] as const;
export const UNIT_STAGE_STATUSES = ['draft', 'submitted', 'returned'] as const;
export const RESPONSES = ['accepted', 'explained'] as const;
export const EXTERNAL_INDICES = ['par_index', 'sipas', 'papi', 'pci'] as const;
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
