/**
 * One fuzz suite's state (a database, an app, its sessions and the real values the requests name),
 * set up from the demo, and which route is called how: the role, the path, the order.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Questionnaire } from '@parindex/contracts';
import { askedOf, indexQuestionnaire } from '@parindex/engine';
import type { FastifyInstance } from 'fastify';
import type { DatabaseKind, Db } from '../../db/database.ts';
import { ROLES, type Role } from '../../db/schema.ts';
import type { ApiRoute } from '../../http/app.ts';
import { buildApp } from '../../http/app.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { DEMO_ACCOUNTS } from '../../seed/seed-workflow.ts';
import { login, type TestSession } from '../sessions.ts';
import { FUZZ_PASSWORD, type Json, SEED } from './values.ts';

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: Json; required?: boolean }[]; requestBody?: { content?: Record<string, { schema: Json }> } }>>;
}

export interface FuzzContext {
  kind: DatabaseKind;
  /** Set in setUpFuzz (beforeAll). */
  app: FastifyInstance;
  openapi: OpenApiDocument;
  sessions: Map<Role, TestSession>;
  /** Errors the server logged, by request id: the failure list shows what broke. */
  logged: Map<string, string>;
  /** Requests the error handler's safety net answered for the database (errors.ts): a check missing in a service. */
  refusedByDatabase: Map<string, string>;
  /** Real values of path parameters and of body fields that name something. */
  real: Record<string, string>;
  /** Values read just before a route is fuzzed (a leaf's revision and inputs), and files to upload per route. */
  dynamic: Record<string, unknown>;
  answers: Record<string, string | string[]>;
  files: { responsesCsv?: Buffer; questionnaireXlsx?: Buffer };
  cycle2026: string;
  cycle2025: string;
  requests: number;
  /** Routes that answered 2xx at least once: how far past validation the fuzz gets. */
  succeeded: Set<string>;
  started: number;
  failures: Map<string, { count: number; example: string }>;
  ip: number;
  /** Strings sampled from a schema's pattern, by pattern and length bounds. */
  patternSamples: Map<string, string>;
}

/** A suite's state, empty until setUpFuzz runs in its beforeAll. */
export function createFuzzContext(kind: DatabaseKind): FuzzContext {
  return {
    kind,
    app: undefined as unknown as FastifyInstance,
    openapi: undefined as unknown as OpenApiDocument,
    sessions: new Map(),
    logged: new Map(),
    refusedByDatabase: new Map(),
    real: {},
    dynamic: {},
    answers: {},
    files: {},
    cycle2026: '',
    cycle2025: '',
    requests: 0,
    succeeded: new Set(),
    started: Date.now(),
    failures: new Map(),
    ip: 0,
    patternSamples: new Map(),
  };
}

/** The demo seeded, the app built with its log read, every role signed in, and the real values read. */
export async function setUpFuzz(ctx: FuzzContext, db: Db): Promise<void> {
  const { kind, sessions, logged, refusedByDatabase, answers, files, real } = ctx;
  await seedDemoIfEmpty(db);
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
  const app = (ctx.app = await buildApp({ database: { db, kind, close: async () => {} }, logger: { level: 'warn', stream } as unknown as { level: string }, surveyRateLimit: 1_000_000 }));
  for (const role of ROLES) sessions.set(role, await login(app, DEMO_ACCOUNTS.find((a) => a.role === role)!.username));
  ctx.openapi = app.swagger() as OpenApiDocument;

  const staff = sessions.get('secretariat')!;
  const officer = sessions.get('unit_officer')!;
  const get = async (url: string, s: TestSession = staff) => {
    const res = await app.inject({ url, headers: s.headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const cycles = (await get('/api/work/cycles')) as { id: string; year: number }[];
  const cycle2026 = (ctx.cycle2026 = cycles.find((c) => c.year === 2026)!.id);
  ctx.cycle2025 = cycles.find((c) => c.year === 2025)!.id;
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
}

/** The suite's summary line: requests, time, seed, and the routes that never answered 2xx. */
export async function tearDownFuzz(ctx: FuzzContext): Promise<void> {
  const { app, kind, succeeded } = ctx;
  await app?.close();
  const seconds = ((Date.now() - ctx.started) / 1000).toFixed(1);
  const never = app ? app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((r) => !succeeded.has(r)) : [];
  console.info(`fuzz [${kind}]: ${ctx.requests} requests in ${seconds} s (seed ${SEED}); ${succeeded.size} routes answered 2xx at least once, never: ${never.join(', ')}`);
}


/** Who calls a route: anonymous for public ones, else a role it allows (a unit's own officer or head when unit-scoped). */
export function sessionFor(ctx: FuzzContext, route: ApiRoute): TestSession | null {
  const { sessions } = ctx;
  if (route.access === 'public') return null;
  if (route.access === 'authenticated') return sessions.get('secretariat')!;
  const roles = route.access;
  const unitRole = route.unitScoped ? (['unit_officer', 'unit_head'] as const).find((r) => roles.includes(r)) : undefined;
  const order: Role[] = ['secretariat', 'admin', 'appraiser', 'council_chair', 'council_member', 'leader', 'unit_officer', 'unit_head'];
  return sessions.get(unitRole ?? order.find((r) => roles.includes(r))!)!;
}

export const operationOf = (ctx: FuzzContext, route: ApiRoute) => ctx.openapi.paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
export const paramNames = (route: ApiRoute) => [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
/** Public results are of published cycles: their real :id is 2025's; the work routes' is 2026's. */
const realParam = (ctx: FuzzContext, route: ApiRoute, name: string) => (name === 'id' && route.access === 'public' ? ctx.cycle2025 : ctx.real[name === 'userId' && route.method === 'DELETE' ? 'appraiserId' : name]) ?? 'khong-co';
export const pathOf = (ctx: FuzzContext, route: ApiRoute, override: Record<string, string> = {}) =>
  route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => override[name] ?? encodeURIComponent(realParam(ctx, route, name)));

/** The routes in a safe order: reads, then writes, the cycle's stage changes and logins last. */
export function routes(ctx: FuzzContext): ApiRoute[] {
  const late = /\/(status|approve|publish|corrections|compute|submit)$|\/auth\/login$/;
  const all = ctx.app.apiRoutes.filter((r) => r.url !== '/api/auth/logout');
  return [...all.filter((r) => r.method === 'GET'), ...all.filter((r) => r.method !== 'GET' && !late.test(r.url)), ...all.filter((r) => r.method !== 'GET' && late.test(r.url))];
}
