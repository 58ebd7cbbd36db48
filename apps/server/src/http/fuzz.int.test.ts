/**
 * No 5xx for anything a client can send, generated over every /api route and its OpenAPI schema
 * (PGlite, and PostgreSQL when TEST_DATABASE_URL is set). Each route is called as a role its
 * access rule allows — for unit-scoped routes the officer or head of the unit in the path — with:
 *
 * - path parameters real (the demo's 2026 and 2025 cycles, a unit, a leaf, a questionnaire…) and
 *   bogus (a random uuid, NUL, very long, "../", broken percent-encoding, a number-ish string);
 * - bodies and query strings made from the route's schema: a valid-looking one, then each field
 *   missing, null, of the wrong type, empty, huge (10k characters), with NUL or a lone surrogate,
 *   negative, 1e308, "NaN"…;
 * - random JSON bodies (fast-check, seeded) whole and field by field;
 * - broken JSON bodies and content types, and multipart bodies cut short, without a file, with an
 *   empty or too large file, too many parts, bad fields;
 * - the stage routes again as the 2026 cycle moves to appraisal, council, approval, publication.
 *
 * Every answer must be below 500, and not owe that to the error handler's database safety net
 * (errors.ts logs "database refused input": a check missing in a service). All failures are listed
 * together (method, url, body, status, the logged error). The routes mutate the demo — each suite
 * has its own database. Logging out is done with throwaway sessions; PATCH /users only touches an
 * account made for the fuzz. Set FUZZ_SEED to vary the random bodies, FUZZ_DEBUG=1 to print what
 * each valid-looking request got. The last block proves the safety net itself, with each driver's
 * real errors.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Questionnaire } from '@parindex/contracts';
import { askedOf, indexQuestionnaire } from '@parindex/engine';
import multipart from '@fastify/multipart';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLES, type Role, units, users } from '../db/schema.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoReportPdf } from '../seed/seed-workflow.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import type { ApiRoute } from './app.ts';
import { buildApp } from './app.ts';
import { registerErrorHandler } from './errors.ts';

type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_301);
const DELETE = Symbol('delete');
/** A field left out of a valid-looking body (a one-time token the fuzz does not have). */
const OMIT = Symbol('omit');
const HUGE = 'x'.repeat(10_000);
const FUZZ_PASSWORD = 'Mot cum tu dai de thu 2026';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A value put in place of a field; DELETE removes the field. */
const FIELD_MUTATIONS: [string, (v: unknown) => unknown][] = [
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
const BOGUS_PARAMS: [string, string][] = [
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

const BROKEN_JSON: [string, string | Buffer, string][] = [
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
function summarize(value: unknown, max = 160): string {
  if (value === undefined) return '(no body)';
  if (Buffer.isBuffer(value)) return `(${value.length} bytes)`;
  const s = typeof value === 'string' ? value : JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 12)}…(${v.length} chars)` : Array.isArray(v) && v.length > 5 ? [`…(${v.length} items)`] : v));
  const clean = (s ?? String(value)).replace(/\u0000/g, '\\u0000').replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The value at `path` of `body` replaced (or removed) — a deep copy. */
function withField(body: unknown, path: (string | number)[], value: unknown): unknown {
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
function fieldPaths(value: unknown, limit = 30): (string | number)[][] {
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

describeEachDatabase(
  'no 5xx for anything a client can send',
  (getDb, kind) => {
    let app: FastifyInstance;
    let openapi: { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: Json; required?: boolean }[]; requestBody?: { content?: Record<string, { schema: Json }> } }>> };
    const sessions = new Map<Role, TestSession>();
    /** Errors the server logged, by request id: the failure list shows what broke. */
    const logged = new Map<string, string>();
    /** Requests the error handler's safety net answered for the database (errors.ts): a check missing in a service. */
    const refusedByDatabase = new Map<string, string>();
    /** Real values of path parameters and of body fields that name something. */
    const real: Record<string, string> = {};
    /** Values read just before a route is fuzzed (a leaf's revision and inputs), and files to upload per route. */
    const dynamic: Record<string, unknown> = {};
    const answers: Record<string, string | string[]> = {};
    const files: { responsesCsv?: Buffer; questionnaireXlsx?: Buffer } = {};
    let cycle2026: string, cycle2025: string;
    let requests = 0;
    /** Routes that answered 2xx at least once: how far past validation the fuzz gets. */
    const succeeded = new Set<string>();
    const started = Date.now();
    const failures = new Map<string, { count: number; example: string }>();
    let ip = 0;

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      const stream = new Writable({
        write(chunk, _enc, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) {
            try {
              const entry = JSON.parse(line) as { reqId?: string; err?: { type?: string; message?: string; stack?: string }; msg?: string };
              if (entry.reqId && entry.msg?.startsWith('database refused input')) refusedByDatabase.set(entry.reqId, `${entry.msg} ← ${entry.err?.message ?? ''}`);
              else if (entry.reqId && entry.err) logged.set(entry.reqId, `${entry.err.type ?? 'Error'}: ${entry.err.message ?? entry.msg} @ ${(entry.err.stack ?? '').split('\n').find((l) => l.includes('/src/'))?.trim() ?? ''}`);
            } catch {
              /* not JSON */
            }
          }
          done();
        },
      });
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} }, logger: { level: 'warn', stream } as unknown as { level: string }, surveyRateLimit: 1_000_000 });
      for (const role of ROLES) sessions.set(role, await login(app, DEMO_ACCOUNTS.find((a) => a.role === role)!.username));
      openapi = app.swagger() as typeof openapi;

      const staff = sessions.get('secretariat')!;
      const officer = sessions.get('unit_officer')!;
      const get = async (url: string, s: TestSession = staff) => {
        const res = await app.inject({ url, headers: s.headers });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        return res.json();
      };
      const cycles = (await get('/api/work/cycles')) as { id: string; year: number }[];
      cycle2026 = cycles.find((c) => c.year === 2026)!.id;
      cycle2025 = cycles.find((c) => c.year === 2025)!.id;
      const unitId = officer.user.unitId!;
      const units = (await get('/api/units')) as { id: string; code: string }[];
      const sheet = (await get(`/api/work/cycles/${cycle2026}/units/${unitId}/sheet`, officer)) as { leaves: { code: string; source?: string; effect?: string; inputs: unknown }[] };
      // A leaf the unit has filled in: its inputs are valid for its rule.
      const leaf = sheet.leaves.find((l) => l.source === 'appraised' && l.effect === 'score' && l.inputs) ?? sheet.leaves[0];
      const surveys = (await get(`/api/work/cycles/${cycle2026}/surveys`)) as { id: string; code: string; kind: string }[];
      const sipas = surveys.find((q) => q.kind === 'sipas') ?? surveys[0];
      const questionnaire = (await get(`/api/work/surveys/${sipas.id}`)) as { respondentGroups: { code: string }[] };
      const desks = (await get(`/api/work/surveys/${sipas.id}/desks`)) as { code: string; requireDossier: number }[];
      // A complete form of the first group: every asked question's first option.
      const group = questionnaire.respondentGroups[0].code;
      for (const iq of indexQuestionnaire(Questionnaire.parse(questionnaire)).questions.values())
        if (askedOf(iq, group) && iq.question.type !== 'text') answers[iq.question.code] = iq.question.type === 'multiple' ? [iq.question.options[0].code] : iq.question.options[0].code;
      files.responsesCsv = (await app.inject({ url: `/api/work/surveys/${sipas.id}/responses.csv`, headers: staff.headers })).rawPayload;
      files.questionnaireXlsx = (await app.inject({ url: `/api/work/surveys/${sipas.id}/xlsx`, headers: staff.headers })).rawPayload;
      const quality = (await get(`/api/work/surveys/${sipas.id}/quality`)) as { responseId: string }[];
      const documents = (await get(`/api/work/cycles/${cycle2026}/units/${unitId}/documents`, officer)) as { id: string }[];
      const setup = (await get(`/api/work/cycles/${cycle2026}/setup`)) as { units: { peerGroup: string }[]; fields: { code: string }[] };
      const rubrics = (await get('/api/rubrics')) as { id: string; year: number }[];
      const announcements = (await get('/api/work/announcements')) as { id: string }[];
      const accounts = (await get('/api/users')) as { id: string; role: string }[];
      // An account of the fuzz's own: PATCH /users/:userId may lock it or change its password.
      const fuzzUser = await app.inject({ method: 'POST', url: '/api/users', headers: sessions.get('admin')!.headers, payload: { username: 'fuzz.target', fullName: 'Tài khoản thử', password: FUZZ_PASSWORD, role: 'leader' } });
      if (fuzzUser.statusCode !== 200) throw new Error(`fuzz user: ${fuzzUser.body}`);
      const notifications = (await get('/api/notifications', officer)) as { id: string }[];

      Object.assign(real, {
        id: cycle2026,
        unitId,
        unitCode: units.find((u) => u.id === unitId)!.code,
        leafCode: leaf.code,
        // A field away from the leaf: excluding it (PUT …/exclusions) leaves the leaf applicable.
        nodeCode: setup.fields.map((f) => f.code).filter((c) => !leaf.code.startsWith(`${c}.`)).at(-1) ?? '9',
        peerGroup: setup.units[0]?.peerGroup ?? 'departments',
        qid: sipas.id,
        code: sipas.code,
        respondentGroup: questionnaire.respondentGroups[0].code,
        desk: (desks.find((d) => !d.requireDossier) ?? desks[0])?.code ?? 'KHONGCO',
        responseId: quality[0]?.responseId ?? randomUUID(),
        documentId: documents[0]?.id ?? randomUUID(),
        rubricVersionId: rubrics.find((r) => r.year === 2026)?.id ?? rubrics[0].id,
        announcementId: announcements[0]?.id ?? randomUUID(),
        userId: fuzzUser.json().id,
        appraiserId: accounts.find((u) => u.role === 'appraiser')!.id,
        actionId: randomUUID(),
        notificationId: notifications[0]?.id ?? randomUUID(),
        jobId: randomUUID(),
        indexCode: 'papi',
        year: '2025',
        version: '1',
      });
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const never = app ? app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((r) => !succeeded.has(r)) : [];
      console.info(`fuzz [${kind}]: ${requests} requests in ${seconds} s (seed ${SEED}); ${succeeded.size} routes answered 2xx at least once, never: ${never.join(', ')}`);
    });

    /** Who calls a route: anonymous for public ones, else a role it allows (a unit's own officer or head when unit-scoped). */
    function sessionFor(route: ApiRoute): TestSession | null {
      if (route.access === 'public') return null;
      if (route.access === 'authenticated') return sessions.get('secretariat')!;
      const roles = route.access;
      const unitRole = route.unitScoped ? (['unit_officer', 'unit_head'] as const).find((r) => roles.includes(r)) : undefined;
      const order: Role[] = ['secretariat', 'admin', 'appraiser', 'council_chair', 'council_member', 'leader', 'unit_officer', 'unit_head'];
      return sessions.get(unitRole ?? order.find((r) => roles.includes(r))!)!;
    }

    const operationOf = (route: ApiRoute) => openapi.paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
    const paramNames = (route: ApiRoute) => [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
    /** Public results are of published cycles: their real :id is 2025's; the work routes' is 2026's. */
    const realParam = (route: ApiRoute, name: string) => (name === 'id' && route.access === 'public' ? cycle2025 : real[name === 'userId' && route.method === 'DELETE' ? 'appraiserId' : name]) ?? 'khong-co';
    const pathOf = (route: ApiRoute, override: Record<string, string> = {}) =>
      route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => override[name] ?? encodeURIComponent(realParam(route, name)));

    /** One request; a status ≥ 500 (or no answer in 30 s) is recorded with what was sent. */
    async function call(route: ApiRoute, opts: { path?: string; query?: string; body?: unknown; raw?: string | Buffer; contentType?: string; session?: TestSession | null; label: string }) {
      const session = opts.session === undefined ? sessionFor(route) : opts.session;
      const headers: Record<string, string> = session ? { ...session.headers } : { 'x-requested-with': 'ParIndex' };
      let payload: string | Buffer | undefined;
      if (opts.raw !== undefined) {
        payload = opts.raw;
        if (opts.contentType) headers['content-type'] = opts.contentType;
      } else if (opts.body !== undefined && MUTATING.has(route.method)) {
        payload = JSON.stringify(opts.body);
        if (payload !== undefined) headers['content-type'] = 'application/json';
      }
      const url = (opts.path ?? pathOf(route)) + (opts.query ? `?${opts.query}` : '');
      requests++;
      // A different address per anonymous call: the login and survey-form rate limits are per address.
      const remoteAddress = `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}`;
      let res: LightMyRequestResponse | undefined;
      let problem: string | undefined;
      const timeout = new AbortController();
      try {
        res = await Promise.race([
          app.inject({ method: route.method as Method, url, headers, payload, remoteAddress }),
          sleep(30_000, undefined, { signal: timeout.signal }).catch(() => undefined),
        ]);
        timeout.abort();
        let reqId: string | undefined;
        try {
          reqId = res?.json().requestId;
        } catch {
          /* not JSON */
        }
        if (res && res.statusCode < 300) succeeded.add(`${route.method} ${route.url}`);
        if (process.env.FUZZ_DEBUG && res && opts.label.endsWith('valid-looking')) console.info(`${route.method} ${url} [${opts.label}] ${summarize(opts.body)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (!res) problem = 'no answer in 30 s';
        else if (res.statusCode >= 500) problem = `${res.statusCode} ${(reqId && logged.get(reqId)) || res.body.slice(0, 200)}`;
        // Below 500 thanks to the safety net only: the service should have checked first.
        else if (reqId && refusedByDatabase.has(reqId)) problem = `${res.statusCode} ${refusedByDatabase.get(reqId)}`;
      } catch (err) {
        problem = `inject threw: ${(err as Error).message}`;
      }
      if (problem) {
        const key = `${route.method} ${route.url} [${opts.label}] → ${problem.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<uuid>')}`;
        const seen = failures.get(key);
        if (seen) seen.count++;
        else failures.set(key, { count: 1, example: `${route.method} ${summarize(url, 200)} body=${summarize(opts.raw ?? opts.body)}` });
      }
      return res;
    }

    /** Ends one test: every failure of the suite so far, listed together. */
    function expectNoFailures() {
      const list = [...failures].map(([key, f]) => `${key}${f.count > 1 ? ` (×${f.count})` : ''}\n      e.g. ${f.example}`);
      failures.clear();
      expect(list, `${list.length} kinds of request answered ≥ 500 or refused by the database:\n${list.join('\n')}`).toEqual([]);
    }

    // ---------- values from the schema ----------

    const patternSamples = new Map<string, string>();
    function fromPattern(pattern: string, min = 0, max = 1_000): string {
      const key = `${pattern}|${min}|${max}`;
      let s = patternSamples.get(key);
      if (s === undefined) {
        const samples = fc.sample(fc.stringMatching(new RegExp(pattern)), { seed: SEED, numRuns: 50 });
        s = samples.find((x) => x.length >= min && x.length <= max && !/^-/.test(x)) ?? samples.find((x) => x.length >= min && x.length <= max) ?? samples[0];
        patternSamples.set(key, s);
      }
      return s;
    }

    /** Values of fields that name something real, so a valid-looking body reaches the service. */
    const known = (name: string | undefined): unknown => {
      if (name && name in dynamic) return dynamic[name];
      switch (name) {
        case 'token':
        case 't':
          return OMIT;
        case 'quay':
          return real.desk;
        case 'answers':
          return answers;
        case 'unitId':
        case 'leafCode':
        case 'nodeCode':
        case 'peerGroup':
        case 'respondentGroup':
        case 'documentId':
        case 'rubricVersionId':
        case 'desk':
          return real[name];
        case 'cycleId':
          return cycle2026;
        case 'userId':
          return real.appraiserId;
        case 'evaluatedUnitCode':
          return real.unitCode;
        case 'unitIds':
          return [real.unitId];
        case 'username':
          return `fuzz.${randomUUID().slice(0, 8)}`;
        case 'password':
          return FUZZ_PASSWORD;
        case 'points':
          return '1';
        case 'value':
          return '43.1';
        case 'maxValue':
          return '100';
        case 'max':
          return '10';
        case 'targetValue':
          return '50';
        case 'email':
          return 'thu@example.vn';
        case 'id':
          return randomUUID();
        default:
          return undefined;
      }
    };

    /** A valid-looking value of a JSON schema (OpenAPI 3.0 as fastify-type-provider-zod writes it). */
    function sample(schema: Json | undefined, name?: string): unknown {
      if (!schema || typeof schema !== 'object') return {};
      const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
      if (alternatives) return sample(alternatives.find((a) => a.type !== 'null') ?? alternatives[0], name);
      if (schema.allOf) return sample(Object.assign({}, ...(schema.allOf as Json[])), name);
      if (Array.isArray(schema.enum)) return schema.enum[0];
      if (schema.const !== undefined) return schema.const;
      const k = known(name);
      if (k === OMIT || (name && name in dynamic) || name === 'answers') return k;
      if (k !== undefined && (schema.type === 'string' || (schema.type === 'array' && name === 'unitIds'))) return k;
      switch (schema.type) {
        case 'object': {
          const out: Json = {};
          for (const [key, prop] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
            const value = sample(prop, key);
            if (value !== OMIT) out[key] = value;
          }
          return out;
        }
        case 'array':
          return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => sample(schema.items as Json, name));
        case 'string': {
          const min = Number(schema.minLength ?? 0);
          const max = Number(schema.maxLength ?? 1_000);
          if (schema.format === 'uuid') return randomUUID();
          // Far ahead: a deadline set by the fuzz (PUT …/deadlines) must not close the stages it fuzzes next.
          if (schema.format === 'date') return '2099-12-31';
          if (schema.format === 'date-time') return '2026-03-02T08:00:00+07:00';
          if (schema.format === 'email') return 'thu@example.vn';
          if (typeof schema.pattern === 'string') return fromPattern(schema.pattern, min, max);
          return 'Nội dung thử nghiệm'.padEnd(min, '.').slice(0, max);
        }
        case 'integer':
        case 'number': {
          const min = typeof schema.minimum === 'number' ? schema.minimum + (schema.exclusiveMinimum === true ? 1 : 0) : 1;
          const max = typeof schema.maximum === 'number' ? schema.maximum : min + 10;
          return Math.min(Math.max(min, 1), max);
        }
        case 'boolean':
          return true;
        default:
          return {};
      }
    }

    const bodySchemaOf = (route: ApiRoute) => operationOf(route)?.requestBody?.content?.['application/json']?.schema;
    const queryParamsOf = (route: ApiRoute) => (operationOf(route)?.parameters ?? []).filter((p) => p.in === 'query');
    const validBody = (route: ApiRoute) => {
      const schema = bodySchemaOf(route);
      return schema ? sample(schema) : MUTATING.has(route.method) ? {} : undefined;
    };
    /** Required query parameters, and the optional ones that name something real. */
    const validQuery = (route: ApiRoute): Record<string, string> =>
      Object.fromEntries(
        queryParamsOf(route)
          .filter((p) => p.required || (known(p.name) !== undefined && known(p.name) !== OMIT))
          .map((p) => [p.name, String(sample(p.schema, p.name))]),
      );
    const queryString = (q: Record<string, string | string[]>) =>
      Object.entries(q)
        .flatMap(([k, v]) => [v].flat().map((x) => `${encodeURIComponent(k)}=${x}`))
        .join('&');
    /** Query values are sent percent-encoded, except those written raw (bad escapes on purpose). */
    const enc = (v: string) => encodeURIComponent(v);

    /** The routes in a safe order: reads, then writes, the cycle's stage changes and logins last. */
    function routes(): ApiRoute[] {
      const late = /\/(status|approve|publish|corrections|compute|submit)$|\/auth\/login$/;
      const all = app.apiRoutes.filter((r) => r.url !== '/api/auth/logout');
      return [...all.filter((r) => r.method === 'GET'), ...all.filter((r) => r.method !== 'GET' && !late.test(r.url)), ...all.filter((r) => r.method !== 'GET' && late.test(r.url))];
    }

    it('covers every route of the OpenAPI document', () => {
      expect(app.apiRoutes.length).toBeGreaterThan(90);
      for (const r of app.apiRoutes) expect(operationOf(r), `${r.method} ${r.url} in the OpenAPI document`).toBeDefined();
    });

    it('answers path parameters, real and bogus, below 500', async () => {
      for (const route of routes()) {
        await prepare(route);
        const body = validBody(route);
        const query = queryString(Object.fromEntries(Object.entries(validQuery(route)).map(([k, v]) => [k, enc(v)])));
        await call(route, { body, query, label: 'real params' });
        const names = paramNames(route);
        if (names.includes('id')) await call(route, { path: pathOf(route, { id: route.access === 'public' ? cycle2026 : cycle2025 }), body, query, label: 'the other cycle' });
        for (const name of names)
          for (const [label, value] of BOGUS_PARAMS) await call(route, { path: pathOf(route, { [name]: value }), body, query, label: `:${name} ${label}` });
      }
      expectNoFailures();
    }, 600_000);

    /** A job for the job routes to read: an export of the published 2025 results, or an import of survey responses. */
    async function startJob(route: ApiRoute): Promise<string | undefined> {
      const staff = sessions.get('secretariat')!.headers;
      let res: LightMyRequestResponse;
      if (route.url.startsWith('/api/exports/')) res = await app.inject({ method: 'POST', url: `/api/cycles/${cycle2025}/exports`, headers: { 'x-requested-with': 'ParIndex' }, payload: { format: 'csv' } });
      else if (route.url.startsWith('/api/work/exports/')) res = await app.inject({ method: 'POST', url: `/api/work/cycles/${cycle2025}/exports`, headers: staff, payload: { format: 'csv' } });
      else {
        const boundary = '----parindexjob';
        const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phieu.csv"\r\nContent-Type: text/csv\r\n\r\n`), files.responsesCsv ?? Buffer.from('x'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
        res = await app.inject({ method: 'POST', url: `/api/work/surveys/${real.qid}/responses/import-jobs`, headers: { ...staff, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      }
      const body = res.json() as { id?: string; jobId?: string };
      return body.id ?? body.jobId;
    }

    /**
     * Before a route is fuzzed: the unit's sheet returned to it when the route edits it (an earlier
     * call may have submitted it), and the leaf's current revision and inputs read, so the
     * valid-looking body gets past the checks into the service.
     */
    async function prepare(route: ApiRoute) {
      for (const key of Object.keys(dynamic)) delete dynamic[key];
      const staff = sessions.get('secretariat')!.headers;
      if (/\/leaves\/:leafCode\/(self|evidence)$|\/units\/:unitId\/documents$/.test(route.url))
        await app.inject({ method: 'POST', url: `/api/work/cycles/${real.id}/units/${real.unitId}/return`, headers: staff, payload: { reason: 'Trả lại để thử tiếp' } });
      if (route.url.endsWith('/remediation/:actionId')) {
        const view = await app.inject({ url: `/api/work/cycles/${real.id}/units/${real.unitId}/remediation`, headers: staff });
        real.actionId = (view.statusCode === 200 && (view.json().actions as { id: string }[] | undefined)?.[0]?.id) || real.actionId;
      }
      if (route.url.includes(':jobId')) real.jobId = (await startJob(route)) ?? real.jobId;
      if (route.url.endsWith('/auth/login')) Object.assign(dynamic, { username: 'fuzz.target', password: FUZZ_PASSWORD });
      const m = /\/leaves\/:leafCode\/(self|proposal|response|council)$/.exec(route.url);
      if (!m) return;
      const res = await app.inject({ url: `/api/work/cycles/${real.id}/units/${real.unitId}/sheet`, headers: staff });
      const leaf = res.statusCode === 200 ? (res.json().leaves as { code: string; revision: number; inputs: Json | null }[]).find((l) => l.code === real.leafCode) : undefined;
      if (!leaf) return;
      dynamic.revision = leaf.revision;
      if (m[1] === 'self' && leaf.inputs) {
        const { hasEvidence: _e, explanationAccepted: _a, ...inputs } = leaf.inputs;
        dynamic.inputs = inputs;
      }
    }

    /** The valid-looking body and query, then each field mutated, then whole bodies of the wrong shape. */
    async function fuzzFields(route: ApiRoute, stage = '') {
      await prepare(route);
      const query = validQuery(route);
      const encoded = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, enc(v)]));
      const body = validBody(route);
      await call(route, { body, query: queryString(encoded), label: `${stage}valid-looking` });
      if (bodySchemaOf(route)) {
        for (const path of fieldPaths(body))
          for (const [label, mutate] of FIELD_MUTATIONS) {
            const current = path.reduce<unknown>((node, key) => (node as Json)[key as string], body);
            await call(route, { body: withField(body, path, mutate(current)), query: queryString(encoded), label: `${stage}${path.join('.')} ${label}` });
          }
        const wholes: [string, unknown][] = [['empty object', {}], ['null', null], ['array', [body]], ['string', 'x'], ['number', 1e308]];
        if (Array.isArray(body)) wholes.push(['the same item twice', [body[0], body[0]]], ['the same item 10,001 times', Array.from({ length: 10_001 }, () => body[0])]);
        else wholes.push(['extra field', { ...(body as Json), extra: HUGE }]);
        for (const [label, whole] of wholes) await call(route, { body: whole, query: queryString(encoded), label: `${stage}body ${label}` });
      }
      for (const name of queryParamsOf(route).map((p) => p.name)) {
        const variants: [string, string | string[] | undefined][] = [
          ['missing', undefined],
          ['empty', ''],
          ['huge', HUGE],
          ['NUL', '%00'],
          ['lone surrogate (bad UTF-8)', '%ED%A0%80'],
          ['broken escape', '%E0%A4%A'],
          ['repeated', [encoded[name] ?? 'x', encoded[name] ?? 'x']],
          ['1e308', '1e308'],
          ['negative', '-1'],
          ['bogus id', randomUUID()],
        ];
        for (const [label, value] of variants) {
          const all: Record<string, string | string[]> = { ...encoded };
          if (value === undefined) delete all[name];
          else all[name] = value;
          await call(route, { body, query: queryString(all), label: `${stage}?${name} ${label}` });
        }
      }
    }

    /** Random JSON (fast-check, seeded): whole bodies, and each field of the valid-looking body replaced. */
    async function fuzzRandom(route: ApiRoute, seed: number, stage = '') {
      if (!MUTATING.has(route.method) || route.method === 'DELETE') return;
      await prepare(route);
      const body = validBody(route);
      for (const random of fc.sample(fc.anything({ maxDepth: 3, withBoxedValues: false }), { seed, numRuns: 6 })) await call(route, { body: random, label: `${stage}fc.anything()` });
      for (const random of fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed, numRuns: 6 })) await call(route, { body: random, label: `${stage}fc.jsonValue()` });
      const item = Array.isArray(body) ? body[0] : body;
      if (!item || typeof item !== 'object' || Array.isArray(item)) return;
      for (const key of Object.keys(item))
        for (const random of fc.sample(fc.jsonValue({ maxDepth: 2 }), { seed: seed + key.length, numRuns: 3 })) {
          const replaced = { ...(item as Json), [key]: random };
          await call(route, { body: Array.isArray(body) ? [replaced] : replaced, label: `${stage}${Array.isArray(body) ? '[0].' : ''}${key} = fc.jsonValue()` });
        }
    }

    it('answers bodies and query strings made from the schema, field by field, below 500', async () => {
      for (const route of routes()) await fuzzFields(route);
      expectNoFailures();
    }, 600_000);

    it('answers random JSON bodies (fast-check) below 500', async () => {
      let n = 0;
      for (const route of routes()) await fuzzRandom(route, SEED + n++);
      expectNoFailures();
    }, 600_000);

    it('answers broken JSON bodies and content types below 500', async () => {
      for (const route of routes().filter((r) => MUTATING.has(r.method)))
        for (const [label, raw, contentType] of BROKEN_JSON) await call(route, { raw, contentType, label: `broken body: ${label}` });
      // Over the body limit (25 MB), once.
      const big = routes().find((r) => r.url === '/api/work/announcements' && r.method === 'POST')!;
      await call(big, { raw: `{"title":"x","body":"${'x'.repeat(26 * 1024 * 1024)}"}`, contentType: 'application/json', label: 'body over 25 MB' });
      expectNoFailures();
    }, 600_000);

    it('answers broken, truncated and oversized multipart uploads below 500', async () => {
      const boundary = '----parindexfuzz';
      const part = (name: string, value: string | Buffer, file?: { name: string; type: string }) =>
        Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file.name}"\r\nContent-Type: ${file.type}` : ''}\r\n\r\n`),
          Buffer.from(value),
          Buffer.from('\r\n'),
        ]);
      const end = Buffer.from(`--${boundary}--\r\n`);
      const fields = (over: Record<string, string> = {}) => {
        const all: Record<string, string> = { identified: '1', unitId: real.unitId, respondentGroup: real.respondentGroup, numberSymbol: '05/KH-STP', issuedDate: '2026-03-02', issuer: 'Sở Tư pháp', signer: 'Phạm Quốc Bảo', ...over };
        return Object.entries(all).map(([k, v]) => part(k, v));
      };
      const csv = Buffer.from('\uFEFFHọ và tên,Đơn vị công tác,Email,Đơn vị được đánh giá\nNguyễn Văn A,Sở Tư pháp,a@example.vn,\n');
      const form = (content: Buffer, over: Record<string, string> = {}, fileName = 'tep.csv') => Buffer.concat([...fields(over), part('file', content, { name: fileName, type: 'application/octet-stream' }), end]);
      const type = `multipart/form-data; boundary=${boundary}`;
      const uploads = routes().filter((r) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH');
      const nationalCsv = Buffer.from('Chỉ số,Năm,Giá trị,Tối đa,Thứ hạng,Số tỉnh,Nhóm,Nguồn\nPCI,2024,66.9,100,15,34,Khá,Báo cáo PCI\n');
      const fileFor = (route: ApiRoute): Buffer => {
        if (route.url.endsWith('/documents')) return demoReportPdf('Bao cao thu');
        if (/\/responses\/import(-jobs)?$/.test(route.url)) return files.responsesCsv ?? csv;
        if (route.url.endsWith('/surveys/import')) return files.questionnaireXlsx ?? csv;
        if (route.url.endsWith('external-indices/import')) return nationalCsv;
        return csv;
      };
      for (const route of uploads) {
        await prepare(route);
        const content = fileFor(route);
        const whole = form(content);
        const variants: [string, Buffer | string, string][] = [
          ['valid-looking', whole, type],
          ['truncated in the file', whole.subarray(0, whole.length - end.length - Math.floor(content.length / 2)), type],
          ['truncated in a part header', Buffer.concat([...fields(), Buffer.from(`--${boundary}\r\nContent-Disposition: form-da`)]), type],
          ['truncated after the fields', Buffer.concat(fields()), type],
          ['no file part', Buffer.concat([...fields(), end]), type],
          ['empty file', form(Buffer.alloc(0)), type],
          ['no boundary in the content type', whole, 'multipart/form-data'],
          ['another boundary', whole, 'multipart/form-data; boundary=----autre'],
          ['empty body', '', type],
          ['garbage', Buffer.from('\u0000\u0001garbage\r\n--'), type],
          ['two files', Buffer.concat([...fields(), part('file', content, { name: 'a.csv', type: 'text/csv' }), part('file2', content, { name: 'b.csv', type: 'text/csv' }), end]), type],
          ['too many fields', Buffer.concat([...Array.from({ length: 30 }, (_, i) => part(`f${i}`, 'x')), part('file', content, { name: 'a.csv', type: 'text/csv' }), end]), type],
          ['__proto__ field', Buffer.concat([part('__proto__', 'x'), part('file', content, { name: 'a.csv', type: 'text/csv' }), end]), type],
          ['NUL in the fields', form(content, { unitId: 'a\u0000b', respondentGroup: 'x\u0000', numberSymbol: 'a\u0000b', issuer: '\u0000', signer: '\u0000' }), type],
          ['bad UTF-8 in the fields', Buffer.concat([part('numberSymbol', Buffer.from([0xed, 0xa0, 0x80])), part('issuer', Buffer.from([0xff])), part('file', content, { name: 'a.csv', type: 'text/csv' }), end]), type],
          ['unknown unit, long fields', form(content, { unitId: randomUUID(), respondentGroup: HUGE, numberSymbol: HUGE, issuer: HUGE, signer: HUGE, issuedDate: '2026-02-31' }), type],
          ['field over the field size limit', form(content, { numberSymbol: 'x'.repeat(1_100_000) }), type],
          ['file name with NUL and ../', form(content, {}, '../\u0000/..\\x.csv'), type],
          ['very long file name', form(content, {}, `${'x'.repeat(5_000)}.csv`), type],
        ];
        for (const [label, raw, contentType] of variants) await call(route, { raw, contentType, label: `multipart ${label}` });
        // Over the file limit (20 MB) of the evidence and national-index uploads.
        if (/\/documents$|external-indices\/import$/.test(route.url)) await call(route, { raw: form(Buffer.alloc(20 * 1024 * 1024 + 1, 'a')), contentType: type, label: 'multipart file over 20 MB' });
      }
      expectNoFailures();
    }, 600_000);

    it('answers the stage routes below 500 as the 2026 cycle moves on: appraisal, council, approval, publication', async () => {
      const staff = sessions.get('secretariat')!;
      const moves: string[] = [];
      const move = async (label: string, url: string, payload: unknown, s: TestSession = staff) => {
        const res = await app.inject({ method: 'POST', url: `/api/work/cycles/${cycle2026}${url}`, headers: s.headers, payload: payload as object });
        moves.push(`${label} ${res.statusCode}`);
        if (res.statusCode >= 500) failures.set(`moving the cycle: ${label} → ${res.statusCode}`, { count: 1, example: res.body.slice(0, 300) });
      };
      const pass = async (pattern: RegExp, stage: string) => {
        let n = 0;
        for (const route of routes().filter((r) => MUTATING.has(r.method) && pattern.test(r.url))) {
          await fuzzFields(route, `${stage}: `);
          await fuzzRandom(route, SEED + 1_000 + n++, `${stage}: `);
        }
      };
      await move('submit', `/units/${real.unitId}/submit`, {}, sessions.get('unit_head')!);
      await move('→ appraisal', '/status', { to: 'appraisal', override: { reason: 'Kiểm thử: chuyển giai đoạn dù chưa đủ điều kiện.' } });
      await pass(/\/(proposal|accept|response|evidence|documents|explanation\/submit)$/, 'appraisal');
      await move('explanation submitted', `/units/${real.unitId}/explanation/submit`, {}, sessions.get('unit_head')!);
      await move('→ council', '/status', { to: 'council', override: { reason: 'Kiểm thử: chuyển giai đoạn dù chưa đủ điều kiện.' } });
      await pass(/\/(council|approve)$/, 'council');
      await move('approve', '/approve', {}, sessions.get('council_chair')!);
      await pass(/\/publish$/, 'approved');
      await move('publish', '/publish', { decisionNumber: '99/QĐ-UBND', decisionDate: '2027-03-01' });
      await pass(/\/corrections(\/preview)?$|\/status$/, 'published');
      // Corrections of the published 2025 results.
      real.id = cycle2025;
      await pass(/\/corrections(\/preview)?$/, 'published 2025');
      real.id = cycle2026;
      const status = ((await app.inject({ url: '/api/work/cycles', headers: staff.headers })).json() as { id: string; status: string }[]).find((c) => c.id === cycle2026)?.status;
      // A 409 above may mean the stage's own fuzzed route got there first (approve, publish).
      console.info(`fuzz [${kind}] stages: ${moves.join(', ')}; the 2026 cycle ends ${status}`);
      expectNoFailures();
    }, 600_000);

    it('logs out below 500 (throwaway sessions)', async () => {
      const logout = app.apiRoutes.find((r) => r.url === '/api/auth/logout')!;
      for (const body of [undefined, {}, { x: HUGE }]) await call(logout, { body, session: await login(app, 'lanhdao', DEMO_PASSWORD), label: 'logout' });
      await call(logout, { session: null, label: 'logout anonymous' });
      expectNoFailures();
    }, 60_000);
  },
  { truncateEach: false },
);

