import { AppError, type ErrorBody, type Issue } from '@parindex/contracts';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { redactDbError } from '../db/redact-error.ts';
import { pgErrorOf } from '../db/sql-helpers.ts';
import { multipartErrorOf } from './multipart.ts';
import { clientError, fieldOfPointer, fromAjv, validationBody } from './error-words.ts';

/**
 * The one place that turns errors into the wire shape { error: { code, message, details? }, requestId }.
 *
 * Nothing a client can send should answer 500. Services check their input and throw AppError; as
 * a safety net, what still reaches here from the database (PostgreSQL refusing a value: a missing
 * referenced row, a duplicate, a NUL character…), from the multipart parser (a truncated upload,
 * a limit: multipart.ts) or from the JSON body parser becomes a 4xx with a Vietnamese message. Anything else is
 * a bug: logged, and answered 500.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    let body: ErrorBody;
    let status: number;
    const refused = err instanceof AppError ? undefined : fromDatabase(err, req);
    // A database refusal means a check is missing in a service: kept in the log to add it.
    // Logged without the query's values (redact-error.ts): they may hold a password hash or a token's hash.
    if (refused) req.log.warn({ err: redactDbError(err) }, `database refused input: ${refused.message}`);
    const mapped = err instanceof AppError ? err : (refused ?? multipartErrorOf(err) ?? fromBodyParser(err));
    if (mapped) {
      status = STATUS_OVERRIDE.get(mapped) ?? mapped.status;
      body = { error: { code: mapped.code, message: mapped.message, details: mapped.issues.length || Object.keys(mapped.details).length ? { ...(mapped.issues.length ? { issues: mapped.issues } : {}), ...mapped.details } : undefined } };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const issues = err.validation.map((v) => ({ field: fieldOfPointer(v.instancePath), message: v.message ?? 'không hợp lệ' }));
      body = validationBody(issues, err.validationContext);
    } else if ((err as FastifyError).validation) {
      // A JSON-schema (Ajv) validation, in English from Ajv: rewritten from its keyword.
      status = 400;
      body = validationBody((err as FastifyError).validation!.map(fromAjv), (err as FastifyError).validationContext);
    } else if ((err as FastifyError).statusCode === 413) {
      status = 413;
      body = { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn. Hãy gửi ít hơn (tệp nhỏ hơn, nội dung ngắn hơn).' } };
    } else if (isClientError((err as FastifyError).statusCode)) {
      // A library's own 4xx: its English message stays in the log, the user reads what to do.
      status = (err as FastifyError).statusCode!;
      req.log.info({ code: (err as FastifyError).code, message: err.message }, 'client error from a library');
      body = { error: clientError(status) };
    } else {
      req.log.error({ err: redactDbError(err) }, 'unhandled error');
      status = 500;
      body = { error: { code: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại; nếu lỗi lặp lại, báo quản trị viên kèm mã yêu cầu.' } };
    }
    body.requestId = req.id;
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `Không có đường dẫn ${req.method} ${req.url}. Hãy kiểm tra lại địa chỉ.` }, requestId: req.id });
  });
}

const isClientError = (status: number | undefined) => !!status && status >= 400 && status < 500;

/** snake_case column → the camelCase field name clients send. */
const fieldName = (column: string) => column.trim().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Columns and values of a key in a PostgreSQL detail: `Key (cycle_id, unit_id)=(a, b) is not present…`. */
function keyOf(detail: string | undefined): { columns: string[]; values: string[] } | undefined {
  const m = detail && /Key \(([^)]*)\)=\((.*)\)/.exec(detail);
  if (!m) return undefined;
  return { columns: m[1].split(',').map((c) => c.trim().replace(/^"|"$/g, '')), values: m[2].split(', ') };
}

/** Columns that reference another table, longest first (a constraint name holds its column). */
const REFERENCE_COLUMNS = ['rubric_version_id', 'questionnaire_id', 'predecessor_id', 'successor_id', 'document_id', 'cycle_id', 'unit_id', 'user_id'];

/** The column a foreign-key constraint names when the detail does not: `survey_targets_unit_id_units_id_fk` → unit_id. */
function columnsOfConstraint(constraint: string | undefined): string[] {
  if (!constraint) return [];
  if (constraint.endsWith('_cycle_unit_fk')) return ['unit_id'];
  const column = REFERENCE_COLUMNS.find((c) => constraint.includes(`_${c}_`));
  return column ? [column] : [];
}

