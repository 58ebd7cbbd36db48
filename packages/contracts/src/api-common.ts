import { z } from 'zod';

/**
 * Shapes every part of the API shares: the error body, an action's plain acknowledgement, a POST
 * that takes no fields, a downloaded file and an uploaded one. apps/server/src/http/openapi.ts
 * names every schema exported from this package under `components.schemas` of /api/docs/json.
 */

/** The wire shape of every error (see ErrorBody in errors.ts): { error: { code, message, details? }, requestId }. */
export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.any().optional() }),
  requestId: z.string().optional(),
});

/** The body of an action that takes no fields (submit, approve, close…): nothing (Fastify validates an absent body as null), or `{}`. */
export const EmptyBody = z.object({}).strict().nullish();

/** An action's acknowledgement when it has nothing else to say. */
export const OkResponse = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponse>;

/** The bytes of a downloaded or uploaded file (OpenAPI: string, format binary). */
export const BinaryFile = z.string().meta({ format: 'binary', description: 'Nội dung tệp' });

/**
 * A 2xx answer that is a file, for each content type the route can send: the route sends the bytes
 * itself (a Buffer or a stream), so no JSON serializer ever runs on it.
 */
export function fileResponse(contentTypes: readonly string[], description = 'Tệp tải về') {
  return { description, content: Object.fromEntries(contentTypes.map((type) => [type, { schema: BinaryFile }])) };
}

/** A multipart upload of one file and no other field. */
export const FileUpload = z.object({ file: BinaryFile });

/** The content types of the files the API sends and takes. */
export const ContentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  binary: 'application/octet-stream',
} as const;

/** A background scoring run (results or survey scores) as its page polls it. */
export const ScoreRunJob = z.object({
  id: z.string(),
  what: z.enum(['survey_score', 'results']),
  cycleId: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  /** 0–100. */
  progress: z.number(),
  /** Why it failed, for the user (Vietnamese). */
  error: z.string().nullable(),
  /** A summary of what the run stored (the page reloads the full data). */
  result: z.record(z.string(), z.unknown()).nullable(),
  /** Where to poll it. */
  pollUrl: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ScoreRunJob = z.infer<typeof ScoreRunJob>;
