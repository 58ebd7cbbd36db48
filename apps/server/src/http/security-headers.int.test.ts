/**
 * Security headers (security-headers.ts) on every kind of response of the real app serving the
 * built web app: HTML pages (with and without the page's own meta), a static asset, API answers,
 * API errors, the Swagger UI — and the evidence file keeps its own stricter CSP. HSTS only behind TLS.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { demoReportPdf } from '../seed/seed-workflow.ts';
import { upload } from '../services/workflow/testing.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login } from '../testing/sessions.ts';
import { buildApp } from './app.ts';
import { contentSecurityPolicy } from './security-headers.ts';

const WEB_DIST = path.join(REPO_ROOT, 'apps/web/dist');
const EVIDENCE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

/** The policy every page and API answer carries, directive by directive. */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join(';');

function expectSecurityHeaders(res: LightMyRequestResponse, opts: { csp?: string; hsts?: boolean } = {}) {
  expect(res.headers['content-security-policy']).toBe(opts.csp ?? APP_CSP);
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('same-origin');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
  if (opts.hsts) expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  else expect(res.headers['strict-transport-security']).toBeUndefined();
}

describeEachDatabase(
  'security headers',
  (getDb, kind) => {
    let app: FastifyInstance;
    let tlsApp: FastifyInstance;

    beforeAll(async () => {
      // Build the web app if it is stale — in a child with NODE_ENV=production: vitest sets NODE_ENV=test,
      // which Vite would inherit and turn into a development build of React.
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-web.mjs')], { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' });
      await seedDemoIfEmpty(getDb());
      const database = { db: getDb(), kind, close: async () => {} };
      app = await buildApp({ database, webDist: WEB_DIST });
      tlsApp = await buildApp({ database, webDist: WEB_DIST, secureCookies: true });
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await tlsApp?.close();
    });

    it('the CSP string is the one the module builds', () => {
      expect(contentSecurityPolicy({ hsts: false })).toBe(APP_CSP);
      expect(contentSecurityPolicy({ hsts: true })).toBe(`${APP_CSP};upgrade-insecure-requests`);
    });

    it('HTML pages: the home page, deep links with and without their own meta', async () => {
      for (const url of ['/', '/dashboard', '/login', '/work', '/khao-sat/khong-co']) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-type'], url).toContain('text/html');
        expectSecurityHeaders(res);
        // The CSP allows no inline script: the page has only external ones.
        const scripts = [...res.body.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]);
        expect(scripts.length, url).toBeGreaterThan(0);
        for (const attrs of scripts) expect(attrs, url).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
        expect(res.body, url).not.toMatch(/\son[a-z]+\s*=|javascript:/i);
      }
      // `/` went through spa-html.ts (the newest year's meta), so its rewriting is covered too.
      expect((await app.inject('/')).body).toContain('og:title');
    });

    it('a static asset of the built app', async () => {
      const html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
      const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
      const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)![1];
      for (const url of [js, css]) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(200);
        expectSecurityHeaders(res);
      }
    });

    it('API answers and API errors (401, 403, 404, 400)', async () => {
      const ok = await app.inject('/api/cycles');
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-type']).toContain('application/json');
      expectSecurityHeaders(ok);

      const unauthenticated = await app.inject('/api/work/cycles');
      expect(unauthenticated.statusCode).toBe(401);
      expectSecurityHeaders(unauthenticated);

      const officer = await login(app, 'tuphap.daumoi');
      const forbidden = await app.inject({ url: '/api/users', headers: officer.headers });
      expect(forbidden.statusCode).toBe(403);
      expectSecurityHeaders(forbidden);

      const missing = await app.inject('/api/khong-co-duong-dan-nay');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('NOT_FOUND');
      expectSecurityHeaders(missing);

      const invalid = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-requested-with': 'ParIndex' }, payload: { username: '' } });
      expect(invalid.statusCode).toBe(400);
      expectSecurityHeaders(invalid);
    });

    it('the Swagger UI and its files', async () => {
      for (const url of ['/api/docs', '/api/docs/static/swagger-initializer.js', '/api/docs/json']) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(200);
        expectSecurityHeaders(res);
      }
      const page = await app.inject('/api/docs');
      expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    });

    it('the evidence file keeps its own stricter CSP', async () => {
      const officer = await login(app, 'tuphap.daumoi');
      const cycles = (await app.inject({ url: '/api/work/cycles', headers: officer.headers })).json() as { id: string; year: number }[];
      const cycleId = cycles.find((c) => c.year === 2026)!.id;
      const up = await upload(app, officer, cycleId, officer.user.unitId!, 'bao-cao.pdf', demoReportPdf('Bao cao'));
      expect(up.statusCode).toBe(200);
      const file = await app.inject({ url: `/api/work/documents/${up.json().id}/file`, headers: officer.headers });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expectSecurityHeaders(file, { csp: EVIDENCE_CSP });
      // and the header is sent once, not as two policies (a browser would enforce both)
      expect(file.rawPayload.length).toBeGreaterThan(0);
      expect(Array.isArray(file.headers['content-security-policy'])).toBe(false);
    });

    it('HSTS and upgrade-insecure-requests only behind TLS (COOKIE_SECURE=1)', async () => {
      for (const url of ['/', '/dashboard', '/api/cycles', '/api/khong-co']) {
        const plain = await app.inject(url);
        expect(plain.headers['strict-transport-security'], url).toBeUndefined();
        const tls = await tlsApp.inject(url);
        expectSecurityHeaders(tls, { hsts: true, csp: `${APP_CSP};upgrade-insecure-requests` });
      }
    });
  },
  { truncateEach: false },
);
