import { z } from 'zod';
import { SheetLeaf, StageState } from './assessment-sheet.ts';
import { CycleDto, UnitKind } from './results.ts';
import { Exclusion, PeerGroup } from './rubric.ts';
import { DateString, SafeText } from './text.ts';
import { AuditRow } from './workflow.ts';

/**
 * The secretariat's cycle routes (apps/server/src/http/routes/workflow.routes.ts): what they take
 * and what they answer. Response schemas carry no transform (the server encodes its answers with them).
 */

const Id = SafeText.min(1).max(64);
const NodeCode = SafeText.min(1).max(40);

// ----- bodies -----

/** A stage's deadline per stage (YYYY-MM-DD); absent: none set. PUT …/deadlines takes and answers it. */
export const CycleDeadlines = z.object({ self: DateString.optional(), appraisal: DateString.optional(), explanation: DateString.optional(), council: DateString.optional() });
export type CycleDeadlines = z.infer<typeof CycleDeadlines>;

/** POST /work/cycles: a cycle from a rubric version, with its units and their peer groups. */
export const NewCycleBody = z.object({
  year: z.number().int().min(2000).max(2100),
  name: SafeText.min(1).max(200),
  rubricVersionId: Id,
  units: z.array(z.object({ unitId: Id, peerGroup: SafeText.min(1).max(60) })).min(1),
  deadlines: CycleDeadlines.optional(),
});
export type NewCycleBody = z.infer<typeof NewCycleBody>;

/** The statuses the secretariat moves a cycle to (approval and publication have their own routes). */
export const TransitionTarget = z.enum(['open', 'appraisal', 'council', 'closed']);
export type TransitionTarget = z.infer<typeof TransitionTarget>;

/** A stage change despite unmet checklist items, with its reason (kept in the audit log). */
const OverrideReason = z.object({ reason: SafeText.max(2000) }).nullable().optional();

/** POST …/status. */
export const TransitionBody = z.object({ to: TransitionTarget, override: OverrideReason });
export type TransitionBody = z.infer<typeof TransitionBody>;

/** PUT …/units/:unitId/exclusions: the unit's whole list. */
export const UnitExclusionsBody = z.array(Exclusion).max(200);

/** POST …/assignments. */
export const AssignmentBody = z.object({ userId: Id, nodeCode: NodeCode });
export type AssignmentBody = z.infer<typeof AssignmentBody>;

/** POST …/publish: the approval decision's number and date; a reason for a correction. */
export const PublishBody = z.object({ decisionNumber: SafeText.min(1).max(60), decisionDate: DateString, reason: SafeText.max(2000).nullable().optional(), override: OverrideReason });
export type PublishBody = z.infer<typeof PublishBody>;

/** POST …/reminders. */
export const ReminderBody = z.object({ unitIds: z.array(Id).min(1).max(5000), message: SafeText.min(1).max(1000) });
export type ReminderBody = z.infer<typeof ReminderBody>;

// ----- answers -----

/** A unit of the province (GET /units), sorted the Vietnamese way. */
export const UnitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: UnitKind });
export type UnitRef = z.infer<typeof UnitRef>;

/** A rubric version as GET /rubrics lists it. */
export const RubricVersionBrief = z.object({ id: z.string(), code: z.string(), version: z.number(), year: z.number(), name: z.string() });
export type RubricVersionBrief = z.infer<typeof RubricVersionBrief>;

/** Deadlines as stored (read back, never re-checked). */
export const StageDeadlines = z.object({ self: z.string().optional(), appraisal: z.string().optional(), explanation: z.string().optional(), council: z.string().optional() });
export type StageDeadlines = z.infer<typeof StageDeadlines>;

/** A step the secretariat may take from the cycle's status, with its button label. */
export const StageMove = z.object({ to: TransitionTarget, label: z.string() });
export type StageMove = z.infer<typeof StageMove>;

/** A cycle with its deadlines (status board). */
export const CycleWithDeadlines = CycleDto.extend({ deadlines: StageDeadlines });
export type CycleWithDeadlines = z.infer<typeof CycleWithDeadlines>;

/** An assessed cycle as GET /work/cycles lists it: with its deadlines and the next steps. */
export const WorkCycleDto = CycleWithDeadlines.extend({ next: z.array(StageMove) });
export type WorkCycleDto = z.infer<typeof WorkCycleDto>;

/** The targets a checklist is asked for. */
export const GateTarget = z.enum(['open', 'appraisal', 'council', 'approved', 'published', 'closed']);
export type GateTarget = z.infer<typeof GateTarget>;

/** One condition of a stage change (workflow/cycle-gates.ts). */
export const GateItem = z.object({
  code: z.string(),
  label: z.string(),
  ok: z.boolean(),
  /** "40/50 đơn vị chưa gửi", "Hạn 20/12/2026 chưa qua"; null when there is nothing to count. */
  count: z.string().nullable(),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  /** False when no reason can lift it. */
  overridable: z.boolean(),
});
export type GateItem = z.infer<typeof GateItem>;

