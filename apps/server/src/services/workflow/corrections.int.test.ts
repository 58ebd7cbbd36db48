/**
 * Correcting published results, over HTTP on the demo province's published 2025 cycle, on PGlite
 * and PostgreSQL: the secretariat previews a corrected leaf (nothing kept), publishes it as
 * version 2 with its reason and decision; the public sees the new figures and ranks at once, and
 * still gets version 1 exactly as it was published; the audit log has before → after and why.
 * Refusals: a score above the leaf's maximum (nothing saved), the wrong role, a stale preview,
 * republishing the same figures, an unpublished cycle.
 */
import type { CycleResultsDto, UnitResultDto } from '@parindex/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../http/app.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { ResultsService } from '../results.service.ts';

const rows = (r: CycleResultsDto) => r.groups.flatMap((g) => g.units);

describeEachDatabase(
  'corrections of published results',
  (getDb, kind) => {
    let app: FastifyInstance;
    let secretariat: TestSession, leader: TestSession, officer: TestSession;
    let cycleId: string, openCycleId: string;
    const api = (s: TestSession | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      app.inject({ method, url, headers: s ? s.headers : { 'x-requested-with': 'ParIndex' }, payload: payload as object });
    const publicResults = async () => (await api(null, 'GET', `/api/cycles/${cycleId}/results`)).json() as CycleResultsDto;

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
      secretariat = await login(app, 'sonoivu');
      leader = await login(app, 'lanhdao');
      officer = await login(app, 'tuphap.daumoi');
      const cycles = (await api(secretariat, 'GET', '/api/work/cycles')).json() as { id: string; year: number; status: string }[];
      cycleId = cycles.find((c) => c.year === 2025)!.id;
      openCycleId = cycles.find((c) => c.year === 2026)!.id;
    }, 120_000);
    afterAll(() => app?.close());

    it('publishes a corrected leaf as version 2: new figures and ranks, version 1 unchanged and still public, audited', async () => {
      const v1 = (await api(null, 'GET', `/api/cycles/${cycleId}/versions/1/results`)).json() as CycleResultsDto;
      const before = await publicResults(); // also fills the public cache
      expect(rows(before)).toEqual(rows(v1));
      // The leader of a group loses its biggest appraised leaf: enough to fall below the runner-up.
      const group = before.groups.find((g) => g.units.length >= 2)!;
      const [top, second] = [...group.units].sort((a, b) => a.order - b.order);
      expect([top.rank, second.rank]).toEqual([1, 2]);
      const card = (await api(null, 'GET', `/api/cycles/${cycleId}/units/${top.unitId}`)).json() as { leaves: { code: string; title: string; source: string; effect: string; max: string; points: string }[] };
      const leaf = card.leaves.filter((l) => l.source === 'appraised' && l.effect === 'score').sort((a, b) => Number(b.points) - Number(a.points))[0];
      expect(Number(leaf.points)).toBeGreaterThan(Number(top.total) - Number(second.total));
      const item = { unitId: top.unitId, leafCode: leaf.code, points: '0', reason: 'Tài liệu kiểm chứng không đúng năm đánh giá.' };
      const reason = 'Đính chính theo kết quả kiểm tra của Sở Nội vụ.';

      // preview: the engine's figures, nothing kept
      const preview = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/corrections/preview`, { items: [item], reason });
      expect(preview.statusCode).toBe(200);
      const p = preview.json();
      expect(p).toMatchObject({ basedOnVersion: 1, version: 2 });
      expect(p.changes).toEqual([expect.objectContaining({ unitId: top.unitId, leafCode: leaf.code, before: leaf.points, after: '0', reason: item.reason })]);
      const moved = new Map((p.units as { unitId: string; before: { rank: number }; after: { rank: number; total: string } }[]).map((u) => [u.unitId, u]));
      expect(moved.get(top.unitId)!.after.rank).toBeGreaterThan(1);
      expect(moved.get(second.unitId)!.after.rank).toBe(1);
      expect(rows(await publicResults())).toEqual(rows(before));
      expect((await api(null, 'GET', `/api/cycles/${cycleId}/versions`)).json()).toHaveLength(1);

      // publish: version 2 with its decision and reason
      const published = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/corrections`, { items: [item], reason, decisionNumber: '58/QĐ-UBND', decisionDate: '2026-04-10', basedOnVersion: 1 });
      expect(published.statusCode).toBe(200);
      expect(published.json().version).toBe(2);
      // The portal's newest notice says a corrected version is out, with its decision.
      const [notice] = (await api(null, 'GET', '/api/announcements')).json() as { title: string; body: string }[];
      expect(notice.title).toMatch(/^Đính chính kết quả Chỉ số CCHC năm \d{4} \(phiên bản 2\)$/);
      expect(notice.body).toContain('Quyết định số 58/QĐ-UBND ngày 10/04/2026');
      const after = await publicResults();
      const byId = (r: CycleResultsDto, id: string) => rows(r).find((u) => u.unitId === id)! as UnitResultDto;
      expect(Number(byId(after, top.unitId).total)).toBeCloseTo(Number(top.total) - Number(leaf.points), 6);
      expect(byId(after, top.unitId).rank).toBe(moved.get(top.unitId)!.after.rank);
      expect(byId(after, second.unitId).rank).toBe(1);
      expect(rows(after)).toEqual(rows(p.results));

      const versions = (await api(null, 'GET', `/api/cycles/${cycleId}/versions`)).json();
      expect(versions.map((v: { version: number; reason: string | null; decisionNumber: string }) => [v.version, v.reason, v.decisionNumber])).toEqual([
        [2, reason, '58/QĐ-UBND'],
        [1, null, '312/QĐ-UBND'],
      ]);
      expect(versions[0].corrections).toEqual([expect.objectContaining({ unitName: top.unitName, leafCode: leaf.code, leafTitle: leaf.title, before: leaf.points, after: '0', reason: item.reason })]);
      expect((await api(null, 'GET', `/api/cycles/${cycleId}/versions/1/results`)).json()).toEqual(v1);
      expect(rows((await api(null, 'GET', `/api/cycles/${cycleId}/versions/2/results`)).json())).toEqual(rows(after));

      const audit = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/audit?unitId=${top.unitId}&subject=${encodeURIComponent(leaf.code)}`)).json();
      expect(audit.find((e: { action: string }) => e.action === 'correction.set')).toMatchObject({ before: { points: leaf.points, version: 1 }, after: { points: '0', version: 2 }, reason: item.reason });

      // a published cycle is never recomputed outside a correction, whoever calls
      await expect(new ResultsService(getDb()).compute(cycleId)).rejects.toThrow(/đã công bố: không tính lại được/);
      // the live tables are exactly what a full computation (as a correction runs it) gives, i.e. the latest version
      await new ResultsService(getDb()).compute(cycleId, { correction: true });
      expect(rows(await publicResults())).toEqual(rows(after));

      // a stale preview and republishing the same figures are refused
      const stale = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/corrections`, { items: [{ ...item, points: '0,5' }], reason, decisionNumber: '59/QĐ-UBND', decisionDate: '2026-04-12', basedOnVersion: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.message).toContain('phiên bản 2');
      const republish = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/publish`, { decisionNumber: '59/QĐ-UBND', decisionDate: '2026-04-12', reason });
      expect(republish.statusCode).toBe(409);
      expect((await api(null, 'GET', `/api/cycles/${cycleId}/versions`)).json()).toHaveLength(2);
    }, 180_000);

    it('refuses a score above the leaf’s maximum, naming the leaf, and saves nothing', async () => {
      const before = await publicResults();
      const versionsBefore = (await api(null, 'GET', `/api/cycles/${cycleId}/versions`)).json();
      const unit = rows(before)[0];
      const card = (await api(null, 'GET', `/api/cycles/${cycleId}/units/${unit.unitId}`)).json() as { leaves: { code: string; source: string; max: string }[] };
      const leaf = card.leaves.find((l) => l.source === 'appraised')!;
      const tooMuch = String(Number(leaf.max) + 1);
      const res = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/corrections`, {
        items: [{ unitId: unit.unitId, leafCode: leaf.code, points: tooMuch }],
        reason: 'Thử vượt điểm tối đa.',
        decisionNumber: '60/QĐ-UBND',
        decisionDate: '2026-04-15',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain(`Tiêu chí ${leaf.code}`);
      expect(res.json().error.message).toContain('vượt điểm tối đa');
      expect(res.json().error.message).toContain(unit.unitName);
      expect(rows(await publicResults())).toEqual(rows(before));
      expect((await api(null, 'GET', `/api/cycles/${cycleId}/versions`)).json()).toEqual(versionsBefore);
      const audit = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/audit?unitId=${unit.unitId}&subject=${encodeURIComponent(leaf.code)}`)).json();
      expect(audit.filter((e: { action: string }) => e.action === 'correction.set')).toEqual([]);
    }, 120_000);

    it('refuses the wrong roles and unpublished cycles', async () => {
      const unit = rows(await publicResults())[0];
      const body = { items: [{ unitId: unit.unitId, leafCode: '1.1.1', points: '0' }], reason: 'x', decisionNumber: '61/QĐ-UBND', decisionDate: '2026-04-16' };
      for (const s of [leader, officer]) {
        expect((await api(s, 'POST', `/api/work/cycles/${cycleId}/corrections`, body)).statusCode).toBe(403);
        expect((await api(s, 'POST', `/api/work/cycles/${cycleId}/corrections/preview`, body)).statusCode).toBe(403);
      }
      expect((await api(null, 'POST', `/api/work/cycles/${cycleId}/corrections`, body)).statusCode).toBe(401);
      const open = await api(secretariat, 'POST', `/api/work/cycles/${openCycleId}/corrections/preview`, body);
      expect(open.statusCode).toBe(409);
      expect(open.json().error.message).toContain('đã công bố');
      expect((await api(null, 'GET', `/api/cycles/${openCycleId}/versions`)).statusCode).toBe(404);
      expect((await api(null, 'GET', `/api/cycles/${openCycleId}/versions/1/results`)).statusCode).toBe(404);
      expect((await api(null, 'GET', `/api/cycles/${cycleId}/versions/9/results`)).statusCode).toBe(404);
    }, 120_000);
  },
  { truncateEach: false },
);
