import { HealthDto } from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.ts';

export const systemRoutes: FastifyPluginAsync<{ database: Database }> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Tình trạng máy chủ', response: { 200: HealthDto } },
    },
    async () => ({ status: 'ok' as const, database: database.kind }),
  );
};