/** The checklist of moving a cycle to `to` (GET …/checklist). */
export const GateChecklist = z.object({ from: z.string(), to: GateTarget, ok: z.boolean(), overridable: z.boolean(), items: z.array(GateItem) });
export type GateChecklist = z.infer<typeof GateChecklist>;

/** An appraiser assigned to a node, with their own unit (never appraised by them). */
export const AppraiserAssignment = z.object({ userId: z.string(), nodeCode: z.string(), fullName: z.string(), unitId: z.string().nullable() });
export type AppraiserAssignment = z.infer<typeof AppraiserAssignment>;

/** A unit of a cycle with its peer group. */
export const CycleUnitDto = z.object({ unitId: z.string(), peerGroup: z.string(), code: z.string(), name: z.string(), kind: UnitKind });
export type CycleUnitDto = z.infer<typeof CycleUnitDto>;

/** GET …/setup: units, peer groups, fields, exclusions and assignments of a cycle. */
export const CycleSetupDto = z.object({
  units: z.array(CycleUnitDto),
  peerGroups: z.array(PeerGroup),
  fields: z.array(z.object({ code: z.string(), title: z.string() })),
  exclusions: z.array(z.object({ unitId: z.string(), nodeCode: z.string(), basis: z.string() })),
  assignments: z.array(AppraiserAssignment),
});
export type CycleSetupDto = z.infer<typeof CycleSetupDto>;

/** POST …/compute: what was computed (results.service.ts `compute`). */
export const ComputeSummaryDto = z.object({
  cycle: CycleDto,
  units: z.number(),
  groups: z.array(z.object({ code: z.string(), name: z.string(), count: z.number(), meanIndex: z.string() })),
  /** Lines over several peer groups (the cycle's combined groups). */
  combinedGroups: z.array(z.object({ code: z.string(), name: z.string(), groups: z.array(z.string()), count: z.number(), meanIndex: z.string() })),
  /** Units whose computed index differs from the one printed in an imported table. */
  publishedDifferences: z.array(z.object({ unit: z.string(), published: z.string(), computed: z.string() })),
});
export type ComputeSummaryDto = z.infer<typeof ComputeSummaryDto>;

/** POST …/publish: the version stored. */
export const PublishResult = z.object({ version: z.number() });
export type PublishResult = z.infer<typeof PublishResult>;

/** A unit's row on the status board (units × stages). */
export const BoardUnitDto = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  peerGroup: z.string(),
  /** Applicable appraised leaves. */
  leaves: z.number(),
  selfDone: z.number(),
  selfStatus: StageState.shape.status,
  selfNote: z.string().nullable(),
  proposed: z.number(),
  responded: z.number(),
  disputed: z.number(),
  decided: z.number(),
  explanationStatus: StageState.shape.status,
  lastChange: z.string().nullable(),
  overdue: z.object({ self: z.boolean(), appraisal: z.boolean(), explanation: z.boolean() }),
});
export type BoardUnitDto = z.infer<typeof BoardUnitDto>;

/**
 * A stage's line above the board ("Tự đánh giá: 32/50 đã gửi"), counted by the server: self and
 * explanation = units that submitted; appraisal = units with every leaf proposed; council = units
 * with disputed leaves whose disputes are all decided (total: units with a dispute).
 */
export const BoardStageSummary = z.object({
  stage: z.enum(['self', 'appraisal', 'explanation', 'council']),
  done: z.number(),
  total: z.number(),
  overdue: z.number(),
});
export type BoardStageSummary = z.infer<typeof BoardStageSummary>;

/** GET …/status-board. */
export const StatusBoardDto = z.object({ cycle: CycleWithDeadlines, units: z.array(BoardUnitDto), summary: z.array(BoardStageSummary) });
export type StatusBoardDto = z.infer<typeof StatusBoardDto>;

/** What a notification reached: in-app notifications stored, e-mails put in the outbox. */
export const NotificationsSent = z.object({ inApp: z.number(), emails: z.number() });
export type NotificationsSent = z.infer<typeof NotificationsSent>;

/** A leaf's scores by stage and its audit entries (GET …/leaves/:leafCode/history). */
export const LeafHistoryDto = z.object({ leaf: SheetLeaf, entries: z.array(AuditRow) });
export type LeafHistoryDto = z.infer<typeof LeafHistoryDto>;

/** An in-app notification (GET /notifications). */
export const NotificationDto = z.object({ id: z.string(), message: z.string(), link: z.string().nullable(), createdAt: z.string(), read: z.boolean() });
export type NotificationDto = z.infer<typeof NotificationDto>;
