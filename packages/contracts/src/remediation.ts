import { z } from 'zod';
import { ACTION_STATUSES } from './remediation-statuses.ts';

/**
 * Kế hoạch khắc phục as the server presents it (GET /api/work/cycles/:id/units/:unitId/remediation;
 * apps/server/src/services/remediation.service.ts) and the web app reads it. Response shapes only.
 */

/** An action's state (the database's ACTION_STATUSES). */
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** A leaf's points in a cycle: points, maximum and points lost (exact decimal strings). */
export const LeafPoints = z.object({ code: z.string(), title: z.string(), points: z.string(), max: z.string(), lost: z.string() });
export type LeafPoints = z.infer<typeof LeafPoints>;

export const ActionDto = z.object({
  id: z.string(),
  cycleId: z.string(),
  leafCode: z.string(),
  leafTitle: z.string().nullable(),
  pointsLost: z.string().nullable(),
  action: z.string(),
  owner: z.string(),
  deadline: z.string().nullable(),
  status: ActionStatus,
  note: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type ActionDto = z.infer<typeof ActionDto>;

export const CarriedAction = ActionDto.extend({
  /** The predecessor (before a merger or split) whose plan this was; null for the unit's own plan. */
  fromUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The leaf in this cycle: points, max, lost; basis 'result' (computed) or 'scores' (on file, not yet final). */
  now: LeafPoints.extend({ basis: z.enum(['result', 'scores']) }).nullable(),
  /** Points lost then minus now (exact): > 0 better, < 0 worse. */
  regained: z.string().nullable(),
  trend: z.enum(['better', 'worse', 'same']).nullable(),
});
export type CarriedAction = z.infer<typeof CarriedAction>;

/** A unit's plan in a cycle: leaves that lost points (most first), its actions, and the previous cycle's actions carried in. */
export const RemediationPlan = z.object({
  cycle: z.object({ id: z.string(), year: z.number(), name: z.string(), status: z.string() }),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  basis: z.enum(['result', 'scores']).nullable(),
  lostLeaves: z.array(LeafPoints),
  actions: z.array(ActionDto),
  carried: z.object({ cycle: z.object({ id: z.string(), year: z.number(), name: z.string() }), actions: z.array(CarriedAction) }).nullable(),
});
export type RemediationPlan = z.infer<typeof RemediationPlan>;
