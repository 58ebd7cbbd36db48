import { z } from 'zod';
import { ScoringRule, StoredLeafInputs } from './rubric.ts';

/**
 * The workflow pages' shapes as the server presents them (apps/server/src/services/workflow/) and
 * apps/web/src/features/work reads them: the audit log, the stage gates' overrides, and a unit's
 * leaf in the appraisers' queue and before the council. Response shapes only.
 */

/** An audit log entry (GET /api/work/cycles/:id/audit, a leaf's history; workflow/audit.ts `listAudit`). */
export const AuditRow = z.object({
  id: z.string(),
  at: z.string(),
  userName: z.string().nullable(),
  action: z.string(),
  unitId: z.string().nullable(),
  subject: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;

/** A transition made although items of its checklist were unmet, as the audit log keeps it (cycle-lifecycle.service.ts). */
export const GateOverride = z.object({
  at: z.string(),
  userName: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  unmet: z.array(z.object({ code: z.string(), label: z.string(), count: z.string().nullable(), units: z.number() })),
});
export type GateOverride = z.infer<typeof GateOverride>;

/**
 * The points a leaf's rule can give, as exact decimal strings (the engine's `presentPointsDomain`
 * of `allowedPointsOf`; the engine keeps its own type of the same shape).
 */
export const PointsDomainDto = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('values'), values: z.array(z.string()) }),
  z.object({ kind: z.literal('steps'), step: z.string(), upTo: z.string(), extra: z.array(z.string()) }),
  z.object({ kind: z.literal('range'), max: z.string() }),
]);
export type PointsDomainDto = z.infer<typeof PointsDomainDto>;

/** The case of one unit's leaf: the leaf, the figures its rule can give, and the unit's row (workflow/leaf-case.ts). */
export const LeafCase = z.object({
  leafCode: z.string(),
  leafTitle: z.string(),
  max: z.string(),
  rule: ScoringRule,
  /** The figures a proposal or the council may give (engine: allowedPointsOf). */
  allowed: PointsDomainDto,
  /** The unit's raw inputs, for reading the case. */
  inputs: StoredLeafInputs.nullable(),
  selfPoints: z.string().nullable(),
  selfNote: z.string().nullable(),
  proposedPoints: z.string().nullable(),
  proposedReason: z.string().nullable(),
  responseText: z.string().nullable(),
  revision: z.number(),
});
export type LeafCase = z.infer<typeof LeafCase>;

/** A leaf in the appraiser's queue (GET /api/work/cycles/:id/appraisal; workflow/assessment-appraisal.ts). */
export const QueueItem = LeafCase.extend({
  unitId: z.string(),
  unitName: z.string(),
  field: z.string(),
  response: z.string().nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** A leaf before the council (GET /api/work/cycles/:id/council; workflow/council-items.ts). */
export const CouncilItem = LeafCase.extend({
  /** disputed: explained against a different proposal; unproposed: assigned, no proposal when appraisal ended. */
  kind: z.enum(['disputed', 'unproposed']),
  unitId: z.string(),
  unitName: z.string(),
  councilPoints: z.string().nullable(),
  councilReason: z.string().nullable(),
});
export type CouncilItem = z.infer<typeof CouncilItem>;
