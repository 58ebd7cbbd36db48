import { z } from 'zod';
import { CycleResultsDto, UnitResultDto } from './results.ts';
import { DateString, SafeText } from './text.ts';

/**
 * Corrections (đính chính) of published results: requests and answers of
 * POST /api/work/cycles/:id/corrections/preview and /corrections (apps/server/src/http/routes/corrections.routes.ts;
 * apps/server/src/services/workflow/correction.service.ts). The correction form checks its fields with them.
 */

const Id = SafeText.min(1).max(64);

/** Corrected points: "4", "4,5", "4.25" → "4.25". */
export const CorrectionPoints = z
  .string()
  .regex(/^\d{1,5}([.,]\d{1,3})?$/, 'Số điểm không hợp lệ (số không âm, tối đa 3 chữ số thập phân)')
  .transform((s) => s.replace(',', '.'));

/** The leaves to correct, their new points and the reason; checked against the version previewed. */
export const CorrectionPreviewRequest = z.object({
  items: z
    .array(z.object({ unitId: Id, leafCode: SafeText.min(1).max(40), points: CorrectionPoints, reason: SafeText.max(2000).nullable().optional() }))
    .min(1)
    .max(500),
  reason: SafeText.min(1).max(2000),
  basedOnVersion: z.number().int().min(1).optional(),
});
export type CorrectionPreviewRequest = z.infer<typeof CorrectionPreviewRequest>;

/** The same with the decision that approves it. */
export const CorrectionPublishRequest = CorrectionPreviewRequest.extend({ decisionNumber: SafeText.min(1).max(60), decisionDate: DateString });
export type CorrectionPublishRequest = z.infer<typeof CorrectionPublishRequest>;

/** A corrected leaf: its points before and after. */
export const CorrectionLeafChange = z.object({
  unitId: z.string(),
  unitName: z.string(),
  leafCode: z.string(),
  leafTitle: z.string(),
  max: z.string(),
  before: z.string().nullable(),
  after: z.string(),
  reason: z.string(),
});
export type CorrectionLeafChange = z.infer<typeof CorrectionLeafChange>;

const Standing = UnitResultDto.pick({ total: true, indexRounded: true, classification: true, rank: true });

/** A unit whose published figures move with the correction (its own points, or its rank). */
export const CorrectionUnitMove = z.object({ unitId: z.string(), unitName: z.string(), group: z.string(), before: Standing, after: Standing });
export type CorrectionUnitMove = z.infer<typeof CorrectionUnitMove>;

/** What a correction does (preview) or did (publish). */
export const CorrectionOutcome = z.object({
  /** The version the figures were compared with (the latest published one). */
  basedOnVersion: z.number(),
  /** The version stored (publish), or that would be stored (preview). */
  version: z.number(),
  changes: z.array(CorrectionLeafChange),
  units: z.array(CorrectionUnitMove),
  results: CycleResultsDto,
});
export type CorrectionOutcome = z.infer<typeof CorrectionOutcome>;
