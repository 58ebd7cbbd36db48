/**
 * Gates between stages, as the secretariat meets them on the demo 2026 cycle (open for
 * self-assessment, most units not submitted, self deadline 20/12/2026): the move to appraisal is
 * refused with the checklist; an override with a short reason is refused; with a reason it passes,
 * and the reason is in the audit log and on the board's list of overrides. The next move (to the
 * council) has its own unmet items.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONSOLE, type SessionUser } from '../../auth/auth.service.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import type { Checklist } from './cycle-gates.ts';
import { CycleLifecycleService } from './cycle-lifecycle.service.ts';
import { type Api, demoApp } from './testing.ts';

describeEachDatabase(
  'stage gates of the cycle',
  (getDb, kind) => {
    let app: FastifyInstance;
    let api: Api;
    let cycleId: string;
    let secretariat: TestSession, officer: TestSession, chair: TestSession;
    const reason = 'Chỉ đạo của UBND tỉnh tại Công văn 123/UBND-NC: thẩm định song song với việc bổ sung.';

    beforeAll(async () => {
      ({ app, api } = await demoApp(getDb(), kind));
      [secretariat, officer, chair] = await Promise.all(['sonoivu', 'tuphap.daumoi', 'hoidong.chutich'].map((u) => login(app, u)));
      cycleId = (await api(secretariat, 'GET', '/api/work/cycles')).json().find((c: { year: number }) => c.year === 2026).id;
    }, 120_000);
    afterAll(() => app?.close());

    it('shows the checklist of the move to appraisal: units not submitted (with their names) and the self deadline', async () => {
      const res = await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/checklist?to=appraisal`);
      expect(res.statusCode, res.body).toBe(200);
      const c: Checklist = res.json();
      const board = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/status-board`)).json() as { units: { unitId: string; unitName: string; selfStatus: string }[] };
      const unsubmitted = board.units.filter((u) => u.selfStatus !== 'submitted');
      expect(unsubmitted.length).toBeGreaterThan(0);
      const self = c.items.find((i) => i.code === 'self_submitted')!;
      expect(self).toMatchObject({ ok: false, count: `${unsubmitted.length}/${board.units.length} đơn vị chưa gửi` });
      expect(self.units.map((u) => u.id).sort()).toEqual(unsubmitted.map((u) => u.unitId).sort());
      expect(self.units.map((u) => u.name)).toEqual([...self.units.map((u) => u.name)].sort(new Intl.Collator('vi').compare));
      // The demo's self deadline (20/12/2026) lies ahead of the clock only until then: the item says which.
      expect(c.items.find((i) => i.code === 'self_deadline')!.count).toMatch(/^Hạn 20\/12\/2026 (chưa qua|đã qua)$/);
      expect(c.ok).toBe(false);
      // A unit officer does not see the secretariat's checklist; a stage the machine has no step to is refused.
      expect((await api(officer, 'GET', `/api/work/cycles/${cycleId}/checklist?to=appraisal`)).statusCode).toBe(403);
      expect((await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/checklist?to=published`)).statusCode).toBe(409);
    });

    it('refuses the move with 409 and the checklist while units are unsubmitted, and a reason shorter than 10 characters', async () => {
      const refused = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/status`, { to: 'appraisal' });
      expect(refused.statusCode).toBe(409);
      const error = refused.json().error;
      expect(error.message).toContain('Chưa đủ điều kiện chuyển sang "Thẩm định và giải trình"');
      expect(error.message).toMatch(/\d+\/\d+ đơn vị chưa gửi/);
      expect(error.details.checklist.items.find((i: { code: string }) => i.code === 'self_submitted').ok).toBe(false);
      const short = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/status`, { to: 'appraisal', override: { reason: 'gấp quá' } });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.message).toContain('ít nhất 10 ký tự');
      const cycle = (await api(secretariat, 'GET', '/api/work/cycles')).json().find((c: { id: string }) => c.id === cycleId);
      expect(cycle.status).toBe('open');
    });

    it('passes with an override and its reason, kept in the audit log and listed for the board', async () => {
      const moved = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/status`, { to: 'appraisal', override: { reason } });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().status).toBe('appraisal');
      const audit = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/audit`)).json() as { action: string; reason: string | null; userName: string; after: { unmet?: { code: string; count: string }[] } }[];
      const override = audit.find((e) => e.action === 'cycle.override')!;
      expect(override.reason).toBe(reason);
      expect(override.userName).toBeTruthy();
      expect(override.after.unmet!.map((u) => u.code)).toContain('self_submitted');
      expect(audit.find((e) => e.action === 'cycle.status')!.reason).toBe(reason);
      const listed = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/overrides`)).json();
      expect(listed).toEqual([expect.objectContaining({ from: 'open', to: 'appraisal', reason, unmet: expect.arrayContaining([expect.objectContaining({ code: 'self_submitted' })]) })]);
    });

    it('gates the move to the council too: proposals missing and survey scoring never run', async () => {
      const c: Checklist = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/checklist?to=council`)).json();
      const byCode = new Map(c.items.map((i) => [i.code, i]));
      expect(byCode.get('proposals_made')).toMatchObject({ ok: false });
      expect(byCode.get('proposals_made')!.count).toMatch(/đơn vị còn tiêu chí chưa có điểm đề xuất \([\d.]+ tiêu chí\)$/);
      expect(byCode.get('survey_scored')).toMatchObject({ ok: false, count: 'Chưa chấm điểm khảo sát lần nào' });
      expect(byCode.get('explanations_sent')!.ok).toBe(false);
      // The CLI goes through the same service: refused the same way.
      const lifecycle = new CycleLifecycleService(getDb());
      await expect(lifecycle.transition(CONSOLE, cycleId, 'council')).rejects.toMatchObject({ code: 'CONFLICT', details: { checklist: { to: 'council', ok: false } } });
      // Only the secretariat moves the cycle; only the chair approves (and never from appraisal).
      expect((await api(chair, 'POST', `/api/work/cycles/${cycleId}/approve`)).statusCode).toBe(409);
      await expect(lifecycle.approve({ ...secretariat.user, username: 'sonoivu', fullName: 'Sở Nội vụ', email: null, unitName: null } as SessionUser, cycleId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  },
  { truncateEach: false },
);
