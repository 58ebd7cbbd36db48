/**
 * zod's messages in Vietnamese, naming the field and saying what to do — installed once, for the
 * whole server process, when this module is imported (http/app.ts does).
 *
 * zod ships a Vietnamese locale (z.locales.vi()), but it still writes zod's type names and symbols
 * ("mong đợi string, nhận được undefined", "Quá nhỏ: mong đợi string có >=1 ký tự") and never says
 * which field; the map below is used instead, with the locale as the fallback for an issue kind it
 * does not know. A message a schema sets itself (packages/contracts: `.min(1, 'Hãy ghi tiêu đề.')`)
 * outranks a global map in zod, so those stay as written.
 */
import { z } from 'zod';
import type { $ZodRawIssue } from 'zod/v4/core';

type Issue = $ZodRawIssue;

const locale = z.locales.vi().localeError;

/** What a value should be, in words a user reads. */
const EXPECTED: Record<string, string> = {
  string: 'một đoạn văn bản',
  number: 'một số',
  int: 'một số nguyên',
  bigint: 'một số nguyên',
  boolean: 'giá trị đúng/sai (true hoặc false)',
  object: 'một đối tượng JSON ({…})',
  array: 'một danh sách ([…])',
  date: 'một ngày',
  file: 'một tệp',
  null: 'để trống',
};

/** What was sent instead. */
function received(input: unknown): string {
  if (input === null) return 'giá trị rỗng (null)';
  if (Array.isArray(input)) return 'một danh sách';
  switch (typeof input) {
    case 'string':
      return 'một đoạn văn bản';
    case 'number':
      return Number.isNaN(input) ? 'một giá trị không phải số' : 'một số';
    case 'boolean':
      return 'giá trị đúng/sai';
    case 'object':
      return 'một đối tượng';
    default:
      return 'một giá trị khác kiểu';
  }
}

const FORMAT: Record<string, string> = {
  uuid: 'một mã định danh UUID (dạng xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); hãy chọn lại từ danh sách',
  guid: 'một mã định danh UUID (dạng xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); hãy chọn lại từ danh sách',
  email: 'một địa chỉ thư điện tử (ví dụ ten@coquan.gov.vn)',
  url: 'một địa chỉ web (ví dụ https://…)',
  datetime: 'ngày giờ dạng ISO (ví dụ 2026-03-02T08:00:00+07:00)',
  date: 'ngày dạng YYYY-MM-DD (ví dụ 2026-03-02)',
  time: 'giờ dạng HH:MM (ví dụ 08:30)',
  duration: 'khoảng thời gian dạng ISO (ví dụ P3D)',
  base64: 'dữ liệu mã hóa base64',
  base64url: 'dữ liệu mã hóa base64url',
  json_string: 'một chuỗi JSON hợp lệ',
  ipv4: 'một địa chỉ IPv4',
  ipv6: 'một địa chỉ IPv6',
};

/** A bound the way Vietnamese write numbers (1.000; 0,5). */
function bound(value: unknown, origin: string | undefined): string {
  if (origin === 'date' && (typeof value === 'number' || typeof value === 'bigint')) return new Date(Number(value)).toISOString().slice(0, 10);
  if (typeof value === 'number') return value.toLocaleString('vi-VN', { maximumFractionDigits: 20 });
  return String(value);
}

const UNIT: Record<string, string> = { string: 'ký tự', array: 'mục', set: 'mục', map: 'mục', file: 'byte' };

/** `"reason"`, `"items.0.points"`; the body itself when the issue is about the whole input. */
export const fieldOf = (path: readonly PropertyKey[] | undefined) => (path?.length ? `"${path.map(String).join('.')}"` : 'Dữ liệu gửi lên');

/** One zod issue in Vietnamese: the field first, then what is wrong and what to send instead. */
export function vietnameseZodMessage(issue: Issue): string | undefined {
  const field = fieldOf(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? 'giá trị đúng kiểu';
      if (issue.input === undefined) return `${field} là bắt buộc: hãy gửi ${expected}.`;
      // A query's "abc" coerced to NaN, "-Infinity" or "1e999" to an infinite number.
      if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `${field} phải là một số (ví dụ 10); hãy nhập lại.`;
      if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) return `${field} phải là một số hữu hạn (ví dụ 10); hãy nhập lại.`;
      return `${field} phải là ${expected}, không phải ${received(issue.input)}; hãy sửa lại.`;
    }
    case 'too_small': {
      const unit = UNIT[issue.origin];
      const min = bound(issue.minimum, issue.origin);
      if (unit && Number(issue.minimum) === 1 && issue.inclusive !== false)
        return issue.origin === 'string' ? `${field} đang để trống: hãy nhập nội dung.` : `${field} đang trống: cần ít nhất 1 ${unit}.`;
      if (unit) return `${field} quá ngắn: cần ${issue.exact ? 'đúng' : 'ít nhất'} ${min} ${unit}.`;
      return `${field} quá nhỏ: phải ${issue.inclusive === false ? 'lớn hơn' : 'từ'} ${min}${issue.inclusive === false ? '' : ' trở lên'}.`;
    }
    case 'too_big': {
      const unit = UNIT[issue.origin];
      const max = bound(issue.maximum, issue.origin);
      if (unit) return `${field} quá dài: ${issue.exact ? 'cần đúng' : 'tối đa'} ${max} ${unit}; hãy rút gọn.`;
      return `${field} quá lớn: phải ${issue.inclusive === false ? 'nhỏ hơn' : 'không quá'} ${max}.`;
    }
    case 'invalid_format': {
      const format = FORMAT[issue.format];
      if (format) return `${field} phải là ${format}.`;
      if (issue.format === 'starts_with') return `${field} phải bắt đầu bằng "${issue.prefix}".`;
      if (issue.format === 'ends_with') return `${field} phải kết thúc bằng "${issue.suffix}".`;
      if (issue.format === 'includes') return `${field} phải chứa "${issue.includes}".`;
      return `${field} không đúng định dạng cho phép; hãy kiểm tra lại.`;
    }
    case 'not_multiple_of':
      return `${field} phải là bội số của ${bound(issue.divisor, undefined)}.`;
    case 'invalid_value':
      if (issue.values.length === 1) return `${field} phải là ${JSON.stringify(issue.values[0]) ?? String(issue.values[0])}.`;
      return `${field} phải là một trong các giá trị: ${issue.values.map((v) => JSON.stringify(v) ?? String(v)).join(', ')}.`;
    case 'unrecognized_keys':
      return `${issue.path?.length ? `Trong ${field} có` : 'Có'} trường không được chấp nhận: ${issue.keys.map((k) => `"${k}"`).join(', ')}; hãy bỏ ${issue.keys.length > 1 ? 'các trường này' : 'trường này'}.`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length) return `${field} phải là một trong các giá trị: ${options.map((o) => JSON.stringify(o)).join(', ')}.`;
      return `${field} không đúng dạng nào được chấp nhận; hãy kiểm tra lại.`;
    }
    case 'invalid_key':
      return `${field} có tên mục không hợp lệ; hãy kiểm tra lại.`;
    case 'invalid_element':
      return `${field} có phần tử không hợp lệ; hãy kiểm tra lại.`;
    case 'custom':
      return `${field} không hợp lệ; hãy kiểm tra lại.`;
    default: {
      const fallback = locale(issue);
      const text = typeof fallback === 'string' ? fallback : fallback?.message;
      return text ? `${field}: ${text}` : `${field} không hợp lệ; hãy kiểm tra lại.`;
    }
  }
}

z.config({ customError: vietnameseZodMessage });
