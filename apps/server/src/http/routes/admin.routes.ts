import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { backupForDownload } from '../../services/backup/backup.service.ts';
import { userOf } from '../auth.ts';

/** Installation administration: a backup of the database this server holds (docs/operations.md). */
export const adminRoutes: FastifyPluginAsync<{ database: Database }> = async (app, { database }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/admin/backup',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['system'],
        summary: 'Sao lưu cơ sở dữ liệu (tệp tải về; dùng "parindex restore TỆP" để khôi phục)',
        body: z.object({}).strict().optional(),
      },
    },
    async (req, reply) => {
      const backup = await backupForDownload(userOf(req), database);
      const stream = createReadStream(backup.file);
      stream.once('close', () => void backup.cleanup());
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${backup.name}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
};
