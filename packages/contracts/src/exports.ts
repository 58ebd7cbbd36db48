import { z } from 'zod';
import { SafeText } from './text.ts';

/** File formats of a results export: csv and json are open data; xlsx (annex workbook), pdf (report) and docx (draft decision) are documents. */
export const ExportFormat = z.enum(['csv', 'xlsx', 'pdf', 'docx', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** One cycle, or every cycle of the cycle's year (one per province: the national workbook, xlsx only). */
export const ExportScope = z.enum(['cycle', 'year']);
export type ExportScope = z.infer<typeof ExportScope>;

/**
 * Optional wording of the draft decision (docx) and the annex title (xlsx). A published cycle's
 * documents cite its stored publication instead: the number and date given here apply to drafts only.
 */
export const DecisionFields = z.object({
  /** The full number as the publish form stores it, "125/QĐ-UBND"; a bare "125" is completed to "125/QĐ-UBND". Blank in a draft. */
  decisionNumber: SafeText.trim().min(1).max(20).optional(),
  /** Signing date, YYYY-MM-DD. */
  decisionDate: z.iso.date().optional(),
  /** Province name as titles print it, e.g. "Sơn Hà"; default from the cycle's name. */
  province: SafeText.trim().min(1).max(80).optional(),
  /** Signer's full name. */
  signer: SafeText.trim().min(1).max(80).optional(),
});
export type DecisionFields = z.infer<typeof DecisionFields>;

export const ExportJobRequest = DecisionFields.extend({
  format: ExportFormat,
  scope: ExportScope.default('cycle'),
});
export type ExportJobRequest = z.infer<typeof ExportJobRequest>;

/** A background export as its owner polls it. `downloadUrl` is set once the file is ready. */
export const ExportJobDto = z.object({
  id: z.string(),
  cycleId: z.string(),
  format: ExportFormat,
  scope: ExportScope,
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int().min(0).max(100),
  error: z.string().nullable(),
  fileName: z.string().nullable(),
  downloadUrl: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type ExportJobDto = z.infer<typeof ExportJobDto>;
