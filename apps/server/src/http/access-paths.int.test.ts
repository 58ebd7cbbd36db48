/**
 * Access is decided on the matched route, however the path is spelt. The router decodes
 * `/%61pi/users` to `/api/users`, so every protected route is called through every spelling an
 * attacker would try — percent-encoded letters and slashes, upper case, `//`, `/./`, `/%2e/`,
 * `..`, a trailing slash, `;` parameters, double encoding — anonymously and as every role it does
 * not allow. None may answer with data; anything that names /api and matches no route is a 404
 * JSON, never the web app's page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role, users } from '../db/schema.ts';
import { DEMO_ACCOUNTS } from '../seed/seed-workflow.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';
import { checkRouteDeclarations, isApiPath, normalisedPath } from './auth.ts';

/** Spellings of one path that a lenient reader (or the router) takes for the same resource. */
export function pathVariants(path: string): Record<string, string> {
  const [, first, ...rest] = path.split('/');
  const tail = rest.join('/');
  const encodeChar = (s: string, i: number) => s.slice(0, i) + '%' + s.charCodeAt(i).toString(16).padStart(2, '0') + s.slice(i + 1);
  const second = rest[0] ?? '';
  const afterSecond = rest.slice(1).join('/');
  return {
    'encoded a': `/${encodeChar(first!, 0)}/${tail}`,
    'encoded p': `/${encodeChar(first!, 1)}/${tail}`,
    'encoded api': `/%61%70%69/${tail}`,
    'encoded later letter': second ? `/${first}/${encodeChar(second, 0)}${afterSecond ? '/' + afterSecond : ''}` : `/${first}/${tail}`,
    'double encoded': `/%2561pi/${tail}`,
    'encoded slash': `/${first}%2F${tail}`,
    'encoded slash lower': `/${first}%2f${tail}`,
    'upper case': `/${first!.toUpperCase()}/${tail}`,
    'mixed case': `/Api/${second.charAt(0).toUpperCase()}${second.slice(1)}${afterSecond ? '/' + afterSecond : ''}`,
    'leading //': `//${first}/${tail}`,
    'inner //': `/${first}//${tail}`,
    '/./': `/./${first}/${tail}`,
    'inner /./': `/${first}/./${tail}`,
    '/%2e/': `/%2e/${first}/${tail}`,
    '/x/../': `/${first}/x/../${tail}`,
    '%2e%2e': `/${first}/x/%2e%2e/${tail}`,
    'trailing slash': `/${first}/${tail}/`,
    ';param on api': `/${first};x=1/${tail}`,
    ';param at end': `/${first}/${tail};x=1`,
    'backslash': `/${first}\\${tail}`,
    'NUL': `/${first}%00/${tail}`,
  };
}

describe('the path a rule is decided on', () => {
  it('normalises every spelling of /api to /api', () => {
    for (const [name, v] of Object.entries(pathVariants('/api/users'))) {
      if (name === 'encoded later letter' || name === 'mixed case') continue;
      expect(isApiPath(v), `${name}: ${v}`).toBe(true);
    }
    expect(normalisedPath('/%2561pi//Users/;x/./a/../')).toBe('/api/users');
    expect(isApiPath('/apix/users')).toBe(false);
    expect(isApiPath('/cycles/abc')).toBe(false);
    expect(isApiPath('/')).toBe(false);
  });

  it('refuses to start with a route that declares no access rule', async () => {
    const app = Fastify();
    checkRouteDeclarations(app);
    app.get('/api/declared', { config: { access: 'public' } }, () => 'ok');
    app.get('/reports/undeclared', () => 'secret');
    await expect(app.ready()).rejects.toThrow(/GET \/reports\/undeclared/);
  });
});

