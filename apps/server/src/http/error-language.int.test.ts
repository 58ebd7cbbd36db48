/**
 * No English library message reaches a user: every /api route, called as a role its access rule
 * allows (the fuzz's context, ../testing/fuzz/), gets invalid input — each body field missing,
 * null, of the wrong type, empty, "-Infinity"…; whole bodies of the wrong shape; malformed JSON,
 * an empty JSON body, a wrong content type; query parameters and path parameters of the wrong
 * form — and every 4xx answer's message (and each issue's) must be Vietnamese: none of the
 * phrases zod and Fastify write in English, and at least one Vietnamese letter with a diacritic.
 * Validation messages name the field. All offending answers are listed together.
 */
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from './errors.ts';
import { frameworkErrors } from './error-words.ts';
import type { ApiRoute } from './app.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createFuzzContext, paramNames, pathOf, routes, setUpFuzz, tearDownFuzz } from '../testing/fuzz/context.ts';
import { call } from '../testing/fuzz/runner.ts';
import { bodySchemaOf, enc, queryParamsOf, queryString, validBody, validQuery } from '../testing/fuzz/schema-samples.ts';
import { DELETE, fieldPaths, type Json, MUTATING, summarize, withField } from '../testing/fuzz/values.ts';

/** What zod's and Fastify's English messages are made of. */
const ENGLISH: RegExp[] = [
  /expected/i, /received/i, /Invalid input/i, /Invalid (option|string|number|key|value|discriminator|type)/i, /Too small/i, /Too big/i,
  /Unrecognized key/i, /Body is not valid JSON/i, /content-type is set/i, /Unsupported Media Type/i, /must (be|have|match|start|end|include|NOT)/i,
  /\b(body|querystring|params)\/?\s*(must|should)/i, /Route \S+ not found/i, /Not Found/i, /Bad Request/i, /\bRequired\b/, /\bshould\b/i,
  /\bthe\b/i, /\bis not\b/i, /not a valid/i, /exceeding/i, /\b(undefined|string|boolean|object|array)\b/, /Infinity/, /\bNaN\b/,
];
/** How errors.ts starts the answer of a schema validation. */
const VALIDATION_ANSWER = /^(Yêu cầu|Tham số truy vấn|Đường dẫn|Tiêu đề yêu cầu)[^:]* không hợp lệ: /;
const DIACRITIC = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

/** Why a user-facing message is not Vietnamese, or undefined when it is. */
export function notVietnamese(message: unknown): string | undefined {
  if (typeof message !== 'string' || !message.trim()) return 'no message';
  const english = ENGLISH.find((re) => re.test(message));
  if (english) return `English (${english.source})`;
  if (!DIACRITIC.test(message)) return 'no Vietnamese letter';
  return undefined;
}

