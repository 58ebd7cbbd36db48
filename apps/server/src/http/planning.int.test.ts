/**
 * External indices (entry, import, targets and the gap), remediation plans (unit-scoped, carried
 * into the next cycle) and announcements (drafts stay private), over HTTP on every database.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_UNIT_CODE } from '../seed/seed-workflow.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';

function multipart(fileName: string, content: string) {
  const boundary = '----parindex' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEachDatabase(
  'external indices, remediation plans, announcements',
  (getDb, kind) => {
    let app: FastifyInstance;
    let secretariat: TestSession, officer: TestSession, leader: TestSession;
    let cycle2025: string, cycle2026: string, unitId: string, otherUnit: string;
    const api = (s: TestSession | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
      app.inject({ method, url, headers: s ? s.headers : { 'x-requested-with': 'ParIndex' }, payload: payload as object });

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
      secretariat = await login(app, 'sonoivu');
      officer = await login(app, 'tuphap.daumoi');
      leader = await login(app, 'lanhdao');
      const cycles = (await api(secretariat, 'GET', '/api/work/cycles')).json() as { id: string; year: number }[];
      cycle2025 = cycles.find((c) => c.year === 2025)!.id;
      cycle2026 = cycles.find((c) => c.year === 2026)!.id;
      unitId = officer.user.unitId!;
      const units = (await api(secretariat, 'GET', '/api/units')).json() as { id: string; code: string }[];
      expect(units.find((u) => u.id === unitId)!.code).toBe(DEMO_UNIT_CODE);
      otherUnit = units.find((u) => u.id !== unitId && u.code !== DEMO_UNIT_CODE)!.id;
    }, 120_000);
    afterAll(() => app?.close());

    it('shows the demo indices publicly, labelled as illustrative, with the gap to target', async () => {
      const res = await api(null, 'GET', '/api/external-indices');
      expect(res.statusCode).toBe(200);
      const list = res.json() as { code: string; years: { year: number; result: { source: string; components: unknown[] } | null; gap: { rank: number | null } | null }[] }[];
      expect(list.map((i) => i.code)).toEqual(['par_index', 'sipas', 'papi', 'pci']);
      const par2024 = list[0].years.find((y) => y.year === 2024)!;
      expect(par2024.result!.source).toContain('minh họa');
      expect(par2024.gap!.rank).toBe(4); // rank 24, target top 20
      expect(list.find((i) => i.code === 'papi')!.years.find((y) => y.year === 2024)!.result!.components).toHaveLength(8);
    });

    it('saves a year by form and computes the gap exactly', async () => {
      const put = await api(secretariat, 'PUT', '/api/work/external-indices/sipas/2025', { value: '84,7', maxValue: '100', rank: 12, rankOf: 34, source: 'Bộ Nội vụ' });
      expect(put.statusCode).toBe(200);
      const target = await api(secretariat, 'PUT', '/api/work/external-indices/sipas/2025/target', { targetRank: 10, targetValue: '85.05', note: 'Kế hoạch' });
      expect(target.statusCode).toBe(200);
      const sipas = (await api(null, 'GET', '/api/external-indices')).json().find((i: { code: string }) => i.code === 'sipas');
      const y = sipas.years.find((r: { year: number }) => r.year === 2025);
      expect(y.result.value).toBe('84.7');
      expect(y.gap).toEqual({ rank: 2, value: '0.35', met: false });
      // 29/63 (2024) → 12/34 (2025): the number of provinces changed, so no change in places.
      expect(y.change).toEqual({ fromYear: 2024, rank: null, value: '0.74' });

      const bad = await api(secretariat, 'PUT', '/api/work/external-indices/sipas/2025', { value: '84', rank: 40, rankOf: 34 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('thứ hạng 40');
      const refused = await api(leader, 'PUT', '/api/work/external-indices/sipas/2025', { value: '1' });
      expect(refused.statusCode).toBe(403);
    });

    it('imports a table with PAPI dimensions; a bad row is named and nothing is saved', async () => {
      const header = 'Chỉ số,Năm,Giá trị,Tối đa,Thứ hạng,Số tỉnh,Nhóm,Nguồn,D1: Tham gia ở cấp cơ sở (tối đa 10),D2: Công khai minh bạch (tối đa 10)';
      const bad = multipart('chi-so.csv', `${header}\nPAPI,2025,"43,1",80,20,34,,Báo cáo PAPI 2025,"5,2","5,5"\nPCI,2025,abc,100,15,34,Khá,,,\n`);
      const res = await app.inject({ method: 'POST', url: '/api/work/external-indices/import', headers: { ...secretariat.headers, 'content-type': bad.contentType }, payload: bad.payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('Dòng 3');
      expect(res.json().error.details.issues[0]).toMatchObject({ row: 3, field: 'Giá trị' });
      let papi = (await api(null, 'GET', '/api/external-indices')).json().find((i: { code: string }) => i.code === 'papi');
      expect(papi.years.some((y: { year: number }) => y.year === 2025)).toBe(false);

      const good = multipart('chi-so.csv', `${header}\nPAPI,2025,"43,1",80,20,34,,Báo cáo PAPI 2025,"5,2","5,5"\nPCI,2025,66.9,100,15,34,Khá,,,\n`);
      const ok = await app.inject({ method: 'POST', url: '/api/work/external-indices/import', headers: { ...secretariat.headers, 'content-type': good.contentType }, payload: good.payload });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ saved: 2 });
      papi = (await api(null, 'GET', '/api/external-indices')).json().find((i: { code: string }) => i.code === 'papi');
      const y = papi.years.find((r: { year: number }) => r.year === 2025);
      expect(y.result).toMatchObject({ value: '43.1', rank: 20, rankOf: 34, components: [{ code: 'D1', value: '5.2', max: '10' }, { code: 'D2', value: '5.5', max: '10' }] });
    });

    it('plans remediation on lost leaves, carries it into the next cycle, refuses another unit', async () => {
      const view = (await api(officer, 'GET', `/api/work/cycles/${cycle2025}/units/${unitId}/remediation`)).json();
      expect(view.basis).toBe('result');
      expect(view.lostLeaves.length).toBeGreaterThan(3);
      expect(view.actions).toHaveLength(3); // the demo plan
      const leaf = view.lostLeaves[3];
      const created = await api(officer, 'POST', `/api/work/cycles/${cycle2025}/units/${unitId}/remediation`, { items: [{ leafCode: leaf.code, action: 'Bổ sung báo cáo', owner: 'Văn phòng', deadline: '2026-12-31' }] });
      expect(created.statusCode).toBe(200);
      const action = created.json()[0];
      expect(action.pointsLost).toBe(leaf.lost);
      const patched = await api(officer, 'PATCH', `/api/work/cycles/${cycle2025}/units/${unitId}/remediation/${action.id}`, { status: 'in_progress' });
      expect(patched.json().status).toBe('in_progress');

      // Another unit: the route is unit-scoped; another unit's action through the own unit's path is not found.
      const other = await api(officer, 'GET', `/api/work/cycles/${cycle2025}/units/${otherUnit}/remediation`);
      expect(other.statusCode).toBe(403);
      const foreign = (await api(secretariat, 'POST', `/api/work/cycles/${cycle2025}/units/${otherUnit}/remediation`, { items: [{ leafCode: leaf.code, action: 'X', owner: 'Y' }] })).json()[0];
      const hijack = await api(officer, 'PATCH', `/api/work/cycles/${cycle2025}/units/${unitId}/remediation/${foreign.id}`, { status: 'done' });
      expect(hijack.statusCode).toBe(404);
      expect((await api(leader, 'PATCH', `/api/work/cycles/${cycle2025}/units/${unitId}/remediation/${action.id}`, { status: 'done' })).statusCode).toBe(403);
      expect((await api(leader, 'GET', `/api/work/cycles/${cycle2025}/units/${unitId}/remediation`)).statusCode).toBe(200);

      // 2026: the 2025 actions next to this year's points on file and the change.
      const next = (await api(officer, 'GET', `/api/work/cycles/${cycle2026}/units/${unitId}/remediation`)).json();
      expect(next.carried.cycle.year).toBe(2025);
      expect(next.carried.actions).toHaveLength(4);
      const withNow = next.carried.actions.filter((a: { now: unknown }) => a.now);
      expect(withNow.length).toBeGreaterThan(0);
      for (const a of withNow) expect(['better', 'worse', 'same']).toContain(a.trend);
    });

    it('keeps drafts private and shows published announcements', async () => {
      const draft = await api(secretariat, 'POST', '/api/work/announcements', { title: 'Lịch thẩm định 2026', body: 'Nội dung' });
      expect(draft.statusCode).toBe(200);
      let pub = (await api(null, 'GET', '/api/announcements')).json() as { title: string }[];
      expect(pub.map((a) => a.title)).not.toContain('Lịch thẩm định 2026');
      expect(pub[0].title).toContain('minh họa');
      const published = await api(secretariat, 'PATCH', `/api/work/announcements/${draft.json().id}`, { published: true });
      expect(published.json().publishedAt).not.toBeNull();
      pub = (await api(null, 'GET', '/api/announcements')).json();
      expect(pub[0].title).toBe('Lịch thẩm định 2026');
      expect((await api(officer, 'POST', '/api/work/announcements', { title: 'x', body: 'y' })).statusCode).toBe(403);
    });
  },
  { truncateEach: false },
);
