/**
 * Every file the API hands out as a download: its content type and an attachment name. The bytes
 * (a Buffer, or a stream) are sent as they are — no JSON serializer runs on them.
 */
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export interface Download {
  contentType: string;
  /** An ASCII file name (the exports and documents name their files with slugs). */
  fileName: string;
  body: Buffer | Readable;
}

export function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
}
