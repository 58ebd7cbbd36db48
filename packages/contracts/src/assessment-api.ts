import { z } from 'zod';
import { FileUpload } from './api-common.ts';
import { LeafInputs } from './rubric.ts';
import { SafeText } from './text.ts';
import { QueueItem } from './workflow.ts';

/**
 * The units' and appraisers' API (apps/server/src/http/routes/assessment.routes.ts): what the
 * self-assessment, evidence, appraisal, explanation and council routes take and answer. The sheet,
 * its leaves, the queue's and the council's items are in assessment-sheet.ts and workflow.ts.
 */

const Id = SafeText.min(1).max(64);
const LeafCode = SafeText.min(1).max(40);
const Revision = z.number().int().min(0);

/** The longest texts these forms take, in characters (the web's inputs stop at the same lengths). */
export const AssessmentTextMax = { note: 5000, reason: 5000, returnReason: 2000, page: 40 } as const;

/** Points as typed (comma or dot, at most 3 decimals), sent on as a dot decimal. */
export const Decimal3 = z
  .string()
  .regex(/^\d{1,5}([.,]\d{1,3})?$/, 'Số điểm không hợp lệ (tối đa 3 chữ số thập phân)')
  .transform((s) => s.replace(',', '.'));

/** A proposal's or a council decision's figure: points the rule can give, or raw inputs (the service checks which). */
export const ScoredEntryBody = z.object({ points: Decimal3.nullable().optional(), inputs: LeafInputs.nullable().optional() });

// ----- self-assessment -----

/** PUT …/leaves/:leafCode/self: the unit's raw inputs and note, against the revision it saw. */
export const SelfEntryBody = z.object({ inputs: LeafInputs, note: SafeText.max(AssessmentTextMax.note).nullable().optional(), revision: Revision });
export type SelfEntryBody = z.infer<typeof SelfEntryBody>;

/** POST …/units/:unitId/return: why the secretariat returns the sheet. */
export const SelfReturnBody = z.object({ reason: SafeText.min(1).max(AssessmentTextMax.returnReason) });
export type SelfReturnBody = z.infer<typeof SelfReturnBody>;

// ----- evidence -----

/**
 * An evidence document's identity, required on the upload (the browser's check alone is no check):
 * each message names the form's field.
 */
const requiredText = (label: string, max: number) =>
  z.string({ error: `Hãy nhập "${label}" của tài liệu.` }).trim().min(1, `Hãy nhập "${label}" của tài liệu.`).max(max, `"${label}" dài quá ${max} ký tự.`);
export const EvidenceMeta = z.object({
  numberSymbol: requiredText('Số, ký hiệu', 100),
  issuedDate: z
    .string({ error: 'Hãy nhập "Ngày ban hành" của tài liệu.' })
    .trim()
    .min(1, 'Hãy nhập "Ngày ban hành" của tài liệu.')
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), '"Ngày ban hành" không phải một ngày hợp lệ (dạng YYYY-MM-DD).'),
  issuer: requiredText('Cơ quan ban hành', 200),
  signer: z.string().trim().max(120, '"Người ký" dài quá 120 ký tự.').nullable(),
});
export type EvidenceMeta = z.infer<typeof EvidenceMeta>;

/** POST …/units/:unitId/documents (multipart): the file and its identity; the text fields come before the file. */
export const EvidenceUpload = FileUpload.extend({ ...EvidenceMeta.shape, signer: EvidenceMeta.shape.signer.optional() });

/** The stored upload, with a warning when its date lies outside the assessment year. */
export const EvidenceUploadResult = z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), warnings: z.array(z.string()) });
export type EvidenceUploadResult = z.infer<typeof EvidenceUploadResult>;

/** The content types an evidence document may have (checked from its content on upload). */
export const EvidenceContentTypes = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
} as const satisfies Record<string, string>;