describeEachDatabase(
  'every 4xx message is Vietnamese',
  (getDb, kind) => {
    const ctx = createFuzzContext(kind);
    /** Offending answers: route, what was sent → why, with the message. */
    const offending = new Map<string, string>();
    let checked = 0;

    beforeAll(() => setUpFuzz(ctx, getDb()), 180_000);
    afterAll(() => tearDownFuzz(ctx));

    /** `sent`: values of the request a message may quote back ("Không có phiếu khảo sát "-Infinity"") — not the library's words. */
    const check = (route: ApiRoute, label: string, res: LightMyRequestResponse | undefined, sent: string[] = []) => {
      if (!res || res.statusCode < 400 || res.statusCode >= 500) return;
      checked++;
      let body: { error?: { message?: unknown; details?: { issues?: { field?: string; message?: unknown }[] } } };
      try {
        body = res.json();
      } catch {
        offending.set(`${route.method} ${route.url} [${label}] → ${res.statusCode}`, `not JSON: ${res.body.slice(0, 200)}`);
        return;
      }
      const messages = [body.error?.message, ...(body.error?.details?.issues ?? []).map((i) => i.message)];
      const unquoted = (m: unknown) => (typeof m === 'string' ? sent.filter(Boolean).reduce((t, v) => t.split(v).join('…'), m) : m);
      for (const message of messages) {
        const why = notVietnamese(unquoted(message));
        if (why) offending.set(`${route.method} ${route.url} [${label}] → ${res.statusCode} ${why}`, summarize(message, 300));
      }
      // A validation answer names each field it is about.
      if (body.error && res.statusCode === 400 && VALIDATION_ANSWER.test(String(body.error.message)))
        for (const issue of body.error.details?.issues ?? [])
          if (issue.field && !String(body.error.message).includes(issue.field))
            offending.set(`${route.method} ${route.url} [${label}] → the message does not name ${issue.field}`, summarize(body.error.message, 300));
    };
    const expectAllVietnamese = () => {
      const list = [...offending].map(([k, v]) => `${k}\n      ${v}`);
      offending.clear();
      expect(list, `${list.length} answers not in Vietnamese:\n${list.join('\n')}`).toEqual([]);
    };

    it('answers invalid bodies field by field in Vietnamese', async () => {
      for (const route of routes(ctx).filter((r) => MUTATING.has(r.method) && bodySchemaOf(ctx, r))) {
        const body = validBody(ctx, route);
        const query = queryString(Object.fromEntries(Object.entries(validQuery(ctx, route)).map(([k, v]) => [k, enc(v)])));
        const mutations: [string, (v: unknown) => unknown][] = [
          ['missing', () => DELETE],
          ['null', () => null],
          ['wrong type', (v) => (typeof v === 'string' ? 12345 : typeof v === 'number' ? 'abc' : typeof v === 'boolean' ? 'true' : Array.isArray(v) ? { a: 1 } : 'x')],
          ['empty', (v) => (Array.isArray(v) ? [] : v && typeof v === 'object' ? {} : '')],
          ['Infinity-ish', () => '-Infinity'],
          ['huge number', () => 1e308],
        ];
        for (const path of fieldPaths(body, 12))
          for (const [label, mutate] of mutations) {
            const current = path.reduce<unknown>((node, key) => (node as Json)[key as string], body);
            check(route, `${path.join('.')} ${label}`, await call(ctx, route, { body: withField(body, path, mutate(current)), query, label }), ['-Infinity']);
          }
        for (const [label, whole] of [['empty object', {}], ['null', null], ['array', [1]], ['string', 'x'], ['number', 7]] as [string, unknown][])
          check(route, `body ${label}`, await call(ctx, route, { body: whole, query, label }));
      }
      expect(checked).toBeGreaterThan(200);
      expectAllVietnamese();
    }, 600_000);

    it('answers malformed JSON, an empty JSON body and a wrong content type in Vietnamese', async () => {
      const broken: [string, string, string][] = [
        ['malformed JSON', '{"a":', 'application/json'],
        ['empty JSON body', '', 'application/json'],
        ['text/plain', 'hello', 'text/plain'],
        ['form-urlencoded', 'a=1', 'application/x-www-form-urlencoded'],
        ['utf-16 charset', '{}', 'application/json; charset=utf-16'],
      ];
      for (const route of routes(ctx).filter((r) => MUTATING.has(r.method)))
        for (const [label, raw, contentType] of broken) check(route, label, await call(ctx, route, { raw, contentType, label }));
      expectAllVietnamese();
    }, 600_000);

    it('answers invalid query strings and path parameters in Vietnamese', async () => {
      for (const route of routes(ctx)) {
        const valid = Object.fromEntries(Object.entries(validQuery(ctx, route)).map(([k, v]) => [k, enc(v)]));
        const body = validBody(ctx, route);
        for (const name of queryParamsOf(ctx, route).map((p) => p.name))
          for (const [label, value] of [['missing', undefined], ['empty', ''], ['wrong type', 'abc'], ['Infinity-ish', '-Infinity'], ['1e999', '1e999'], ['repeated', ['1', '2']]] as [string, string | string[] | undefined][]) {
            const all: Record<string, string | string[]> = { ...valid };
            if (value === undefined) delete all[name];
            else all[name] = value;
            const sent = Object.values(all).flat().map((v) => decodeURIComponent(v));
            check(route, `?${name} ${label}`, await call(ctx, route, { body, query: queryString(all), label }), sent);
          }
        // Without a body: a mutating route stops at its parameters or its body, and changes nothing.
        for (const name of paramNames(route))
          for (const [label, value] of [['not an id', 'abc'], ['broken escape', '%E0%A4%A'], ['very long', 'a'.repeat(5_000)], ['Infinity-ish', '-Infinity']])
            check(route, `:${name} ${label}`, await call(ctx, route, { path: pathOf(ctx, route, { [name]: value }), label }), [value]);
      }
      const some = routes(ctx).find((r) => r.method === 'GET')!;
      for (const url of ['/api/khong-co', '/api/work/cycles/%E0%A4%A/khong-co'])
        check(some, `unknown route ${url}`, await call(ctx, some, { path: url, label: 'unknown route' }));
      expectAllVietnamese();
    }, 600_000);

    it('keeps the contracts\' own messages and names the field in zod\'s', async () => {
      const staff = ctx.sessions.get('secretariat')!;
      const empty = await ctx.app.inject({ method: 'POST', url: '/api/work/announcements', headers: staff.headers, payload: { title: '', body: 'Nội dung' } });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.details.issues).toEqual([{ field: 'title', message: 'Hãy ghi tiêu đề.' }]);
      expect(empty.json().error.message).toContain('title');
      const missing = await ctx.app.inject({ method: 'POST', url: '/api/work/announcements', headers: staff.headers, payload: { title: 'Tiêu đề' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details.issues[0].field).toBe('body');
      expect(missing.json().error.details.issues[0].message).toMatch(/"body".*hãy/i);
    });
  },
  { truncateEach: false },
);

describe('errors.ts words what no route of the app raises today', () => {
  const app = Fastify({ frameworkErrors });
  registerErrorHandler(app);
  // A JSON-schema route (Fastify's own Ajv, English), and a plugin's bare 4xx.
  const schema = { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1 }, n: { type: 'integer', maximum: 5 } } };
  app.post('/ajv', { schema: { body: schema } }, async () => ({ ok: true }));
  app.get('/limited', async () => {
    throw Object.assign(new Error('Rate limit exceeded, retry in 1 minute'), { statusCode: 429 });
  });
  afterAll(() => app.close());

  it('answers a JSON-schema validation and a library\'s 4xx in Vietnamese, naming the fields', async () => {
    const missing = await app.inject({ method: 'POST', url: '/ajv', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toBe('Yêu cầu không hợp lệ: reason là bắt buộc: hãy gửi giá trị.');
    const wrong = await app.inject({ method: 'POST', url: '/ajv', payload: { reason: '', n: 9, x: 1 } });
    expect(wrong.statusCode).toBe(400);
    for (const m of [wrong.json().error.message, ...wrong.json().error.details.issues.map((i: { message: string }) => i.message)]) expect(notVietnamese(m), m).toBeUndefined();
    const limited = await app.inject({ url: '/limited' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toEqual({ code: 'RATE_LIMITED', message: 'Quá nhiều yêu cầu trong thời gian ngắn. Hãy đợi một lát rồi thử lại.' });
    const badUrl = await app.inject({ url: '/ajv/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.message).toMatch(/^Đường dẫn chứa ký tự mã hóa sai/);
  });
});