describeEachDatabase(
  'protected routes under every path spelling',
  (getDb, kind) => {
    let app: FastifyInstance;
    const sessions = new Map<Role, TestSession>();
    let cycleId: string, ownUnit: string;
    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      // A web app folder of one page, so the page fallback is live as in production.
      const webDist = mkdtempSync(join(tmpdir(), 'parindex-web-'));
      writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>ParIndex</title><div id="root"></div>');
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} }, webDist });
      for (const role of ROLES) sessions.set(role, await login(app, DEMO_ACCOUNTS.find((a) => a.role === role)!.username));
      const secretariat = sessions.get('secretariat')!;
      cycleId = (await app.inject({ url: '/api/work/cycles', headers: secretariat.headers })).json().find((c: { year: number }) => c.year === 2026).id;
      ownUnit = sessions.get('unit_officer')!.user.unitId!;
    }, 120_000);
    afterAll(() => app?.close());

    const fill = (pattern: string) =>
      pattern
        .replace(':id', cycleId)
        .replace(':unitId', ownUnit)
        .replace(':leafCode', '1.1.1')
        .replace(/:[A-Za-z]+/g, 'khong-co');
    const call = (method: string, url: string, headers: Record<string, string>) =>
      app.inject({ method: method as 'GET', url, headers, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });

    it('declares access on every route it registers, pages and documentation included', () => {
      const routes = app.registeredRoutes();
      expect(routes.length).toBeGreaterThan(100);
      expect(routes.filter((r) => r.access === undefined)).toEqual([]);
      expect(routes.some((r) => r.url === '/*' && r.access === 'public')).toBe(true);
      expect(routes.some((r) => r.url.startsWith('/api/docs') && r.access === 'public')).toBe(true);
    });

    it('refuses every spelling of every protected route, anonymously and to every role it does not allow', async () => {
      const failures: string[] = [];
      let tried = 0;
      const refused = (status: number) => status === 401 || status === 403 || status === 404 || status === 405;
      const guarded = app.apiRoutes.filter((r) => r.access !== 'public');
      for (const r of guarded) {
        const wrongRoles = r.access === 'authenticated' ? [] : ROLES.filter((x) => !(r.access as readonly Role[]).includes(x));
        for (const [variant, url] of Object.entries(pathVariants(fill(r.url)))) {
          const anon = await call(r.method, url, { 'x-requested-with': 'ParIndex' });
          tried++;
          if (!refused(anon.statusCode)) failures.push(`${r.method} ${url} (${variant}) anonymous → ${anon.statusCode}`);
          if (anon.statusCode === 404 && anon.headers['content-type']?.toString().startsWith('text/html')) failures.push(`${r.method} ${url} (${variant}) anonymous → the web page`);
          for (const role of wrongRoles) {
            const res = await call(r.method, url, sessions.get(role)!.headers);
            tried++;
            if (!refused(res.statusCode)) failures.push(`${r.method} ${url} (${variant}) as ${role} → ${res.statusCode}`);
          }
        }
      }
      console.log(`[access-paths ${kind}] ${guarded.length} protected routes × ${Object.keys(pathVariants('/api/x')).length} spellings: ${tried} requests, ${tried - failures.length} refused`);
      expect(failures).toEqual([]);
    }, 600_000);

    it('creates no administrator through an encoded path', async () => {
      const before = (await getDb().select().from(users)).length;
      for (const url of ['/%61pi/users', '/a%70i/users', '/%61%70%69/users', '/API/users', '//api/users', '/api/users/', '/api;x/users', '/%2561pi/users']) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { 'x-requested-with': 'ParIndex', 'content-type': 'application/json' },
          payload: { username: 'x.admin', fullName: 'X', password: 'Attacker-pass-2026', role: 'admin' },
        });
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      }
      expect((await getDb().select().from(users)).length).toBe(before);
      const attacker = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-requested-with': 'ParIndex' }, payload: { username: 'x.admin', password: 'Attacker-pass-2026' } });
      expect(attacker.statusCode).toBe(401);
    });

    it('answers 404 JSON, not the web page, for any /api path no route matches', async () => {
      for (const url of ['/API/users', '//api/users', '/api//users', '/api;x=1/users', '/api/khong-co', '/%2561pi/users', '/api', '/api/']) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code, url).toBe('NOT_FOUND');
      }
      const page = await app.inject({ url: '/cycles/khong-co' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<div id="root">');
    });
  },
  { truncateEach: false },
);
