import { CycleDto, CycleResultsDto, DecisionFields, ErrorResponse, fileResponse } from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportResults } from '../../io/results-export.ts';
import type { Services } from '../app.ts';
import { sendCached } from '../public-cache.ts';
import { sendDownload } from '../download.ts';

const Params = z.object({ id: z.string().min(1).max(64) });

/** Published results, open to the public: only published or closed cycles are visible. */
export const cyclesRoutes: FastifyPluginAsync<{ services: Services; db: Db }> = async (app, { services, db }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/cycles',
    {
      config: { access: 'public' },
      schema: { tags: ['results'], summary: 'Các kỳ đánh giá đã công bố', response: { 200: z.array(CycleDto) } },
    },
    () => services.results.listCycles({ publicOnly: true }),
  );
  r.get(
    '/cycles/:id/results',
    {
      config: { access: 'public' },
      schema: {
        tags: ['results'],
        summary: 'Bảng kết quả Chỉ số CCHC theo nhóm',
        params: Params,
        response: { 200: CycleResultsDto, 404: ErrorResponse },
      },
    },
    // Published results are a stored version: served from memory, keyed by cycle + publication version + status (public-cache.ts).
    async (req, reply) =>
      sendCached(
        req,
        reply,
        services.publicCache,
        await services.publicCache.stamp(req.params.id, (id) => services.scorecard.publicStamp(id)),
        () => services.results.getResults(req.params.id, { publicOnly: true }),
        CycleResultsDto,
      ),
  );
  r.get(
    '/cycles/:id/results/export',
    {
      config: { access: 'public' },
      schema: {
        tags: ['results'],
        summary: 'Tải kết quả: CSV, JSON (dữ liệu mở), XLSX (phụ lục), PDF (báo cáo), DOCX (dự thảo quyết định công bố)',
        params: Params,
        querystring: DecisionFields.extend({ format: z.enum(EXPORT_FORMATS).default('csv') }),
        response: { 200: fileResponse(EXPORT_CONTENT_TYPES), 404: ErrorResponse },
      },
    },
    async (req, reply) => {
      const { format, ...decision } = req.query;
      return sendDownload(reply, await exportResults(db, req.params.id, format, { ...decision, publicOnly: true }));
    },
  );
};
