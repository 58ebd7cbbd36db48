import { z } from 'zod';
import { ACTION_STATUSES } from './remediation-statuses.ts';
import { DateString, SafeText } from './text.ts';

/**
 * Requests of the planning pages (apps/server/src/http/routes/planning.routes.ts): the national
 * indices, remediation plans and announcements. The web forms check their fields with the same schemas.
 */

const Id = SafeText.min(1).max(64);
const INDEX_DECIMAL = /^\d{1,4}([.,]\d{1,4})?$/;

/** "31,45", "31.45", "85,5%" → "31.45" (the service writes it exactly); anything else is refused. */
export const ExternalIndexValue = z
  .string()
  .max(12)
  .transform((raw, ctx) => {
    const s = raw.trim().replace(/%$/, '').trim();
    if (!INDEX_DECIMAL.test(s)) {
      ctx.addIssue({ code: 'custom', message: `"${raw}" không phải số (tối đa 4 chữ số thập phân).` });
      return z.NEVER;
    }
    return s.replace(',', '.');
  });

const Rank = z.number().int().min(1).max(999);

/** PUT /api/work/external-indices/:indexCode/:year: an index's result for a year. */
export const ExternalIndexResultRequest = z.object({
  value: ExternalIndexValue,
  maxValue: ExternalIndexValue.nullable().optional(),
  rank: Rank.nullable().optional(),
  rankOf: Rank.nullable().optional(),
  grade: SafeText.max(60).nullable().optional(),
  source: SafeText.max(500).nullable().optional(),
  components: z
    .array(z.object({ code: SafeText.trim().min(1).max(12), name: SafeText.trim().min(1).max(200), value: ExternalIndexValue, max: ExternalIndexValue.nullable().optional() }))
    .max(40)
    .optional(),
});
export type ExternalIndexResultRequest = z.infer<typeof ExternalIndexResultRequest>;

/** PUT /api/work/external-indices/:indexCode/:year/target: both blank removes the target. */
export const ExternalIndexTargetRequest = z.object({ targetRank: Rank.nullable().optional(), targetValue: ExternalIndexValue.nullable().optional(), note: SafeText.max(500).nullable().optional() });
export type ExternalIndexTargetRequest = z.infer<typeof ExternalIndexTargetRequest>;

/** POST /api/work/external-indices/import: how many index × year rows were saved. */
export const ExternalIndexImportResult = z.object({ saved: z.number() });
export type ExternalIndexImportResult = z.infer<typeof ExternalIndexImportResult>;

/** A remediation action's editable fields. */
export const RemediationActionFields = z.object({
  action: SafeText.trim().min(1, 'Hãy ghi việc cần làm.').max(2000),
  owner: SafeText.trim().min(1, 'Hãy ghi người/bộ phận phụ trách.').max(200),
  deadline: DateString.nullable().optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  note: SafeText.max(2000).nullable().optional(),
});

/** POST /api/work/cycles/:id/units/:unitId/remediation: one or more new actions. */
export const NewRemediationActions = z.object({ items: z.array(RemediationActionFields.extend({ leafCode: SafeText.min(1).max(40) })).min(1).max(50) });
export type NewRemediationActions = z.infer<typeof NewRemediationActions>;

/** PATCH /api/work/cycles/:id/units/:unitId/remediation/:actionId. */
export const RemediationActionPatch = RemediationActionFields.partial();
export type RemediationActionPatch = z.infer<typeof RemediationActionPatch>;

const AnnouncementFields = z.object({
  title: SafeText.trim().min(1, 'Hãy ghi tiêu đề.').max(300),
  body: SafeText.trim().min(1, 'Hãy ghi nội dung.').max(20000),
  cycleId: Id.nullable().optional(),
});

/** POST /api/work/announcements: posted at once when publish is true. */
export const NewAnnouncementRequest = AnnouncementFields.extend({ publish: z.boolean().optional() });
export type NewAnnouncementRequest = z.infer<typeof NewAnnouncementRequest>;

/** PATCH /api/work/announcements/:announcementId: edit, post or withdraw. */
export const AnnouncementPatch = AnnouncementFields.partial().extend({ published: z.boolean().optional() });
export type AnnouncementPatch = z.infer<typeof AnnouncementPatch>;
