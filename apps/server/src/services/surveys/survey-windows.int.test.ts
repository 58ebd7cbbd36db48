/**
 * Survey windows on the demo province (PGlite and PostgreSQL): a closed questionnaire or desk, or
 * one outside its dates, answers 410 with the day in Vietnamese and stores nothing — while the
 * other forms sent at the same moment are stored; reopening accepts again; every change is in the
 * audit log; moving the cycle to the council closes everything and freezes exclusions.
 */
import { type Questionnaire, Questionnaire as QuestionnaireSchema } from '@parindex/contracts';
import { askedOf, indexQuestionnaire } from '@parindex/engine';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, cycles, surveyResponses } from '../../db/schema.ts';
import { buildApp } from '../../http/app.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { DEMO_ACCOUNTS } from '../../seed/seed-workflow.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { closeCycleSurveys, vietnamToday } from './survey-windows.ts';

function answersFor(q: Questionnaire, group: string): Record<string, string | string[]> {
  const idx = indexQuestionnaire(QuestionnaireSchema.parse(q));
  const out: Record<string, string | string[]> = {};
  for (const iq of idx.questions.values()) {
    const x = iq.question;
    if (!askedOf(iq, group) || x.type === 'text') continue;
    out[x.code] = x.type === 'multiple' ? [x.options[0].code] : x.options[0].code;
  }
  return out;
}

const day = (offset: number) => vietnamToday(new Date(Date.now() + offset * 86_400_000));
const vi = (iso: string) => iso.split('-').reverse().join('/');

