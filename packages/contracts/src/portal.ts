/**
 * The public portal's responses: a unit's scorecard (phiếu kết quả đơn vị) and the province
 * dashboard. Decimal values are exact strings; `…Rounded` fields are half-up to 2 decimals.
 */
import { z } from 'zod';
import { ClassBand, LeafEffect, LeafSource } from './rubric.ts';
import { CycleDto, GroupSummaryDto, UnitResultDto } from './results.ts';

/** A field (lĩnh vực) or criterion (tiêu chí) of one unit: points, applicable maximum, component index, and the group's average. */
export const ComponentDto = z.object({
  code: z.string(),
  title: z.string(),
  depth: z.number().int(),
  /** The field a criterion belongs to; null for a field. */
  parent: z.string().nullable(),
  points: z.string(),
  max: z.string(),
  index: z.string(),
  indexRounded: z.string(),
  /** Mean of the peer group's component indices for this node (units to which it applies). */
  groupMeanIndex: z.string().nullable(),
  groupMeanIndexRounded: z.string().nullable(),
  /** index − group mean, percentage points. */
  deltaVsGroup: z.string().nullable(),
});
export type ComponentDto = z.infer<typeof ComponentDto>;

/** One applicable leaf (tiêu chí thành phần) of the unit, with the points it lost. */
export const ScorecardLeafDto = z.object({
  code: z.string(),
  title: z.string(),
  fieldCode: z.string(),
  source: LeafSource,
  effect: LeafEffect,
  max: z.string(),
  /** Final points (appraised, or survey points for survey leaves). */
  points: z.string(),
  /** max − points; 0 for bonus and deduction leaves. */
  lost: z.string(),
  /** Points the unit's own entries give (tự đánh giá), for appraised leaves whose entries are on file; null otherwise. */
  selfPoints: z.string().nullable(),
  /**
   * Points of the appraisal (thẩm định) as the workflow keeps them: the council's decision, else the
   * appraisers' proposal; null for survey leaves and where no appraisal stage is on file.
   */
  appraisedPoints: z.string().nullable(),
  /** Which stage `appraisedPoints` is: the proposal, the proposal the unit accepted or explained against, or the council's decision. */
  appraisalStage: z.enum(['proposal', 'accepted', 'explained', 'council']).nullable(),
  /** Survey points (điểm điều tra XHH) of a survey leaf; null for appraised leaves. */
  surveyPoints: z.string().nullable(),
  /** Final points: the same as `points`. */
  finalPoints: z.string(),
});
export type ScorecardLeafDto = z.infer<typeof ScorecardLeafDto>;

/** A leaf to recover in a "what it takes" plan. */
export const PlanLeafDto = z.object({ code: z.string(), title: z.string(), lost: z.string() });

/** "What it takes" (cần bao nhiêu điểm) to reach the next class or the next rank. */
export const TargetDto = z.object({
  /** Class label (next class) or null (next rank). */
  label: z.string().nullable(),
  /** The rank reached (next rank) or null. */
  rank: z.number().int().nullable(),
  /** The index to reach (band minimum, or the competitor's exact index). */
  targetIndex: z.string(),
  /** The unit ranked just above (next rank), else null. */
  competitor: z.object({ unitId: z.string(), unitName: z.string() }).nullable(),
  /** Exact points needed. */
  pointsNeeded: z.string(),
  /** The same, rounded up to 2 decimals (a rounded-down figure would not be enough). */
  pointsNeededRoundedUp: z.string(),
  /** True: more than `pointsNeeded` is needed (an equal index loses the tie-break). */
  strict: z.boolean(),
  /** False when recovering every lost point would still not be enough. */
  reachable: z.boolean(),
  /** The fewest leaves whose lost points cover the gap, largest loss first. */
  leaves: z.array(PlanLeafDto),
  /** Σ lost points of those leaves. */
  leavesCover: z.string(),
});
export type TargetDto = z.infer<typeof TargetDto>;

