/** The remediation plan of a unit as the API serves it (/api/work/cycles/:id/units/:unitId/remediation). */
import { ACTION_STATUSES, type ActionStatus, RemediationActionFields } from '@parindex/contracts';

// The server's shapes, defined once in packages/contracts (remediation.ts).
export type { ActionDto as Action, CarriedAction as Carried, LeafPoints, RemediationPlan as Plan, ActionStatus as Status } from '@parindex/contracts';
export const STATUSES: ActionStatus[] = [...ACTION_STATUSES];

export const enc = encodeURIComponent;
export const planKey = (cycleId: string, unitId: string) => ['work', 'remediation', cycleId, unitId] as const;
export const planApi = (cycleId: string, unitId: string) => `/api/work/cycles/${enc(cycleId)}/units/${enc(unitId)}/remediation`;

/** Whether the server takes this text as an action's `action` or `owner` (its own rule: required, trimmed, bounded). */
export const fieldFits = (field: 'action' | 'owner', text: string) => RemediationActionFields.shape[field].safeParse(text).success;