describeEachDatabase(
  'survey windows',
  (getDb, kind) => {
    let app: FastifyInstance;
    let sec: TestSession;
    let cycleId: string;
    /** A: the questionnaire closed and reopened; B: another one, open throughout. */
    const A = { id: '', code: '', doc: {} as Questionnaire, desk: '' };
    const B = { id: '', code: '', doc: {} as Questionnaire, desk: '' };
    let unitId: string;
    const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: payload as object, headers });
    const put = (url: string, payload: unknown) => app.inject({ method: 'PUT', url, payload: payload as object, headers: sec.headers });
    const form = (q: typeof A) => ({ desk: q.desk, response: { id: crypto.randomUUID(), respondentGroup: 'nguoi_dan', answers: answersFor(q.doc, 'nguoi_dan'), durationSeconds: 200 } });
    const submit = (q: typeof A, body = form(q)) => post(`/api/public/surveys/${q.code}/responses`, body);
    const stored = async (ids: string[]) => (await getDb().select({ id: surveyResponses.id }).from(surveyResponses).where(inArray(surveyResponses.id, ids))).map((r) => r.id);

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} }, surveyRateLimit: 10_000 });
      sec = await login(app, 'sonoivu');
      cycleId = (await app.inject({ url: '/api/work/cycles', headers: sec.headers })).json().find((c: { year: number }) => c.year === 2026).id;
      const units = (await app.inject({ url: '/api/units', headers: sec.headers })).json();
      unitId = units.find((x: { code: string }) => x.code === 'so-tu-phap').id;
      const list = (await app.inject({ url: `/api/work/cycles/${cycleId}/surveys`, headers: sec.headers })).json() as { id: string; code: string }[];
      const seeded = list.find((q) => q.code === 'SH-SIPAS-2026-MH')!;
      const created = (await post(`/api/work/cycles/${cycleId}/surveys`, { sample: 'sipas' }, sec.headers)).json();
      for (const [q, src] of [[A, created], [B, seeded]] as const) {
        q.id = src.id;
        q.code = src.code;
        q.doc = (await app.inject({ url: `/api/work/surveys/${q.id}`, headers: sec.headers })).json();
        q.desk = (await post(`/api/work/surveys/${q.id}/desks`, { unitId, name: `Quầy thử ${q.code}`, respondentGroup: 'nguoi_dan' }, sec.headers)).json().code;
      }
    }, 180_000);
    afterAll(() => app?.close());

    it('refuses a closed questionnaire with 410 and stores nothing, while the other forms of the same moment are stored; reopening accepts', async () => {
      const closed = await post(`/api/work/surveys/${A.id}/close`, {}, sec.headers);
      expect(closed.statusCode).toBe(200);
      expect(closed.json()[0]).toMatchObject({ kind: 'questionnaire', code: A.code, state: 'closed' });

      const opened = await app.inject(`/api/public/surveys/${A.code}?quay=${A.desk}`);
      expect(opened.statusCode).toBe(410);
      expect(opened.json().error.message).toBe(`Cuộc khảo sát đã kết thúc ngày ${vi(vietnamToday())}: không nhận thêm phiếu trả lời. Cảm ơn Ông/Bà đã quan tâm.`);

      // Sent together, so the writer batches them: the closed one fails alone.
      const bodies = [form(A), form(B), form(B)];
      const answers = await Promise.all(bodies.map((b, i) => submit(i === 0 ? A : B, b)));
      expect(answers.map((r) => r.statusCode)).toEqual([410, 200, 200]);
      expect(answers[0].json().error.code).toBe('GONE');
      expect(await stored(bodies.map((b) => b.response.id))).toEqual(expect.arrayContaining([bodies[1].response.id, bodies[2].response.id]));
      expect(await stored([bodies[0].response.id])).toEqual([]);

      const rows = (await app.inject({ url: `/api/work/cycles/${cycleId}/surveys/windows`, headers: sec.headers })).json();
      expect(rows.find((r: { code: string }) => r.code === A.code)).toMatchObject({ state: 'closed', closesOn: null });
      expect(rows.find((r: { code: string }) => r.code === B.code)).toMatchObject({ state: 'open' });

      expect((await post(`/api/work/surveys/${A.id}/open`, {}, sec.headers)).json()[0].state).toBe('open');
      const again = await submit(A, bodies[0]);
      expect(again.json()).toEqual({ id: bodies[0].response.id, stored: true });
      // The same form resent after a new close (its acknowledgement lost) is acknowledged, not refused.
      await post(`/api/work/surveys/${A.id}/close`, {}, sec.headers);
      expect((await submit(A, bodies[0])).json()).toEqual({ id: bodies[0].response.id, stored: false });
      await post(`/api/work/surveys/${A.id}/open`, {}, sec.headers);

      const log = await getDb().select().from(auditLog).where(and(eq(auditLog.cycleId, cycleId), eq(auditLog.subject, A.code)));
      expect(log.filter((l) => l.action === 'survey.close')).toHaveLength(2);
      expect(log.filter((l) => l.action === 'survey.open')).toHaveLength(2);
      expect(log.find((l) => l.action === 'survey.close')!.userName).toBe(DEMO_ACCOUNTS.find((a) => a.username === 'sonoivu')!.fullName);
    });

    it('refuses a closed desk with 410 naming it, while a desk still open is stored; reopening accepts', async () => {
      expect((await post(`/api/work/survey-desks/${A.desk.toLowerCase()}/close`, {}, sec.headers)).json()[0]).toMatchObject({ kind: 'desk', state: 'closed', questionnaireState: 'open' });
      const bodies = [form(A), form(B)];
      const answers = await Promise.all([submit(A, bodies[0]), submit(B, bodies[1])]);
      expect(answers.map((r) => r.statusCode)).toEqual([410, 200]);
      expect(answers[0].json().error.message).toContain(`Cuộc khảo sát tại quầy "Quầy thử ${A.code}" đã kết thúc ngày`);
      expect(await stored(bodies.map((b) => b.response.id))).toEqual([bodies[1].response.id]);
      const desks = (await app.inject({ url: `/api/work/surveys/${A.id}/desks`, headers: sec.headers })).json();
      expect(desks.find((d: { code: string }) => d.code === A.desk).window.state).toBe('closed');

      await post(`/api/work/survey-desks/${A.desk}/open`, {}, sec.headers);
      expect((await submit(A, bodies[0])).json().stored).toBe(true);
      const log = await getDb().select().from(auditLog).where(eq(auditLog.subject, `${A.code} / quầy ${A.desk}`));
      expect(log.map((l) => l.action).sort()).toEqual(['survey.close_desk', 'survey.open_desk']);
    });

    it('takes responses only between its dates (inclusive, Vietnam time)', async () => {
      expect((await put(`/api/work/surveys/${A.id}/dates`, { opensOn: day(-30), closesOn: day(-1) })).json()[0].state).toBe('ended');
      const ended = await submit(A);
      expect(ended.statusCode).toBe(410);
      expect(ended.json().error.message).toContain(`Cuộc khảo sát đã kết thúc ngày ${vi(day(-1))}`);

      expect((await put(`/api/work/surveys/${A.id}/dates`, { opensOn: day(2), closesOn: null })).json()[0].state).toBe('not_yet');
      const early = await app.inject(`/api/public/surveys/${A.code}?quay=${A.desk}`);
      expect(early.statusCode).toBe(410);
      expect(early.json().error.message).toContain(`chưa bắt đầu: phiếu nhận trả lời từ ngày ${vi(day(2))}`);

      // The last day itself still counts, and so does the first.
      await put(`/api/work/surveys/${A.id}/dates`, { opensOn: vietnamToday(), closesOn: vietnamToday() });
      expect((await submit(A)).json().stored).toBe(true);

      const bad = await put(`/api/work/surveys/${A.id}/dates`, { opensOn: day(3), closesOn: day(1) });
      expect(bad.statusCode).toBe(400);
      // A desk's own dates close it inside an open questionnaire.
      await put(`/api/work/survey-desks/${A.desk}/dates`, { opensOn: null, closesOn: day(-2) });
      expect((await submit(A)).statusCode).toBe(410);
      // Reopening drops a past closing date; `until` sets a new one.
      expect((await post(`/api/work/survey-desks/${A.desk}/open`, { until: day(10) }, sec.headers)).json()[0]).toMatchObject({ state: 'open', closesOn: day(10) });
      expect((await submit(A)).json().stored).toBe(true);
      expect((await post(`/api/work/surveys/${A.id}/open`, { until: day(-1) }, sec.headers)).statusCode).toBe(400);
    });

    it('refuses other roles, and closes everything and freezes exclusions once the cycle is at the council', async () => {
      const leader = await login(app, 'lanhdao');
      expect((await post(`/api/work/surveys/${A.id}/close`, {}, leader.headers)).statusCode).toBe(403);

      const [someResponse] = await getDb().select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.questionnaireId, B.id)).limit(1);
      const excludeUrl = `/api/work/survey-responses/${someResponse.id}/exclusion`;
      expect((await put(excludeUrl, { reason: 'Phiếu thử' })).statusCode).toBe(200);

      // The lifecycle service calls this when it moves the cycle to the council.
      await getDb().transaction(async (tx) => {
        await tx.update(cycles).set({ status: 'council' }).where(eq(cycles.id, cycleId));
        const n = await closeCycleSurveys(tx as never, cycleId, null);
        expect(n.questionnaires).toBeGreaterThanOrEqual(3);
        expect(n.desks).toBeGreaterThanOrEqual(4);
      });
      const windows = (await app.inject({ url: `/api/work/cycles/${cycleId}/surveys/windows`, headers: sec.headers })).json();
      expect(windows.every((q: { state: string; desks: { state: string }[] }) => q.state === 'closed' && q.desks.every((d) => d.state === 'closed'))).toBe(true);
      expect((await submit(B)).statusCode).toBe(410);

      const restore = await put(excludeUrl, { reason: null });
      expect(restore.statusCode).toBe(409);
      expect(restore.json().error.message).toContain('Kết quả khảo sát của kỳ đánh giá năm 2026 đã được chốt');
      expect((await put(excludeUrl, { reason: 'Thêm lý do' })).statusCode).toBe(409);
      const reopen = await post(`/api/work/surveys/${B.id}/open`, {}, sec.headers);
      expect(reopen.statusCode).toBe(409);
      expect(reopen.json().error.message).toContain('Hội đồng thẩm định');
      const [row] = await getDb().select({ excludedReason: surveyResponses.excludedReason }).from(surveyResponses).where(eq(surveyResponses.id, someResponse.id));
      expect(row.excludedReason).toBe('Phiếu thử');
      expect((await getDb().select().from(auditLog).where(and(eq(auditLog.cycleId, cycleId), eq(auditLog.action, 'survey.close_cycle')))).length).toBe(1);
    });
  },
  { truncateEach: false },
);
