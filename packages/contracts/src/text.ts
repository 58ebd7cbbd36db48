import { z } from 'zod';

/*
 * Text a client sends: PostgreSQL cannot store the NUL character (U+0000) in text or JSON, and a
 * lone UTF-16 surrogate (half of an emoji, U+D800–U+DFFF) is no character at all — a driver
 * silently turns it into "�", and JSON columns refuse it. Both are refused at the door, naming the
 * field, instead of failing deep in the database.
 */

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored as text (in Vietnamese), or undefined when it can. */
export function textProblem(s: string): string | undefined {
  if (s.includes(NUL)) return 'chứa ký tự NUL (\\u0000), không lưu được';
  if (LONE_SURROGATE.test(s)) return 'chứa ký tự Unicode không hợp lệ (nửa cặp UTF-16)';
  return undefined;
}

/** True when no string anywhere inside `value` (keys included) has a textProblem. */
export function isStorableJson(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return textProblem(value) === undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every((v) => isStorableJson(v, depth + 1));
  return Object.entries(value).every(([k, v]) => textProblem(k) === undefined && isStorableJson(v, depth + 1));
}

/**
 * A string a client may send as free text, id or code: refuses NUL and lone surrogates with a
 * message naming the problem. Chain the usual checks after it: `SafeText.trim().min(1).max(200)`.
 */
export const SafeText = z.string().superRefine((s, ctx) => {
  const problem = textProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: `Văn bản ${problem}.` });
});

/** Any JSON value whose strings (and keys) are all storable; for free-form documents sent as JSON. */
export const SafeJson = z.unknown().refine((v) => isStorableJson(v), 'Dữ liệu chứa ký tự NUL (\\u0000) hoặc ký tự Unicode không hợp lệ (nửa cặp UTF-16), không lưu được.');

/** A calendar date YYYY-MM-DD that exists (no 2026-02-31), as PostgreSQL's `date` accepts it. */
export const DateString = z.iso.date({ error: 'Ngày không hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-03-02).' });