/** The driver's error object (PGlite's or node-postgres's) behind drizzle's wrapper, for its `column` and `message`. */
function driverErrorOf(err: unknown): { column?: unknown; message?: unknown } | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if (typeof (current as { code?: unknown }).code === 'string') return current as { column?: unknown; message?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const BAD_TEXT = 'Dữ liệu gửi lên chứa ký tự không lưu được (ký tự NUL \\u0000 hoặc ký tự Unicode không hợp lệ). Hãy bỏ ký tự đó rồi gửi lại.';

/**
 * PostgreSQL refusing a value (SQLSTATE, PGlite and node-postgres alike):
 *
 * | SQLSTATE | meaning | answer |
 * |---|---|---|
 * | 23503 | referenced row missing | 404 when every key value is a path parameter, else 400, naming the field |
 * | 23503 | row still referenced (delete/update) | 409 |
 * | 23505 | unique | 409, naming the field |
 * | 23514, 23502 | check, not null | 400 |
 * | 22P02 | invalid text representation (a number, uuid, JSON…; a lone surrogate in JSON) | 400 |
 * | 22001 | string too long | 400 |
 * | 22003 | numeric value out of range | 400 |
 * | 22007, 22008 | invalid date/time, date/time out of range | 400 |
 * | 22021, 22P05 | invalid byte sequence, untranslatable character (NUL) | 400 |
 * | 54000 | value too large to index | 400 |
 */
function fromDatabase(err: unknown, req: FastifyRequest): AppError | undefined {
  if (err instanceof Error && (err as FastifyError).statusCode) return undefined;
  const pg = pgErrorOf(err);
  if (!pg) return undefined;
  const key = keyOf(pg.detail);
  const columns = key?.columns ?? [];
  const issues = (message: string, cols = columns): Issue[] => cols.map((c) => ({ field: fieldName(c), message }));
  switch (pg.code) {
    case '23503': {
      if (pg.detail?.includes('still referenced')) return new AppError('CONFLICT', 'Dữ liệu này đang được dùng ở nơi khác nên không xóa hay đổi được.');
      const cols = columns.length ? columns : columnsOfConstraint(pg.constraint);
      const names = cols.map(fieldName);
      const params = Object.values((req.params ?? {}) as Record<string, unknown>).map(String);
      const fromPath = !!key && key.values.length > 0 && key.values.every((v) => params.includes(v));
      const what = names.length ? ` (${names.join(', ')})` : '';
      return new AppError(fromPath ? 'NOT_FOUND' : 'VALIDATION', `Dữ liệu tham chiếu không tồn tại${what}. Hãy kiểm tra lại mã đã chọn.`, issues('không tồn tại', cols));
    }
    case '23505':
      return new AppError('CONFLICT', `Đã có dữ liệu trùng${columns.length ? ` (${columns.map(fieldName).join(', ')})` : ''}.`, issues('đã có'));
    case '23514':
      return new AppError('VALIDATION', 'Giá trị gửi lên không hợp lệ (ngoài các giá trị cho phép).', pg.constraint ? [{ message: `vi phạm ràng buộc ${pg.constraint}` }] : []);
    case '23502': {
      const column = driverErrorOf(err)?.column;
      const field = typeof column === 'string' ? fieldName(column) : undefined;
      return new AppError('VALIDATION', `Thiếu dữ liệu bắt buộc${field ? ` (${field})` : ''}.`, field ? [{ field, message: 'bắt buộc' }] : []);
    }
    case '22P02': {
      // JSON refusing a lone surrogate ("Unicode low surrogate must follow a high surrogate") is bad text too.
      const message = `${String(driverErrorOf(err)?.message ?? '')} ${pg.detail ?? ''}`;
      if (/unicode|surrogate/i.test(message)) return new AppError('VALIDATION', BAD_TEXT);
      return new AppError('VALIDATION', 'Giá trị gửi lên không đúng kiểu dữ liệu (số, ngày, mã…).');
    }
    case '22001':
      return new AppError('VALIDATION', 'Chuỗi ký tự gửi lên quá dài.');
    case '22003':
      return new AppError('VALIDATION', 'Số gửi lên vượt quá giới hạn cho phép.');
    case '22007':
    case '22008':
      return new AppError('VALIDATION', 'Ngày giờ gửi lên không hợp lệ (dạng YYYY-MM-DD).');
    case '22021':
    case '22P05':
      return new AppError('VALIDATION', BAD_TEXT);
    case '54000':
      return new AppError('VALIDATION', 'Giá trị gửi lên quá dài để lưu.');
    default:
      return undefined;
  }
}

/** A mapped error answered with another status than its code's (415 Unsupported Media Type is no code of its own). */
const STATUS_OVERRIDE = new WeakMap<AppError, number>();
const withStatus = (e: AppError, status: number) => (STATUS_OVERRIDE.set(e, status), e);

const BODY_PARSER: Record<string, () => AppError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => new AppError('VALIDATION', INVALID_JSON),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new AppError('VALIDATION', 'Nội dung gửi lên rỗng trong khi khai báo là JSON. Hãy gửi một đối tượng JSON (ít nhất {}) hoặc bỏ tiêu đề Content-Type.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new AppError('PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn (tối đa 25 MB). Hãy gửi ít hơn hoặc chia nhỏ.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new AppError('VALIDATION', 'Độ dài nội dung (Content-Length) không khớp với dữ liệu gửi lên. Hãy gửi lại.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => withStatus(new AppError('VALIDATION', 'Kiểu nội dung (Content-Type) gửi lên không được hỗ trợ. Hãy gửi JSON (application/json), hoặc multipart/form-data khi tải tệp lên.'), 415),
  FST_ERR_CTP_INVALID_TYPE: () => new AppError('VALIDATION', 'Kiểu nội dung (Content-Type) gửi lên không hợp lệ. Hãy gửi application/json.'),
  FST_ERR_CTP_EMPTY_TYPE: () => new AppError('VALIDATION', 'Thiếu kiểu nội dung (Content-Type). Hãy gửi kèm Content-Type: application/json.'),
};

// Exact words asserted by fuzz-error-mapping.int.test.ts.
const INVALID_JSON = 'Nội dung gửi lên không phải JSON hợp lệ.';

/** Fastify's body parsing (FST_ERR_CTP_*): a broken JSON body, an empty one, a wrong content type. */
function fromBodyParser(err: FastifyError): AppError | undefined {
  const make = typeof err?.code === 'string' ? BODY_PARSER[err.code] : undefined;
  if (make) return make();
  // The JSON parser's own SyntaxError (e.g. "__proto__" refused by secure-json-parse) comes with status 400.
  if (err instanceof SyntaxError && err.statusCode === 400) return new AppError('VALIDATION', INVALID_JSON);
  return undefined;
}
