import { createReadStream } from 'node:fs';
import { ContentTypes, EmptyBody, fileResponse } from '@parindex/contracts';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.ts';
import { backupForDownload } from '../../services/backup/backup.service.ts';
import { userOf } from '../auth.ts';
import { sendDownload } from '../download.ts';

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
        body: EmptyBody,
        response: { 200: fileResponse([ContentTypes.binary]) },
      },
    },
    async (req, reply) => sendBackup(reply, await backupForDownload(userOf(req), database)),
  );
};

/** Streams the backup file, removed once sent. */
function sendBackup(reply: FastifyReply, backup: { file: string; name: string; cleanup: () => Promise<void> }): FastifyReply {
  const stream = createReadStream(backup.file);
  stream.once('close', () => void backup.cleanup());
  return sendDownload(reply.header('cache-control', 'no-store'), { contentType: ContentTypes.binary, fileName: backup.name, body: stream });
}