/**
 * The error handler's safety net (errors.ts), with real errors of each backend's driver: what a
 * service failed to check still answers 4xx with a Vietnamese message, and a real bug stays 500.
 */
describeEachDatabase('the error handler maps what a client can cause to 4xx', (getDb) => {
  let app: FastifyInstance;
  const unit = { id: randomUUID(), code: `fuzz-${randomUUID().slice(0, 8)}`, name: 'Đơn vị thử', kind: 'department' as const };
  beforeAll(async () => {
    app = Fastify();
    registerErrorHandler(app);
    await getDb().insert(units).values(unit);
    const run = (statement: () => Promise<unknown>) => async () => {
      await statement();
      return { ok: true };
    };
    const user = (unitId: string) => ({ id: randomUUID(), username: `u${randomUUID().slice(0, 8)}`, fullName: 'Người thử', passwordHash: 'x', role: 'leader' as const, unitId });
    app.post('/fk/:x', run(() => getDb().insert(users).values(user(randomUUID()))));
    app.post('/fk-path/:unitId', async (req) => {
      await getDb().insert(users).values(user((req.params as { unitId: string }).unitId));
      return { ok: true };
    });
    app.post('/unique', run(() => getDb().insert(units).values({ ...unit, id: randomUUID() })));
    app.post('/check', run(() => getDb().insert(units).values({ ...unit, id: randomUUID(), code: `x-${randomUUID()}`, kind: 'khong-co' as 'department' })));
    app.post('/not-null', run(() => getDb().insert(units).values({ ...unit, id: randomUUID(), code: `x-${randomUUID()}`, name: null as unknown as string })));
    app.post('/22P02', run(() => getDb().execute(sql`select ${'abc'}::int`)));
    app.post('/22001', run(() => getDb().execute(sql.raw(`do $$ declare x varchar(2); begin x := 'abcd'; end $$`))));
    app.post('/22003', run(() => getDb().execute(sql`select ${'99999999999'}::int`)));
    app.post('/22007', run(() => getDb().execute(sql`select ${'ngay 1'}::date`)));
    app.post('/22008', run(() => getDb().execute(sql`select ${'2026-02-31'}::date`)));
    app.post('/22021', run(() => getDb().execute(sql`select ${'a\u0000b'}::text`)));
    app.post('/22P05', run(() => getDb().execute(sql`select ${'{"a":"\\u0000"}'}::jsonb`)));
    app.post('/surrogate', run(() => getDb().execute(sql`select ${'{"a":"\\ud800"}'}::jsonb`)));
    app.post('/bug', async () => {
      throw new TypeError('Cannot read properties of undefined');
    });
    await app.register(async (scope) => {
      await scope.register(multipart);
      scope.post('/upload', async (req) => ({ size: (await (await req.file())!.toBuffer()).length }));
    });
  });
  afterAll(() => app?.close());

  const post = (url: string) => app.inject({ method: 'POST', url });

  it('maps PostgreSQL refusals (SQLSTATE) to 4xx in Vietnamese', async () => {
    const expectations: [string, number, string, RegExp][] = [
      ['/fk/x', 400, 'VALIDATION', /Dữ liệu tham chiếu không tồn tại/],
      ['/unique', 409, 'CONFLICT', /trùng/],
      ['/check', 400, 'VALIDATION', /không hợp lệ/],
      ['/not-null', 400, 'VALIDATION', /Thiếu dữ liệu bắt buộc/],
      ['/22P02', 400, 'VALIDATION', /không đúng kiểu/],
      ['/22001', 400, 'VALIDATION', /quá dài/],
      ['/22003', 400, 'VALIDATION', /vượt quá giới hạn/],
      ['/22007', 400, 'VALIDATION', /Ngày giờ/],
      ['/22008', 400, 'VALIDATION', /Ngày giờ/],
      ['/22021', 400, 'VALIDATION', /ký tự không lưu được/],
      ['/22P05', 400, 'VALIDATION', /ký tự không lưu được/],
      ['/surrogate', 400, 'VALIDATION', /ký tự không lưu được/],
    ];
    for (const [url, status, code, message] of expectations) {
      const res = await post(url);
      expect({ url, status: res.statusCode, code: res.json().error?.code }).toEqual({ url, status, code });
      expect(res.json().error.message).toMatch(message);
      expect(res.json().requestId).toBeTruthy();
    }
    // The foreign key names the field; a key taken from the path is a missing resource (404).
    expect((await post('/fk/x')).json().error.details.issues).toEqual([{ field: 'unitId', message: 'không tồn tại' }]);
    const missing = randomUUID();
    const fromPath = await post(`/fk-path/${missing}`);
    expect(fromPath.statusCode).toBe(404);
    expect(fromPath.json().error.details.issues).toEqual([{ field: 'unitId', message: 'không tồn tại' }]);
    expect((await post('/unique')).json().error.details.issues).toEqual([{ field: 'code', message: 'đã có' }]);
    expect((await post('/not-null')).json().error.details.issues).toEqual([{ field: 'name', message: 'bắt buộc' }]);
  });

  it('maps broken multipart and JSON bodies to 4xx in Vietnamese, and keeps a real bug 500', async () => {
    const boundary = '----safety';
    const whole = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n${'x'.repeat(1000)}\r\n--${boundary}--\r\n`;
    const send = (payload: string, contentType: string) => app.inject({ method: 'POST', url: '/upload', payload, headers: { 'content-type': contentType } });
    expect((await send(whole, `multipart/form-data; boundary=${boundary}`)).json()).toEqual({ size: 1000 });
    const truncated = await send(whole.slice(0, 300), `multipart/form-data; boundary=${boundary}`);
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().error.message).toMatch(/không trọn vẹn/);
    const noBoundary = await send(whole, 'multipart/form-data');
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json().error.message).toMatch(/multipart\/form-data không hợp lệ/);
    const json = await app.inject({ method: 'POST', url: '/bug', payload: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toBe('Nội dung gửi lên không phải JSON hợp lệ.');
    const media = await app.inject({ method: 'POST', url: '/bug', payload: 'x', headers: { 'content-type': 'text/csv' } });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.message).toMatch(/Content-Type/);
    const bug = await post('/bug');
    expect(bug.statusCode).toBe(500);
    expect(bug.json().error.code).toBe('INTERNAL');
  });
}, { truncateEach: false });
