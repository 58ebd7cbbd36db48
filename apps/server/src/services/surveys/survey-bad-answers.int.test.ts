/**
 * One bad submission harms no one else (PGlite and PostgreSQL). 200 forms sent at once to a desk,
 * a few of them with an answer the database cannot store (a NUL character, half a UTF-16
 * surrogate pair, an answer longer than the limit): every good one is stored once and
 * acknowledged, every bad one is refused with 400 naming its question. When the database refuses
 * one row of a batch all the same, the others are stored. Paper entry and the service's own
 * callers (CLI, seed) follow the same rules.
 */
import { randomUUID } from 'node:crypto';
import { type Questionnaire, Questionnaire as QuestionnaireSchema, SurveyAnswerLimits } from '@parindex/contracts';
import { askedOf, indexQuestionnaire } from '@parindex/engine';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuthService, CONSOLE } from '../../auth/auth.service.ts';
import { executeRows } from '../../db/database.ts';
import { buildApp } from '../../http/app.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { expectAppError } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { type ResponseRow, ResponseWriter } from './response-writer.ts';
import { SurveyService } from './survey.service.ts';

function answersFor(q: Questionnaire, group: string, opinion?: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const iq of indexQuestionnaire(QuestionnaireSchema.parse(q)).questions.values()) {
    const x = iq.question;
    if (!askedOf(iq, group)) continue;
    if (x.type === 'text') {
      if (opinion !== undefined) out[x.code] = opinion;
    } else out[x.code] = x.type === 'multiple' ? [x.options[0].code] : x.options[0].code;
  }
  return out;
}

/** The bad answers mixed into the 200 forms, by position: what is wrong and the question it names. */
const BAD: Record<number, { answers: (good: Record<string, string | string[]>) => Record<string, string | string[]>; question: string; says: RegExp }> = {
  13: { answers: (g) => ({ ...g, D2: 'Thủ tục nhanh\u0000' }), question: 'D2', says: /Câu D2: câu trả lời chứa ký tự NUL/ },
  77: { answers: (g) => ({ ...g, D2: 'Rất hài lòng \ud83d' }), question: 'D2', says: /Câu D2: câu trả lời chứa ký tự Unicode không hợp lệ \(nửa cặp UTF-16\)/ },
  150: { answers: (g) => ({ ...g, D2: 'ơ'.repeat(SurveyAnswerLimits.textChars + 1) }), question: 'D2', says: /Câu D2: câu trả lời dài 2\.001 ký tự; tối đa 2\.000 ký tự/ },
  190: { answers: (g) => ({ ...g, C1: `${g.C1}\u0000` }), question: 'C1', says: /Câu C1: câu trả lời chứa ký tự NUL/ },
};

