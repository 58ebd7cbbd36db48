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
 * together (method, url, body, status, the logged error). The routes mutate the demo — the suite
 * has its own database, and the stage tests run on what the tests before them left (so they stay
 * in this file). Logging out is done with throwaway sessions; PATCH /users only touches an account
 * made for the fuzz. Set FUZZ_SEED to vary the random bodies, FUZZ_DEBUG=1 to print what each
 * valid-looking request got. The generators and the runner are in ../testing/fuzz/; the safety net
 * itself, with each driver's real errors, is proved by fuzz-error-mapping.int.test.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/seed-workflow.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createFuzzContext, operationOf, paramNames, pathOf, routes, setUpFuzz, tearDownFuzz } from '../testing/fuzz/context.ts';
import { fuzzFields, fuzzRandom } from '../testing/fuzz/generators.ts';
import { multipartForms } from '../testing/fuzz/multipart.ts';
import { prepare } from '../testing/fuzz/prepare.ts';
import { call, expectNoFailures } from '../testing/fuzz/runner.ts';
import { enc, queryString, validBody, validQuery } from '../testing/fuzz/schema-samples.ts';
import { BOGUS_PARAMS, BROKEN_JSON, HUGE, MUTATING, SEED } from '../testing/fuzz/values.ts';
import { login, type TestSession } from '../testing/sessions.ts';

describeEachDatabase(
  'no 5xx for anything a client can send',
  (getDb, kind) => {
    const ctx = createFuzzContext(kind);
    const { sessions, real } = ctx;

    beforeAll(() => setUpFuzz(ctx, getDb()), 180_000);

    afterAll(() => tearDownFuzz(ctx));

    it('covers every route of the OpenAPI document', () => {
      expect(ctx.app.apiRoutes.length).toBeGreaterThan(90);
      for (const r of ctx.app.apiRoutes) expect(operationOf(ctx, r), `${r.method} ${r.url} in the OpenAPI document`).toBeDefined();
    });

    it('answers path parameters, real and bogus, below 500', async () => {
      for (const route of routes(ctx)) {
        await prepare(ctx, route);
        const body = validBody(ctx, route);
        const query = queryString(Object.fromEntries(Object.entries(validQuery(ctx, route)).map(([k, v]) => [k, enc(v)])));
        await call(ctx, route, { body, query, label: 'real params' });
        const names = paramNames(route);
        if (names.includes('id')) await call(ctx, route, { path: pathOf(ctx, route, { id: route.access === 'public' ? ctx.cycle2026 : ctx.cycle2025 }), body, query, label: 'the other cycle' });
        for (const name of names)
          for (const [label, value] of BOGUS_PARAMS) await call(ctx, route, { path: pathOf(ctx, route, { [name]: value }), body, query, label: `:${name} ${label}` });
      }
      expectNoFailures(ctx);
    }, 600_000);

    it('answers bodies and query strings made from the schema, field by field, below 500', async () => {
      for (const route of routes(ctx)) await fuzzFields(ctx, route);
      expectNoFailures(ctx);
    }, 600_000);

    it('answers random JSON bodies (fast-check) below 500', async () => {
      let n = 0;
      for (const route of routes(ctx)) await fuzzRandom(ctx, route, SEED + n++);
      expectNoFailures(ctx);
    }, 600_000);

    it('answers broken JSON bodies and content types below 500', async () => {
      for (const route of routes(ctx).filter((r) => MUTATING.has(r.method)))
        for (const [label, raw, contentType] of BROKEN_JSON) await call(ctx, route, { raw, contentType, label: `broken body: ${label}` });
      // Over the body limit (25 MB), once.
      const big = routes(ctx).find((r) => r.url === '/api/work/announcements' && r.method === 'POST')!;
      await call(ctx, big, { raw: `{"title":"x","body":"${'x'.repeat(26 * 1024 * 1024)}"}`, contentType: 'application/json', label: 'body over 25 MB' });
      expectNoFailures(ctx);
    }, 600_000);

    it('answers broken, truncated and oversized multipart uploads below 500', async () => {
      const { type, variants, overLimit } = multipartForms(ctx);
      const uploads = routes(ctx).filter((r) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH');
      for (const route of uploads) {
        await prepare(ctx, route);
        for (const [label, raw, contentType] of variants(route)) await call(ctx, route, { raw, contentType, label: `multipart ${label}` });
        // Over the file limit (20 MB) of the evidence and national-index uploads.
        if (/\/documents$|external-indices\/import$/.test(route.url)) await call(ctx, route, { raw: overLimit(), contentType: type, label: 'multipart file over 20 MB' });
      }
      expectNoFailures(ctx);
    }, 600_000);

    it('answers the stage routes below 500 as the 2026 cycle moves on: appraisal, council, approval, publication', async () => {
      const staff = sessions.get('secretariat')!;
      const moves: string[] = [];
      const move = async (label: string, url: string, payload: unknown, s: TestSession = staff) => {
        const res = await ctx.app.inject({ method: 'POST', url: `/api/work/cycles/${ctx.cycle2026}${url}`, headers: s.headers, payload: payload as object });
        moves.push(`${label} ${res.statusCode}`);
        if (res.statusCode >= 500) ctx.failures.set(`moving the cycle: ${label} → ${res.statusCode}`, { count: 1, example: res.body.slice(0, 300) });
      };
      const pass = async (pattern: RegExp, stage: string) => {
        let n = 0;
        for (const route of routes(ctx).filter((r) => MUTATING.has(r.method) && pattern.test(r.url))) {
          await fuzzFields(ctx, route, `${stage}: `);
          await fuzzRandom(ctx, route, SEED + 1_000 + n++, `${stage}: `);
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
      real.id = ctx.cycle2025;
      await pass(/\/corrections(\/preview)?$/, 'published 2025');
      real.id = ctx.cycle2026;
      const status = ((await ctx.app.inject({ url: '/api/work/cycles', headers: staff.headers })).json() as { id: string; status: string }[]).find((c) => c.id === ctx.cycle2026)?.status;
      // A 409 above may mean the stage's own fuzzed route got there first (approve, publish).
      console.info(`fuzz [${kind}] stages: ${moves.join(', ')}; the 2026 cycle ends ${status}`);
      expectNoFailures(ctx);
    }, 600_000);

    it('logs out below 500 (throwaway sessions)', async () => {
      const logout = ctx.app.apiRoutes.find((r) => r.url === '/api/auth/logout')!;
      for (const body of [undefined, {}, { x: HUGE }]) await call(ctx, logout, { body, session: await login(ctx.app, 'lanhdao', DEMO_PASSWORD), label: 'logout' });
      await call(ctx, logout, { session: null, label: 'logout anonymous' });
      expectNoFailures(ctx);
    }, 60_000);
  },
  { truncateEach: false },
);
