import { CycleDto, CycleResultsDto, DecisionFields } from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { EXPORT_FORMATS, exportResults } from '../../io/results-export.ts';
import type { Services } from '../app.ts';
import { sendCached } from '../public-cache.ts';

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.any().optional() }), requestId: z.string().optional() });
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
        response: { 200: CycleResultsDto, 404: ErrorSchema },
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
      },
    },
    async (req, reply) => {
      const { format, ...decision } = req.query;
      const file = await exportResults(db, req.params.id, format, { ...decision, publicOnly: true });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
};
