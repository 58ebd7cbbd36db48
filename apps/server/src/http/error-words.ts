/**
 * The Vietnamese words of the errors Fastify and its validators raise (errors.ts answers with them):
 * a validation's issues joined into one message naming each field, Ajv's keywords, a library's
 * bare 4xx by status, and the errors Fastify answers before any route or hook (a URL it cannot
 * decode, a parameter over its length limit), which reach no error handler.
 */
import type { ErrorBody, Issue } from '@parindex/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { fieldOf } from './zod-vietnamese.ts';

/** JSON pointer → the dotted field name the API uses: "/items/0/action" → "items.0.action". */
export const fieldOfPointer = (pointer: string | undefined) => (pointer ?? '').replace(/^\//, '').replace(/\//g, '.') || undefined;

const WHERE: Record<string, string> = {
  body: 'Yêu cầu không hợp lệ',
  querystring: 'Tham số truy vấn (sau dấu "?") không hợp lệ',
  params: 'Đường dẫn không hợp lệ',
  headers: 'Tiêu đề yêu cầu không hợp lệ',
};

/**
 * The 400 answer of a validation: "Yêu cầu không hợp lệ: title Hãy ghi tiêu đề. reason là bắt buộc: …".
 * Each part starts with the field name unquoted (the web's remediation page rewrites "items.0.action"
 * into words: remediation-row.tsx), whether the issue's own message named it or not.
 */
export function validationBody(issues: Issue[], context: string | undefined): ErrorBody {
  const parts = issues.map(({ field, message }) => {
    const text = message.trim().replace(/[.;]+$/, '');
    if (!field) return text;
    const quoted = `"${field}"`;
    return text.startsWith(quoted) ? `${field}${text.slice(quoted.length)}` : `${field} ${text}`;
  });
  // Sentences, not "; ": a message may hold a ";" of its own ("…không phải một số; hãy sửa lại").
  const message = `${WHERE[context ?? 'body'] ?? WHERE.body}: ${parts.join('. ')}.`;
  return { error: { code: 'VALIDATION', message, details: { issues } } };
}

const AJV_TYPES: Record<string, string> = { string: 'một đoạn văn bản', number: 'một số', integer: 'một số nguyên', boolean: 'giá trị đúng/sai (true hoặc false)', object: 'một đối tượng JSON ({…})', array: 'một danh sách ([…])', null: 'để trống' };

/** One Ajv (JSON-schema) error in Vietnamese, naming the field, from its keyword. */
export function fromAjv(v: NonNullable<FastifyError['validation']>[number]): Issue {
  const params = (v.params ?? {}) as Record<string, unknown>;
  const base = fieldOfPointer(v.instancePath);
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
  const field = missing ? [base, missing].filter(Boolean).join('.') : base;
  const name = fieldOf(field ? field.split('.') : []);
  const limit = params.limit === undefined ? '' : String(params.limit);
  switch (v.keyword) {
    case 'required':
      return { field, message: `${name} là bắt buộc: hãy gửi giá trị.` };
    case 'type':
      return { field, message: `${name} phải là ${String(params.type ?? '').split(',').map((t) => AJV_TYPES[t] ?? 'giá trị đúng kiểu').join(' hoặc ')}.` };
    case 'minLength':
      return { field, message: limit === '1' ? `${name} đang để trống: hãy nhập nội dung.` : `${name} quá ngắn: cần ít nhất ${limit} ký tự.` };
    case 'maxLength':
      return { field, message: `${name} quá dài: tối đa ${limit} ký tự; hãy rút gọn.` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { field, message: `${name} quá nhỏ: phải ${v.keyword === 'minimum' ? 'từ' : 'lớn hơn'} ${limit.replace('.', ',')}.` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { field, message: `${name} quá lớn: phải ${v.keyword === 'maximum' ? 'không quá' : 'nhỏ hơn'} ${limit.replace('.', ',')}.` };
    case 'enum':
      return { field, message: `${name} phải là một trong các giá trị: ${((params.allowedValues as unknown[]) ?? []).map((x) => JSON.stringify(x)).join(', ')}.` };
    case 'additionalProperties':
      return { field, message: `${base ? `Trong ${name} có` : 'Có'} trường không được chấp nhận: "${String(params.additionalProperty)}"; hãy bỏ trường này.` };
    case 'format':
      return { field, message: `${name} không đúng định dạng ${String(params.format ?? '')}; hãy kiểm tra lại.` };
    default:
      return { field, message: `${name} không hợp lệ; hãy kiểm tra lại.` };
  }
}

/** A library's bare 4xx (its message is English): what it means and what to do, by status. */
export function clientError(status: number): ErrorBody['error'] {
  switch (status) {
    case 401:
      return { code: 'UNAUTHENTICATED', message: 'Cần đăng nhập. Hãy đăng nhập rồi thử lại.' };
    case 403:
      return { code: 'FORBIDDEN', message: 'Tài khoản này không có quyền làm việc này. Nếu cần, hãy liên hệ quản trị viên.' };
    case 404:
      return { code: 'NOT_FOUND', message: 'Không tìm thấy nội dung yêu cầu. Hãy kiểm tra lại địa chỉ.' };
    case 405:
      return { code: 'VALIDATION', message: 'Đường dẫn này không nhận phương thức đã gửi. Hãy kiểm tra lại.' };
    case 406:
      return { code: 'VALIDATION', message: 'Không trả lời được theo định dạng yêu cầu (tiêu đề Accept). Hãy bỏ tiêu đề Accept hoặc nhận JSON.' };
    case 409:
      return { code: 'CONFLICT', message: 'Dữ liệu đã bị thay đổi ở nơi khác. Hãy tải lại trang rồi thử lại.' };
    case 413:
      return { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn. Hãy gửi ít hơn (tệp nhỏ hơn, nội dung ngắn hơn).' };
    case 414:
      return { code: 'VALIDATION', message: 'Đường dẫn quá dài. Hãy kiểm tra lại địa chỉ.' };
    case 415:
      return { code: 'VALIDATION', message: 'Kiểu nội dung (Content-Type) gửi lên không được hỗ trợ. Hãy gửi JSON (application/json).' };
    case 429:
      return { code: 'RATE_LIMITED', message: 'Quá nhiều yêu cầu trong thời gian ngắn. Hãy đợi một lát rồi thử lại.' };
    case 431:
      return { code: 'VALIDATION', message: 'Tiêu đề yêu cầu quá lớn. Hãy xóa cookie của trang rồi thử lại.' };
    default:
      return { code: 'VALIDATION', message: 'Yêu cầu không hợp lệ. Hãy kiểm tra lại dữ liệu gửi lên rồi thử lại.' };
  }
}

/** Fastify's own answers before routing, in English unless a `frameworkErrors` handler is set. */
const FRAMEWORK: Record<string, [number, string]> = {
  FST_ERR_BAD_URL: [400, 'Đường dẫn chứa ký tự mã hóa sai (dấu % không đúng dạng). Hãy kiểm tra lại địa chỉ.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'Một phần của đường dẫn quá dài. Hãy kiểm tra lại địa chỉ.'],
};

/** The Fastify constructor's `frameworkErrors`: its own answers before routing (a bad URL, a too long path part), in Vietnamese. */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const known = FRAMEWORK[err.code];
  const status = known?.[0] ?? err.statusCode ?? 500;
  const error: ErrorBody['error'] = known
    ? { code: 'VALIDATION', message: known[1] }
    : status >= 500
      ? { code: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại; nếu lỗi lặp lại, báo quản trị viên kèm mã yêu cầu.' }
      : clientError(status);
  void reply.status(status).send({ error, requestId: req.id });
}
