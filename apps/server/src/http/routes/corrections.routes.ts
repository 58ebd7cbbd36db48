/**
 * Corrections of published results over HTTP: the secretariat previews and publishes a correction
 * (a new published version with its reason and decision); the public lists a published cycle's
 * versions and reads any version's results exactly as it was published.
 */
import { CorrectionOutcome, CorrectionPreviewRequest, CorrectionPublishRequest, CycleResultsDto, PublishedVersion, SafeText } from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { CorrectionService } from '../../services/workflow/correction.service.ts';
import type { Services } from '../app.ts';
import { userOf } from '../auth.ts';

const CycleParams = z.object({ id: SafeText.min(1).max(64) });
const tags = ['workflow'];

export const correctionsRoutes: FastifyPluginAsync<{ db: Db; services: Services }> = async (app, { db, services }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The public results are keyed by the computation's time, which a correction moves: forget them at once.
  const corrections = new CorrectionService(db, (cycleId) => services.publicCache.forget(cycleId));

  r.post(
    '/work/cycles/:id/corrections/preview',
    { config: { access: ['secretariat'] }, schema: { tags, summary: 'Xem trước kết quả sau đính chính (không lưu)', params: CycleParams, body: CorrectionPreviewRequest, response: { 200: CorrectionOutcome } } },
    (req) => corrections.preview(userOf(req), req.params.id, req.body),
  );
  r.post(
    '/work/cycles/:id/corrections',
    {
      config: { access: ['secretariat'] },
      schema: {
        tags,
        summary: 'Công bố đính chính: điểm mới của các tiêu chí, lý do, số và ngày quyết định → phiên bản công bố mới',
        params: CycleParams,
        body: CorrectionPublishRequest,
        response: { 200: CorrectionOutcome },
      },
    },
    (req) => corrections.publish(userOf(req), req.params.id, req.body),
  );

  r.get(
    '/cycles/:id/versions',
    { config: { access: 'public' }, schema: { tags: ['results'], summary: 'Các lần công bố của một kỳ: quyết định, lý do đính chính, tiêu chí được đính chính', params: CycleParams, response: { 200: z.array(PublishedVersion) } } },
    (req) => corrections.versions(req.params.id),
  );
  r.get(
    '/cycles/:id/versions/:version/results',
    {
      config: { access: 'public' },
      schema: {
        tags: ['results'],
        summary: 'Bảng kết quả của một lần công bố, đúng như đã công bố',
        params: CycleParams.extend({ version: z.coerce.number().int().min(1).max(10_000) }),
        response: { 200: CycleResultsDto },
      },
    },
    (req) => corrections.versionResults(req.params.id, req.params.version),
  );
};
