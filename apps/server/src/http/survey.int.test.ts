/**
 * Surveys over HTTP on the demo province (PGlite and PostgreSQL): questionnaires from the sample
 * forms, the sample plan, one-time links and a kiosk desk, the public form's idempotent
 * submissions, a file import with bad rows (twice), quality and exclusion, scoring into the
 * rubric's survey leaves, SIPAS, and an export with no respondent identity.
 */
import { type Questionnaire, Questionnaire as QuestionnaireSchema } from '@parindex/contracts';
import { askedOf, indexQuestionnaire } from '@parindex/engine';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';

function answersFor(q: Questionnaire, group: string, pick: (n: number) => number = () => 0): Record<string, string | string[]> {
  const idx = indexQuestionnaire(QuestionnaireSchema.parse(q));
  const out: Record<string, string | string[]> = {};
  for (const iq of idx.questions.values()) {
    const x = iq.question;
    if (!askedOf(iq, group) || x.type === 'text') continue;
    const o = x.options[Math.min(pick(x.options.length), x.options.length - 1)].code;
    out[x.code] = x.type === 'multiple' ? [o] : o;
  }
  return out;
}

describeEachDatabase(
  'surveys over HTTP',
  (getDb, kind) => {
    let app: FastifyInstance;
    let secretariat: TestSession;
    let cycleId: string, sipasId: string, sipasCode: string, doc: Questionnaire, unitId: string, unitCode: string;
    const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: payload as object, headers });

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} }, surveyRateLimit: { desk: 5 } });
      secretariat = await login(app, 'sonoivu');
      cycleId = (await app.inject({ url: '/api/work/cycles', headers: secretariat.headers })).json().find((c: { year: number }) => c.year === 2026).id;
      const created = await post(`/api/work/cycles/${cycleId}/surveys`, { sample: 'sipas' }, secretariat.headers);
      expect(created.statusCode).toBe(200);
      sipasId = created.json().id;
      sipasCode = created.json().code;
      doc = (await app.inject({ url: `/api/work/surveys/${sipasId}`, headers: secretariat.headers })).json();
      const units = (await app.inject({ url: '/api/units', headers: secretariat.headers })).json();
      const u = units.find((x: { code: string }) => x.code === 'so-tu-phap');
      unitId = u.id;
      unitCode = u.code;
    }, 120_000);
    afterAll(() => app?.close());

    it('computes the sample size n = N/(1+N·e²) and shows the response rate', async () => {
      const res = await app.inject({ method: 'PUT', url: `/api/work/surveys/${sipasId}/targets`, headers: secretariat.headers, payload: [{ unitId, respondentGroup: 'nguoi_dan', transactions: 4902, margin: '0.05' }] });
      expect(res.statusCode).toBe(200);
      expect(res.json()[0]).toMatchObject({ target: 370, responses: 0, ratePercent: '0.0' });
    });

    it('stores a form sent twice once; a one-time link works once; a desk needs the dossier code once', async () => {
      const tokens = (await post(`/api/work/surveys/${sipasId}/tokens`, { unitId, respondentGroup: 'nguoi_dan', count: 2 }, secretariat.headers)).json();
      expect(tokens).toHaveLength(2);
      expect(tokens[0].qrSvg).toContain('<svg');
      const token = new URL(tokens[0].url).searchParams.get('t')!;
      const form = await app.inject(`/api/public/surveys/${sipasCode}?t=${token}`);
      expect(form.statusCode).toBe(200);
      expect(form.json().unit.code).toBe(unitCode);
      expect(JSON.stringify(form.json().questionnaire)).not.toContain('"weight"');

      const id = crypto.randomUUID();
      const body = { token, response: { id, respondentGroup: 'nguoi_dan', answers: answersFor(doc, 'nguoi_dan', (n) => n - 1), durationSeconds: 240 } };
      const first = await post(`/api/public/surveys/${sipasCode}/responses`, body);
      expect(first.json()).toEqual({ id, stored: true });
      const again = await post(`/api/public/surveys/${sipasCode}/responses`, body);
      expect(again.json()).toEqual({ id, stored: false });
      const other = await post(`/api/public/surveys/${sipasCode}/responses`, { ...body, response: { ...body.response, id: crypto.randomUUID() } });
      expect(other.statusCode).toBe(409);
      expect(other.json().error.message).toContain('chỉ dùng một lần');

      const forged = await post(`/api/public/surveys/${sipasCode}/responses`, { token: 'khong-dung', response: body.response });
      expect(forged.statusCode).toBe(403);

      const desk = (await post(`/api/work/surveys/${sipasId}/desks`, { unitId, name: 'Bộ phận Một cửa Sở Tư pháp', respondentGroup: 'nguoi_dan', requireDossier: true }, secretariat.headers)).json();
      const deskBody = (dossierCode?: string) => ({ desk: desk.code, dossierCode, response: { id: crypto.randomUUID(), respondentGroup: 'nguoi_dan', answers: answersFor(doc, 'nguoi_dan'), durationSeconds: 180 } });
      const noDossier = await post(`/api/public/surveys/${sipasCode}/responses`, deskBody());
      expect(noDossier.statusCode).toBe(400);
      expect(noDossier.json().error.message).toContain('mã hồ sơ');
      expect((await post(`/api/public/surveys/${sipasCode}/responses`, deskBody('000.00.12.H99-261120-0001'))).json().stored).toBe(true);
      const twice = await post(`/api/public/surveys/${sipasCode}/responses`, deskBody('000.00.12.h99-261120-0001'));
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toContain('đã được đánh giá');
      // rate limit per desk (5 per minute in this test; more in survey-abuse.int.test.ts)
      let limited = 0;
      for (let i = 0; i < 6; i++) if ((await post(`/api/public/surveys/${sipasCode}/responses`, deskBody(`HS-${i}`))).statusCode === 429) limited++;
      expect(limited).toBeGreaterThan(0);

      const progress = (await app.inject({ url: `/api/work/surveys/${sipasId}/progress`, headers: secretariat.headers })).json();
      expect(progress[0].responses).toBeGreaterThanOrEqual(2);
    });

    it('imports a file: valid rows stored, every bad row reported, nothing stored twice', async () => {
      const questions = doc.questions.filter((q) => q.type !== 'text').map((q) => q.code);
      const lines = [['Nhóm đối tượng', 'Đơn vị được đánh giá', 'Thời gian trả lời (giây)', ...questions].join(',')];
      for (let i = 0; i < 40; i++) {
        const a = answersFor(doc, 'nguoi_dan', (n) => (i % n));
        lines.push(['nguoi_dan', i === 7 ? 'khong-co-don-vi' : unitCode, String(120 + i), ...questions.map((c) => (i === 11 && c === 'C1' ? 'Z' : String(a[c] ?? '')))].join(','));
      }
      const csv = Buffer.from(lines.join('\n'));
      const upload = () => {
        const boundary = '----pi' + Math.random().toString(16).slice(2);
        const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phieu.csv"\r\nContent-Type: text/csv\r\n\r\n`), csv, Buffer.from(`\r\n--${boundary}--\r\n`)]);
        return app.inject({ method: 'POST', url: `/api/work/surveys/${sipasId}/responses/import`, headers: { ...secretariat.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      };
      const first = (await upload()).json();
      expect(first.rows).toBe(40);
      expect(first.rejected.map((r: { row: number }) => r.row).sort()).toEqual([13, 9].sort());
      expect(first.rejected.every((r: { reason: string }) => r.reason.length > 5)).toBe(true);
      expect(first.stored).toBe(38);
      const second = (await upload()).json();
      expect(second).toMatchObject({ stored: 0, duplicates: 38 });
      // the same in the background, with progress to poll
      const boundary = '----pj';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phieu.csv"\r\nContent-Type: text/csv\r\n\r\n`), csv, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const started = await app.inject({ method: 'POST', url: `/api/work/surveys/${sipasId}/responses/import-jobs`, headers: { ...secretariat.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      expect(started.statusCode).toBe(202);
      expect(started.json().totalRows).toBe(40);
      let job = { status: 'running' } as { status: string; rows?: number; result?: { stored: number; duplicates: number; rejected: unknown[] } };
      for (let i = 0; i < 100 && job.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await app.inject({ url: `/api/work/survey-import-jobs/${started.json().jobId}`, headers: secretariat.headers })).json();
      }
      expect(job).toMatchObject({ status: 'done', rows: 40, result: { stored: 0, duplicates: 38 } });
      expect(job.result!.rejected).toHaveLength(2);
    });

    it('stores a paper form only when two people typed it the same way', async () => {
      const second = await login(app, 'sonoivu2');
      const url = `/api/work/surveys/${sipasId}/paper`;
      const a = answersFor(doc, 'nguoi_dan');
      const typo = { ...a, C1: doc.questions.find((q) => q.code === 'C1')!.options[1].code };
      const entry = (answers: Record<string, string | string[]>) => ({ serial: 'GIAY-0001', respondentGroup: 'nguoi_dan', evaluatedUnitCode: unitCode, answers });
      expect((await post(url, entry(a), secretariat.headers)).json()).toMatchObject({ status: 'first' });
      const sameTypist = await post(url, entry(a), secretariat.headers);
      expect(sameTypist.statusCode).toBe(409);
      expect(sameTypist.json().error.message).toContain('người khác');
      expect((await post(url, entry(typo), second.headers)).json()).toMatchObject({ status: 'mismatch', differences: ['C1'] });
      const pending = (await app.inject({ url, headers: secretariat.headers })).json();
      expect(pending).toEqual([{ serial: 'GIAY-0001', entries: 2, waitingFor: 'reconcile' }]);
      // The first typist typing their reading again does not confirm it: a match needs two people.
      expect((await post(url, entry(a), secretariat.headers)).json()).toMatchObject({ status: 'mismatch', differences: ['C1'] });
      expect((await app.inject({ url, headers: secretariat.headers })).json()).toEqual([{ serial: 'GIAY-0001', entries: 3, waitingFor: 'reconcile' }]);
      // The second typist checks the paper again and agrees with the first: stored.
      expect((await post(url, entry(a), second.headers)).json()).toMatchObject({ status: 'stored' });
      expect((await app.inject({ url, headers: secretariat.headers })).json()).toEqual([]);
      const again = await post(url, entry(a), second.headers);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toContain('đã được nhập đủ');
    });

    it('flags, excludes with a reason, scores the survey leaves and computes SIPAS', async () => {
      const flags = (await app.inject({ url: `/api/work/surveys/${sipasId}/quality`, headers: secretariat.headers })).json();
      expect(Array.isArray(flags)).toBe(true);
      const csvBefore = (await app.inject({ url: `/api/work/surveys/${sipasId}/responses.csv`, headers: secretariat.headers })).body;
      const anId = csvBefore.split('\n')[1].split(',')[0];
      const ex = await app.inject({ method: 'PUT', url: `/api/work/survey-responses/${anId}/exclusion`, headers: secretariat.headers, payload: { reason: 'Phiếu thử nghiệm của cán bộ.' } });
      expect(ex.statusCode).toBe(200);
      const audit = (await app.inject({ url: `/api/work/cycles/${cycleId}/audit?subject=${anId}`, headers: secretariat.headers })).json();
      expect(audit[0]).toMatchObject({ action: 'survey.exclude', reason: 'Phiếu thử nghiệm của cán bộ.' });

      const scored = await post(`/api/work/cycles/${cycleId}/surveys/score`, {}, secretariat.headers);
      expect(scored.statusCode).toBe(200);
      const mine = scored.json().leaves.filter((l: { unitCode: string; applicable: boolean }) => l.unitCode === unitCode && l.applicable);
      expect(mine.length).toBeGreaterThan(0);
      for (const l of mine) expect(Number(l.points)).toBeGreaterThanOrEqual(0), expect(Number(l.points)).toBeLessThanOrEqual(Number(l.max));
      const sheet = (await app.inject({ url: `/api/work/cycles/${cycleId}/units/${unitId}/sheet`, headers: secretariat.headers })).json();
      const surveyLeaf = sheet.leaves.find((l: { code: string }) => l.code === mine[0].leafCode);
      expect(surveyLeaf.finalPoints).toBe(mine[0].points);

      const sipas = (await app.inject({ url: `/api/work/surveys/${sipasId}/sipas`, headers: secretariat.headers })).json();
      const unit = sipas.units.find((u: { unitCode: string }) => u.unitCode === unitCode);
      expect(unit.unitName).toBe('Sở Tư pháp');
      expect(unit.factors.length).toBe(5);
      expect(Number(unit.overall)).toBeGreaterThan(0);

      const csv = (await app.inject({ url: `/api/work/surveys/${sipasId}/responses.csv`, headers: secretariat.headers })).body;
      expect(csv.startsWith('\uFEFFid,group,unit_code')).toBe(true);
      expect(csv).not.toContain('respondent_name');
      expect(csv).toContain('Phiếu thử nghiệm của cán bộ.');
    });
  },
  { truncateEach: false },
);
