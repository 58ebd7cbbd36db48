/**
 * Authorization, generated over every /api route the server registers: each non-public route is
 * called anonymously (401), by every role it does not allow (403), and — when it is unit-scoped —
 * by a unit officer for another unit (403). A new route is covered the moment it is added.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLES, type Role } from '../db/schema.ts';
import { DEMO_ACCOUNTS } from '../seed/seed-workflow.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';

describeEachDatabase(
  'authorization of every route',
  (getDb, kind) => {
    let app: FastifyInstance;
    const sessions = new Map<Role, TestSession>();
    let cycleId: string, ownUnit: string, otherUnit: string;
    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
      for (const role of ROLES) sessions.set(role, await login(app, DEMO_ACCOUNTS.find((a) => a.role === role)!.username));
      const secretariat = sessions.get('secretariat')!;
      cycleId = (await app.inject({ url: '/api/work/cycles', headers: secretariat.headers })).json().find((c: { year: number }) => c.year === 2026).id;
      ownUnit = sessions.get('unit_officer')!.user.unitId!;
      const units = (await app.inject({ url: '/api/units', headers: secretariat.headers })).json();
      otherUnit = units.find((u: { id: string }) => u.id !== ownUnit).id;
    }, 120_000);
    afterAll(() => app?.close());

    const url = (pattern: string, unitId: string) =>
      pattern
        .replace(':id', cycleId)
        .replace(':unitId', unitId)
        .replace(':leafCode', '1.1.1')
        .replace(/:[A-Za-z]+/g, 'khong-co');
    const call = (method: string, path: string, headers: Record<string, string>) =>
      app.inject({ method: method as 'GET', url: path, headers, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });

    it('covers every non-public route', () => {
      const guarded = app.apiRoutes.filter((r) => r.access !== 'public');
      expect(guarded.length).toBeGreaterThan(30);
      // The public ones are read-only, or the login, the survey form's submission and export jobs of published cycles.
      for (const r of app.apiRoutes.filter((x) => x.access === 'public')) expect(r.method === 'GET' || r.url.startsWith('/api/auth/login') || r.url.startsWith('/api/public/surveys/') || r.url.includes('/exports')).toBe(true);
    });

    it('refuses anonymous callers, the wrong roles and the wrong unit', async () => {
      const failures: string[] = [];
      for (const r of app.apiRoutes.filter((x) => x.access !== 'public')) {
        const path = url(r.url, ownUnit);
        const anon = await call(r.method, path, { 'x-requested-with': 'ParIndex' });
        if (anon.statusCode !== 401) failures.push(`${r.method} ${r.url} anonymous → ${anon.statusCode}`);
        if (r.access === 'authenticated') continue;
        for (const role of ROLES.filter((x) => !(r.access as readonly Role[]).includes(x))) {
          const res = await call(r.method, path, sessions.get(role)!.headers);
          if (res.statusCode !== 403) failures.push(`${r.method} ${r.url} as ${role} → ${res.statusCode}`);
          else expect(res.json().error.message).toMatch(/không có quyền/);
        }
        if (r.unitScoped) {
          for (const role of (['unit_officer', 'unit_head'] as const).filter((x) => (r.access as readonly Role[]).includes(x))) {
            const res = await call(r.method, url(r.url, otherUnit), sessions.get(role)!.headers);
            if (res.statusCode !== 403) failures.push(`${r.method} ${r.url} as ${role} of another unit → ${res.statusCode}`);
            else expect(res.json().error.message).toContain('đơn vị mình');
          }
        }
      }
      expect(failures).toEqual([]);
    }, 120_000);

    it('lets a unit officer see only their own unit’s evidence files', async () => {
      const secretariat = sessions.get('secretariat')!;
      const units = (await app.inject({ url: '/api/units', headers: secretariat.headers })).json() as { id: string }[];
      let withDoc: { id: string } | undefined;
      for (const u of units.filter((x) => x.id !== ownUnit)) {
        const res = await app.inject({ url: `/api/work/cycles/${cycleId}/units/${u.id}/documents`, headers: secretariat.headers });
        if (res.statusCode === 200 && res.json().length) {
          withDoc = res.json()[0];
          break;
        }
      }
      expect(withDoc, 'the demo has documents of other units').toBeDefined();
      const own = await app.inject({ url: `/api/work/documents/${withDoc!.id}/file`, headers: secretariat.headers });
      expect(own.statusCode).toBe(200);
      const res = await app.inject({ url: `/api/work/documents/${withDoc!.id}/file`, headers: sessions.get('unit_officer')!.headers });
      expect(res.statusCode).toBe(403);
    });
  },
  { truncateEach: false },
);
