/**
 * Survey links and desks' QR codes start with the configured public address (PUBLIC_URL), not
 * with whatever host the officer browsed (127.0.0.1); unset, the request's own origin is used.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publicUrlOf } from '../../config.ts';
import { buildApp } from '../../http/app.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';

describeEachDatabase(
  'survey links use the public address',
  (getDb, kind) => {
    let app: FastifyInstance;
    /** The same database served with PUBLIC_URL set (Config.publicUrl → buildApp). */
    let publicApp: FastifyInstance;
    let staff: TestSession;
    let publicStaff: TestSession;
    let qid: string, code: string, unitId: string;
    // The officer browses the server directly, as in the issue.
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: { ...staff.headers, host: '127.0.0.1:3000' } });
    const postPublic = (url: string, payload: object) => publicApp.inject({ method: 'POST', url, payload, headers: { ...publicStaff.headers, host: '127.0.0.1:3000' } });

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
      staff = await login(app, 'sonoivu');
      publicApp = await buildApp({ database: { db: getDb(), kind, close: async () => {} }, jobs: false, publicUrl: publicUrlOf('https://chisocchc.sonha.gov.vn/parindex/') });
      publicStaff = await login(publicApp, 'sonoivu');
      const cycleId = (await app.inject({ url: '/api/work/cycles', headers: staff.headers })).json().find((c: { year: number }) => c.year === 2026).id;
      const created = (await post(`/api/work/cycles/${cycleId}/surveys`, { sample: 'sipas' })).json();
      ({ id: qid, code } = created);
      unitId = (await app.inject({ url: '/api/units', headers: staff.headers })).json().find((u: { code: string }) => u.code === 'so-tu-phap').id;
    }, 120_000);
    afterAll(async () => {
      await publicApp?.close();
      await app?.close();
    });

    it('falls back to the address the officer used when PUBLIC_URL is unset', async () => {
      const [link] = (await post(`/api/work/surveys/${qid}/tokens`, { unitId, respondentGroup: 'nguoi_dan', count: 1 })).json();
      expect(link.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:3000/khao-sat/${code}\\?t=`));
    });

    it('builds one-time links, desk links and their QR codes on PUBLIC_URL (path prefix kept), and the link opens the form', async () => {
      const res = await postPublic(`/api/work/surveys/${qid}/tokens`, { unitId, respondentGroup: 'nguoi_dan', count: 2 });
      expect(res.statusCode, res.body).toBe(200);
      const links = res.json() as { url: string; qrSvg: string }[];
      for (const l of links) expect(l.url).toMatch(new RegExp(`^https://chisocchc\\.sonha\\.gov\\.vn/parindex/khao-sat/${code}\\?t=[\\w-]+$`));
      const desk = (await postPublic(`/api/work/surveys/${qid}/desks`, { unitId, name: 'Quầy 1 Sở Tư pháp', respondentGroup: 'nguoi_dan' })).json();
      expect(desk.url).toBe(`https://chisocchc.sonha.gov.vn/parindex/khao-sat/${code}?quay=${desk.code}`);
      expect(desk.qrSvg).toContain('<svg');
      // Same token, any host: the form answers for it.
      const token = new URL(links[0].url).searchParams.get('t')!;
      expect((await app.inject({ url: `/api/public/surveys/${code}?t=${token}` })).statusCode).toBe(200);
    });
  },
  { truncateEach: false },
);