describeEachDatabase(
  'one bad survey answer harms no one else',
  (getDb, kind) => {
    let app: FastifyInstance;
    let staff: TestSession;
    let qid: string, code: string, doc: Questionnaire, unitId: string, deskCode: string;
    const count = async (where: ReturnType<typeof sql>) => Number((await executeRows<{ n: number }>(getDb(), sql`select count(*)::int as n from survey_responses where ${where}`))[0].n);

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} }, surveyRateLimit: 1_000_000 });
      staff = await login(app, 'sonoivu');
      const cycleId = (await app.inject({ url: '/api/work/cycles', headers: staff.headers })).json().find((c: { year: number }) => c.year === 2026).id;
      const created = (await app.inject({ method: 'POST', url: `/api/work/cycles/${cycleId}/surveys`, headers: staff.headers, payload: { sample: 'sipas' } })).json();
      qid = created.id;
      code = created.code;
      doc = (await app.inject({ url: `/api/work/surveys/${qid}`, headers: staff.headers })).json();
      unitId = (await app.inject({ url: '/api/units', headers: staff.headers })).json().find((u: { code: string }) => u.code === 'so-tu-phap').id;
      deskCode = (await app.inject({ method: 'POST', url: `/api/work/surveys/${qid}/desks`, headers: staff.headers, payload: { unitId, name: 'Quầy tiếp nhận số 1', respondentGroup: 'nguoi_dan' } })).json().code;
    }, 120_000);
    afterAll(() => app?.close());

    it('stores and acknowledges every good form of 200 sent at once, and refuses each bad one alone with 400 naming its question', async () => {
      const forms = Array.from({ length: 200 }, (_, i) => {
        const good = answersFor(doc, 'nguoi_dan', i % 3 ? undefined : `Góp ý số ${i + 1}: cần thêm ghế chờ`);
        return { id: randomUUID(), answers: BAD[i]?.answers(good) ?? good };
      });
      const replies = await Promise.all(
        forms.map((f) => app.inject({ method: 'POST', url: `/api/public/surveys/${code}/responses`, remoteAddress: '10.9.0.1', payload: { desk: deskCode, response: { id: f.id, respondentGroup: 'nguoi_dan', answers: f.answers, durationSeconds: 150 } } })),
      );
      replies.forEach((r, i) => {
        const bad = BAD[i];
        if (!bad) return expect([r.statusCode, r.json()], `form ${i}`).toEqual([200, { id: forms[i].id, stored: true }]);
        expect(r.statusCode, `form ${i}`).toBe(400);
        expect(r.json().error.message).toMatch(bad.says);
        expect(r.json().error.details.issues).toEqual([expect.objectContaining({ field: `response.answers.${bad.question}`, message: expect.stringMatching(bad.says) })]);
      });
      const stored = await executeRows<{ id: string }>(getDb(), sql`select id from survey_responses where desk_code = ${deskCode}`);
      const good = forms.filter((_, i) => !BAD[i]).map((f) => f.id);
      expect(stored.map((r) => r.id).sort()).toEqual([...good].sort());
      expect(stored).toHaveLength(196);
    });

    it('stores the other rows of a batch the database refuses because of one row, and fails only that one', async () => {
      const writer = new ResponseWriter(getDb(), { maxBatch: 20, delayMs: 60_000 });
      const row = (over: Partial<ResponseRow> = {}): ResponseRow => ({ id: randomUUID(), questionnaireId: qid, unitId, respondentGroup: 'nguoi_dan', channel: 'kiosk', answers: answersFor(doc, 'nguoi_dan'), durationSeconds: 90, deskCode, ...over });
      const rows = Array.from({ length: 20 }, (_, i) =>
        i === 4 ? row({ questionnaireId: 'khong-co-phieu-nay' }) // a reference the database refuses
        : i === 15 ? row({ answers: { D2: 'không lưu được \u0000' } }) // what validation would have refused: JSON cannot hold it
        : row(),
      );
      // The 20th write fills the batch: all twenty go in one statement, which the database refuses.
      const outcomes = await Promise.allSettled(rows.map((r) => writer.write(r)));
      expect(outcomes.map((o) => o.status)).toEqual(rows.map((_, i) => (i === 4 || i === 15 ? 'rejected' : 'fulfilled')));
      expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<boolean>).value)).toEqual(Array(18).fill(true));
      const ids = rows.map((r) => r.id);
      expect(await count(sql`id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)).toBe(18);
      expect(await count(sql`id in (${rows[4].id}, ${rows[15].id})`)).toBe(0);
    });

    it('refuses the same answers from paper entry and from the service’s other callers, naming the question, keeping nothing', async () => {
      const entries = async () => Number((await executeRows<{ n: number }>(getDb(), sql`select count(*)::int as n from survey_paper_entries where questionnaire_id = ${qid}`))[0].n);
      const before = await entries();
      const long = await app.inject({
        method: 'POST',
        url: `/api/work/surveys/${qid}/paper`,
        headers: staff.headers,
        payload: { serial: 'GIAY-0101', respondentGroup: 'nguoi_dan', evaluatedUnitCode: 'so-tu-phap', answers: answersFor(doc, 'nguoi_dan', 'x'.repeat(SurveyAnswerLimits.textChars + 500)) },
      });
      expect(long.statusCode).toBe(400);
      expect(long.json().error.message).toMatch(/Câu D2: câu trả lời dài 2\.500 ký tự; tối đa 2\.000 ký tự/);

      const service = new SurveyService(getDb());
      const actor = (await new AuthService(getDb()).listUsers(CONSOLE)).find((u) => u.username === 'sonoivu')!;
      const paper = await expectAppError(service.enterPaper(actor, qid, { serial: 'GIAY-0102', respondentGroup: 'nguoi_dan', evaluatedUnitCode: 'so-tu-phap', answers: answersFor(doc, 'nguoi_dan', 'Tốt\u0000') }), 'VALIDATION');
      expect(paper.message).toBe('Phiếu số GIAY-0102: Câu D2: câu trả lời chứa ký tự NUL (\\u0000), không lưu được.');
      expect(await entries()).toBe(before);

      const sent = await expectAppError(service.submit(code, { desk: deskCode, response: { id: randomUUID(), respondentGroup: 'nguoi_dan', answers: answersFor(doc, 'nguoi_dan', 'Hay \udc00') } }), 'VALIDATION');
      expect(sent.message).toBe('Câu D2: câu trả lời chứa ký tự Unicode không hợp lệ (nửa cặp UTF-16).');
    });
  },
  { truncateEach: false },
);
