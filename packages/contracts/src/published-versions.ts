import { z } from 'zod';

/**
 * A public cycle's published versions (bản gốc và đính chính) as the server presents them and the
 * web app reads them. Response shapes only.
 */

/** One publication: its version and decision (GET /api/cycles/:id/publications; workflow/cycle-admin.service.ts). */
export const PublicationHeaderDto = z.object({
  version: z.number(),
  publishedAt: z.string(),
  decisionNumber: z.string(),
  decisionDate: z.string(),
  /** Null for the original publication. */
  reason: z.string().nullable(),
});
export type PublicationHeaderDto = z.infer<typeof PublicationHeaderDto>;

/**
 * One published version as the public sees it: the decision, the reason, and the leaves it
 * corrected (GET /api/cycles/:id/versions; workflow/correction.service.ts `versions`).
 */
export const PublishedVersion = PublicationHeaderDto.extend({
  corrections: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      leafCode: z.string(),
      leafTitle: z.string(),
      before: z.string().nullable(),
      after: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});
export type PublishedVersion = z.infer<typeof PublishedVersion>;
