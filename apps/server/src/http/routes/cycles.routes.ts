import { CycleDto, CycleResultsDto } from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_FORMATS, exportResults } from '../../io/results-export.ts';
import type { Services } from '../app.ts';

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.any().optional() }), requestId: z.string().optional() });
const Params = z.object({ id: z.string().min(1).max(64) });

/** Published results, open to the public: only published or closed cycles are visible. */
export const cyclesRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
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
    (req) => services.results.getResults(req.params.id, { publicOnly: true }),
  );
  r.get(
    '/cycles/:id/results/export',
    {
      config: { access: 'public' },
      schema: {
        tags: ['results'],
        summary: 'Tải bảng kết quả (CSV, XLSX, JSON)',
        params: Params,
        querystring: z.object({ format: z.enum(EXPORT_FORMATS).default('csv') }),
      },
    },
    async (req, reply) => {
      const results = await services.results.getResults(req.params.id, { publicOnly: true });
      const file = await exportResults(results, req.query.format);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
};
