import { z } from 'zod';

/**
 * A portal announcement (thông báo) as the server presents it (GET /api/announcements and the
 * secretariat's list; apps/server/src/services/announcements.service.ts) and the web app reads it.
 * Response shape only.
 */
export const AnnouncementDto = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  cycleId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AnnouncementDto = z.infer<typeof AnnouncementDto>;