/** The unit's index in one public year: itself (direct), or its predecessors' weighted index (merged/split units). */
export const TrendPointDto = z.object({
  cycleId: z.string(),
  year: z.number().int(),
  cycleName: z.string(),
  basis: z.enum(['current', 'direct', 'weighted']),
  index: z.string(),
  indexRounded: z.string(),
  /** Rank in the group that year: only when comparable (current or direct). */
  rank: z.number().int().nullable(),
  classification: z.string().nullable(),
  /** Mean index of the unit's peer group that year, when the group existed. */
  groupMeanIndex: z.string().nullable(),
});
export type TrendPointDto = z.infer<typeof TrendPointDto>;

export const UnitScorecardDto = z.object({
  cycle: CycleDto,
  group: GroupSummaryDto,
  unit: UnitResultDto,
  bands: z.array(ClassBand),
  /** False for cycles imported as totals only: no fields, criteria or leaves. */
  hasComponents: z.boolean(),
  fields: z.array(ComponentDto),
  criteria: z.array(ComponentDto),
  /** Every applicable leaf, most points lost first. */
  leaves: z.array(ScorecardLeafDto),
  /** Σ lost points: the most the unit could gain back on its scale. */
  recoverable: z.string(),
  nextClass: TargetDto.nullable(),
  nextRank: TargetDto.nullable(),
  /** Oldest first, ending with this cycle. */
  trend: z.array(TrendPointDto),
});
export type UnitScorecardDto = z.infer<typeof UnitScorecardDto>;

/** One unit's row of the dashboard: ranking figures and the component index of each field (null where the field does not apply). */
export const DashboardUnitDto = z.object({
  unitId: z.string(),
  unitName: z.string(),
  rank: z.number().int(),
  order: z.number().int(),
  index: z.string(),
  indexRounded: z.string(),
  classification: z.string(),
  change: UnitResultDto.shape.change,
  fields: z.array(z.object({ code: z.string(), indexRounded: z.string().nullable() })),
});
export type DashboardUnitDto = z.infer<typeof DashboardUnitDto>;

/** One unit's (or the province's) SIPAS figures: % satisfied per factor and overall, 2 decimals half-up; null without answers. */
export const SipasRowDto = z.object({
  unitId: z.string().nullable(),
  unitName: z.string(),
  /** The unit's peer group; null for the province row. */
  group: z.string().nullable(),
  responses: z.number().int(),
  overallRounded: z.string().nullable(),
  factors: z.array(z.object({ code: z.string(), n: z.number().int(), percentRounded: z.string().nullable() })),
});
export type SipasRowDto = z.infer<typeof SipasRowDto>;

/** SIPAS (chỉ số hài lòng) of the cycle's SIPAS questionnaires run on the system; empty when none was. */
export const SipasDashboardDto = z.object({
  surveys: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      factors: z.array(z.object({ code: z.string(), name: z.string() })),
      units: z.array(SipasRowDto),
      province: SipasRowDto,
    }),
  ),
});
export type SipasDashboardDto = z.infer<typeof SipasDashboardDto>;

export const DashboardDto = z.object({
  cycle: CycleDto,
  bands: z.array(ClassBand),
  /** The rubric's fields (lĩnh vực), in rubric order; empty for cycles imported as totals only. */
  fields: z.array(z.object({ code: z.string(), title: z.string() })),
  groups: z.array(
    z.object({
      summary: GroupSummaryDto,
      fieldAverages: z.array(z.object({ code: z.string(), meanIndex: z.string().nullable(), meanIndexRounded: z.string().nullable(), count: z.number().int() })),
      units: z.array(DashboardUnitDto),
    }),
  ),
  sipas: SipasDashboardDto,
  /** Group means in every public cycle up to this one, oldest first. */
  trend: z.array(
    z.object({
      cycleId: z.string(),
      year: z.number().int(),
      cycleName: z.string(),
      groups: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int(), meanIndex: z.string(), meanIndexRounded: z.string() })),
    }),
  ),
});
export type DashboardDto = z.infer<typeof DashboardDto>;
