/**
 * File uploads (multipart/form-data): one file part read into memory under a byte limit, with the
 * form fields sent before it. Every way an upload goes wrong answers a Vietnamese 4xx naming the
 * file: not multipart, no file, an empty file, a file too large, a body cut short, a broken form.
 * The routes register @fastify/multipart; this reads what it parses.
 */
import { AppError, textProblem } from '@parindex/contracts';
import type { FastifyRequest } from 'fastify';

export interface Upload {
  /** The file's name as sent (control characters and broken Unicode removed). */
  name: string;
  content: Buffer;
  /** The form fields sent before the file part, by name; absent ones are undefined. */
  fields: Record<string, string | undefined>;
}

export interface UploadOptions {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Names of the form fields to read (sent before the file). */
  fields?: readonly string[];
}

const MB = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Reads the request's file part and the fields sent before it. */
export async function readUpload(req: FastifyRequest, opts: UploadOptions): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('VALIDATION', 'Hãy gửi tệp dạng multipart/form-data.', [{ field: 'file', message: 'bắt buộc' }]);
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await req.file({ limits: { fileSize: opts.maxBytes } });
  } catch (err) {
    throw multipartErrorOf(err, { maxBytes: opts.maxBytes }) ?? err;
  }
  if (!part) throw new AppError('INVALID_FILE', 'Chưa chọn tệp.', [{ field: 'file', message: 'bắt buộc' }]);
  const name = cleanFileName(part.filename);
  let content: Buffer;
  try {
    content = await part.toBuffer();
  } catch (err) {
    throw multipartErrorOf(err, { name, maxBytes: opts.maxBytes }) ?? err;
  }
  if (part.file.truncated) throw tooLarge(name, opts.maxBytes);
  if (content.length === 0) throw new AppError('INVALID_FILE', `Tệp "${name}" rỗng (0 byte).`, [{ field: 'file', message: 'tệp rỗng' }]);
  const fields: Record<string, string | undefined> = {};
  for (const field of opts.fields ?? []) fields[field] = fieldOf(part.fields, field);
  return { name, content, fields };
}

/** A form field sent before the file part (the first, when sent twice). */
function fieldOf(all: Record<string, unknown>, name: string): string | undefined {
  const raw = all[name];
  const f = (Array.isArray(raw) ? raw[0] : raw) as { type?: string; value?: unknown; valueTruncated?: boolean } | undefined;
  if (!f || f.type !== 'field' || typeof f.value !== 'string') return undefined;
  if (f.valueTruncated) throw new AppError('VALIDATION', `Trường "${name}" của biểu mẫu quá dài.`, [{ field: name, message: 'quá dài' }]);
  const problem = textProblem(f.value);
  if (problem) throw new AppError('VALIDATION', `Trường "${name}" ${problem}.`, [{ field: name, message: problem }]);
  return f.value;
}

/** The name to show and store: no control characters, no broken Unicode, at most 200 characters. */
function cleanFileName(raw: string | undefined): string {
  const name = (raw ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .trim();
  return (name || 'tệp').slice(0, 200);
}

const tooLarge = (name: string | undefined, maxBytes: number | undefined) =>
  new AppError('PAYLOAD_TOO_LARGE', `${name ? `Tệp "${name}"` : 'Tệp gửi lên'} vượt quá ${maxBytes ? MB(maxBytes) : 'dung lượng cho phép'}.`, [{ field: 'file', message: 'quá lớn' }]);

const LIMITS: Record<string, string> = {
  FST_PARTS_LIMIT: 'Biểu mẫu gửi lên có quá nhiều phần.',
  FST_FILES_LIMIT: 'Chỉ gửi một tệp mỗi lần.',
  FST_FIELDS_LIMIT: 'Biểu mẫu gửi lên có quá nhiều trường.',
};
const INVALID: Record<string, string> = {
  FST_PROTO_VIOLATION: 'Biểu mẫu gửi lên có tên trường không hợp lệ.',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'Hãy gửi tệp dạng multipart/form-data.',
  FST_INVALID_JSON_FIELD_ERROR: 'Một trường của biểu mẫu khai báo là JSON nhưng không phải JSON hợp lệ.',
};
/** busboy's own errors carry no code: the body or a part cut short, no boundary, a broken part header. */
const TRUNCATED = /unexpected end of (multipart data|form)|terminated early|premature close/i;
const MALFORMED = /boundary not found|malformed part header|^multipart: /i;

/**
 * The Vietnamese 4xx for an error of @fastify/multipart or busboy, or undefined when `err` is not
 * one (also the error handler's safety net for uploads read without readUpload):
 *
 * | error | answer |
 * |---|---|
 * | FST_REQ_FILE_TOO_LARGE | 413 "Tệp … vượt quá … MB" |
 * | FST_PARTS_LIMIT, FST_FILES_LIMIT, FST_FIELDS_LIMIT | 413 |
 * | FST_MP_PREMATURE_CLOSE, "Unexpected end of multipart data / form", "… terminated early" | 400 "không trọn vẹn" |
 * | FST_PROTO_VIOLATION, FST_INVALID_MULTIPART_CONTENT_TYPE, FST_INVALID_JSON_FIELD_ERROR | 400 |
 * | "Multipart: Boundary not found", "Malformed part header" | 400 |
 */
export function multipartErrorOf(err: unknown, ctx: { name?: string; maxBytes?: number } = {}): AppError | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(ctx.name, ctx.maxBytes);
  if (typeof code === 'string' && LIMITS[code]) return new AppError('PAYLOAD_TOO_LARGE', LIMITS[code], [{ field: 'file', message: 'quá lớn' }]);
  if (typeof code === 'string' && INVALID[code]) return new AppError('VALIDATION', INVALID[code]);
  if (code === 'FST_MP_PREMATURE_CLOSE' || (!status && TRUNCATED.test(err.message)))
    return new AppError('VALIDATION', `${ctx.name ? `Tệp "${ctx.name}"` : 'Tệp'} gửi lên không trọn vẹn (dữ liệu bị cắt giữa chừng). Hãy gửi lại.`, [{ field: 'file', message: 'không trọn vẹn' }]);
  if (!status && MALFORMED.test(err.message)) return new AppError('VALIDATION', 'Dữ liệu multipart/form-data không hợp lệ. Hãy gửi lại tệp từ biểu mẫu.', [{ field: 'file', message: 'không hợp lệ' }]);
  return undefined;
}