/** A document the unit uploaded in the cycle, with the leaves it is linked to (GET …/units/:unitId/documents). */
export const UnitDocument = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  numberSymbol: z.string().nullable(),
  issuedDate: z.string().nullable(),
  issuer: z.string().nullable(),
  signer: z.string().nullable(),
  /** The document's date lies outside the assessment year. */
  outsideYear: z.boolean(),
  leaves: z.array(z.object({ leafCode: z.string(), page: z.string().nullable() })),
  createdAt: z.string(),
});
export type UnitDocument = z.infer<typeof UnitDocument>;

/** PUT …/leaves/:leafCode/evidence: a document of the unit linked to the leaf, with the page. */
export const EvidenceLinkBody = z.object({ documentId: Id, page: SafeText.max(AssessmentTextMax.page).nullable().optional() });
export type EvidenceLinkBody = z.infer<typeof EvidenceLinkBody>;

// ----- appraisal -----

/** One field's share of the queue already proposed. */
export const AppraisalProgress = z.object({ field: z.string(), title: z.string(), total: z.number(), proposed: z.number() });
export type AppraisalProgress = z.infer<typeof AppraisalProgress>;

/** GET /work/cycles/:id/appraisal: the leaves the appraiser is assigned to, and the progress by field. */
export const AppraisalQueue = z.object({ items: z.array(QueueItem), progress: z.array(AppraisalProgress) });
export type AppraisalQueue = z.infer<typeof AppraisalQueue>;

/** PUT …/leaves/:leafCode/proposal: the proposed figure; a reason is required when it differs from the unit's own. */
export const ProposalBody = ScoredEntryBody.extend({ reason: SafeText.max(AssessmentTextMax.reason).nullable().optional(), revision: Revision });
export type ProposalBody = z.infer<typeof ProposalBody>;

/** One leaf whose unit's own score the appraiser accepts. */
export const AppraisalAcceptItem = z.object({ unitId: Id, leafCode: LeafCode, revision: Revision });
export type AppraisalAcceptItem = z.infer<typeof AppraisalAcceptItem>;

/** POST /work/cycles/:id/appraisal/accept. */
export const AppraisalAcceptBody = z.object({ items: z.array(AppraisalAcceptItem).min(1).max(5000) });
export type AppraisalAcceptBody = z.infer<typeof AppraisalAcceptBody>;

/** A leaf left as it was because it already had a proposal. */
export const SkippedLeaf = z.object({ unitId: z.string(), unitName: z.string(), leafCode: z.string() });
export type SkippedLeaf = z.infer<typeof SkippedLeaf>;

export const AppraisalAcceptResult = z.object({ accepted: z.number(), skipped: z.number(), skippedLeaves: z.array(SkippedLeaf) });
export type AppraisalAcceptResult = z.infer<typeof AppraisalAcceptResult>;

// ----- explanation -----

/** PUT …/leaves/:leafCode/response: the unit agrees with the proposal, or explains. */
export const LeafResponseBody = z.object({ response: z.enum(['accepted', 'explained']), text: SafeText.max(AssessmentTextMax.reason).nullable().optional(), revision: Revision });
export type LeafResponseBody = z.infer<typeof LeafResponseBody>;

// ----- council -----

/** PUT …/leaves/:leafCode/council: the council's figure and its reason. */
export const CouncilDecisionBody = ScoredEntryBody.extend({ reason: SafeText.min(1).max(AssessmentTextMax.reason), revision: Revision });
export type CouncilDecisionBody = z.infer<typeof CouncilDecisionBody>;

/** One item of a decision on many: without points, the unit's own score is kept. */
export const CouncilDecisionsItem = z.object({ unitId: Id, leafCode: LeafCode, revision: Revision, points: Decimal3.nullable().optional() });
export type CouncilDecisionsItem = z.infer<typeof CouncilDecisionsItem>;

/** POST /work/cycles/:id/council/decisions: many items, one reason. */
export const CouncilDecisionsBody = z.object({ items: z.array(CouncilDecisionsItem).min(1).max(5000), reason: SafeText.min(1).max(AssessmentTextMax.reason) });
export type CouncilDecisionsBody = z.infer<typeof CouncilDecisionsBody>;

export const CouncilDecisionsResult = z.object({ decided: z.number() });
export type CouncilDecisionsResult = z.infer<typeof CouncilDecisionsResult>;
