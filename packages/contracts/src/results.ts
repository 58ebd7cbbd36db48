import { z } from 'zod';

export const CycleStatus = z.enum(['draft', 'open', 'appraisal', 'council', 'approved', 'published', 'closed']);
export type CycleStatus = z.infer<typeof CycleStatus>;

/** A cycle's stage as officials name it (Vietnamese): every page, message and document reads it here. */
export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  draft: 'Dự thảo',
  open: 'Tự đánh giá',
  appraisal: 'Thẩm định và giải trình',
  council: 'Hội đồng thẩm định',
  approved: 'Đã phê duyệt',
  published: 'Đã công bố',
  closed: 'Đã đóng',
};

export const UnitKind = z.enum(['department', 'special_department', 'commune', 'district']);
export type UnitKind = z.infer<typeof UnitKind>;

/** A cycle (kỳ đánh giá) as listed. `source` says whether results come from scored leaves or an imported published table. */
export const CycleDto = z.object({
  id: z.string(),
  year: z.number().int(),
  name: z.string(),
  status: CycleStatus,
  source: z.enum(['assessed', 'imported']),
  rubricCode: z.string().nullable(),
  rubricVersion: z.number().int().nullable(),
  computedAt: z.string().nullable(),
});
export type CycleDto = z.infer<typeof CycleDto>;

/** Change against the previous cycle, through lineage. rankDelta > 0 means "tăng N bậc". */
export const ChangeDto = z.object({
  /** direct: same unit or 1:1 successor; weighted: merged from several, weighted baseline (no rank change); none: no baseline. */
  basis: z.enum(['direct', 'weighted', 'none']),
  previousIndex: z.string().nullable(),
  previousTotal: z.string().nullable(),
  previousRank: z.number().int().nullable(),
  indexDelta: z.string().nullable(),
  totalDelta: z.string().nullable(),
  rankDelta: z.number().int().nullable(),
});
export type ChangeDto = z.infer<typeof ChangeDto>;

/** One unit's computed result. Decimal values are exact strings; `indexRounded` is half-up to 2 decimals for display. */
export const UnitResultDto = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  group: z.string(),
  appraised: z.string(),
  survey: z.string(),
  bonus: z.string(),
  deduction: z.string(),
  total: z.string(),
  max: z.string(),
  index: z.string(),
  indexRounded: z.string(),
  classification: z.string(),
  rank: z.number().int(),
  order: z.number().int(),
  exclusions: z.array(z.object({ nodeCode: z.string(), basis: z.string() })),
  change: ChangeDto.nullable(),
});
export type UnitResultDto = z.infer<typeof UnitResultDto>;

export const GroupSummaryDto = z.object({
  code: z.string(),
  name: z.string(),
  count: z.number().int(),
  meanIndex: z.string(),
  meanIndexRounded: z.string(),
  highestIndex: z.string(),
  lowestIndex: z.string(),
  classCounts: z.array(z.object({ label: z.string(), count: z.number().int() })),
});
export type GroupSummaryDto = z.infer<typeof GroupSummaryDto>;

export const CycleResultsDto = z.object({
  cycle: CycleDto,
  groups: z.array(
    z.object({
      summary: GroupSummaryDto,
      units: z.array(UnitResultDto),
      /** The group's full maximum (nothing excluded): a unit below it is on a reduced scale. Absent in older stored snapshots. */
      fullMax: z.string().optional(),
    }),
  ),
});
export type CycleResultsDto = z.infer<typeof CycleResultsDto>;
