/**
 * The fuzz's fixed values (apps/server/src/http/fuzz-routes.int.test.ts): the seed, the mutations
 * of a field, bogus path parameters, broken JSON bodies, and small helpers on bodies.
 */
import { randomUUID } from 'node:crypto';

export type Json = Record<string, unknown>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const SEED = Number(process.env.FUZZ_SEED ?? 20_260_301);
export const DELETE = Symbol('delete');
/** A field left out of a valid-looking body (a one-time token the fuzz does not have). */
export const OMIT = Symbol('omit');
export const HUGE = 'x'.repeat(10_000);
export const FUZZ_PASSWORD = 'Mot cum tu dai de thu 2026';
export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A value put in place of a field; DELETE removes the field. */
export const FIELD_MUTATIONS: [string, (v: unknown) => unknown][] = [
  ['missing', () => DELETE],
  ['null', () => null],
  ['wrong type', (v) => (typeof v === 'string' ? 12345 : typeof v === 'number' ? 'abc' : typeof v === 'boolean' ? 'true' : Array.isArray(v) ? { a: 1 } : v && typeof v === 'object' ? 'x' : { a: 1 })],
  ['empty', (v) => (Array.isArray(v) ? [] : v && typeof v === 'object' ? {} : '')],
  ['blank', () => '   '],
  ['huge', () => HUGE],
  ['NUL', (v) => (typeof v === 'string' ? `${v}\u0000` : 'a\u0000b')],
  ['lone surrogate', (v) => (typeof v === 'string' ? `${v}\ud800` : '\udc00x')],
  ['negative', () => -1],
  ['1e308', () => 1e308],
  ['fraction', () => 0.5],
  ['NaN-ish', () => 'NaN'],
  ['Infinity-ish', () => '-Infinity'],
  ['exponent', () => '1e999'],
  ['bogus id', () => randomUUID()],
  ['huge array', (v) => (Array.isArray(v) ? Array.from({ length: 10_001 }, () => v[0]) : [v, v])],
];

/** Path parameter values that do not name anything. */
export const BOGUS_PARAMS: [string, string][] = [
  ['random uuid', randomUUID()],
  ['NUL', '%00'],
  ['NUL inside', 'abc%00def'],
  ['very long', 'a'.repeat(5_000)],
  ['dot-dot', '..%2F..%2Fetc%2Fpasswd'],
  ['dot-dot raw', '../x'],
  ['lone surrogate (bad UTF-8)', '%ED%A0%80'],
  ['broken escape', '%E0%A4%A'],
  ['number-ish', '1e308'],
  ['negative', '-1'],
];

export const BROKEN_JSON: [string, string | Buffer, string][] = [
  ['unterminated', '{"a":', 'application/json'],
  ['just a brace', '{', 'application/json'],
  ['empty', '', 'application/json'],
  ['null', 'null', 'application/json'],
  ['array', '[1,2]', 'application/json'],
  ['string', '"x"', 'application/json'],
  ['number', '1e308', 'application/json'],
  ['__proto__', '{"__proto__":{"polluted":1}}', 'application/json'],
  ['constructor.prototype', '{"constructor":{"prototype":{"polluted":1}}}', 'application/json'],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json'],
  ['escaped NUL', '{"a":"\\u0000"}', 'application/json'],
  ['deep nesting', '['.repeat(5_000) + ']'.repeat(5_000), 'application/json'],
  ['text/plain', 'hello', 'text/plain'],
  ['form-urlencoded', 'a=1&b=2', 'application/x-www-form-urlencoded'],
  ['utf-16 charset', '{}', 'application/json; charset=utf-16'],
  ['no content type', '{}', ''],
];

/** A short summary of what was sent, NUL and surrogates escaped, so the failure list stays readable. */
export function summarize(value: unknown, max = 160): string {
  if (value === undefined) return '(no body)';
  if (Buffer.isBuffer(value)) return `(${value.length} bytes)`;
  const s = typeof value === 'string' ? value : JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 12)}…(${v.length} chars)` : Array.isArray(v) && v.length > 5 ? [`…(${v.length} items)`] : v));
  const clean = (s ?? String(value)).replace(/\u0000/g, '\\u0000').replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The value at `path` of `body` replaced (or removed) — a deep copy. */
export function withField(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Json;
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = node[key as string] as Json;
  const last = path[path.length - 1];
  if (value === DELETE) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last as string];
  } else node[last as string] = value;
  return copy;
}

/** Every field path of a sample value (objects' keys, arrays' first item), at most `limit`. */
export function fieldPaths(value: unknown, limit = 30): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[], depth: number) => {
    if (out.length >= limit || depth > 4) return;
    if (Array.isArray(v)) {
      if (v.length) {
        out.push([...path, 0]);
        walk(v[0], [...path, 0], depth + 1);
      }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push([...path, k]);
        walk(x, [...path, k], depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return out.slice(0, limit);
}
