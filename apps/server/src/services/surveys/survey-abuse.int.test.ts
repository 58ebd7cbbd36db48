/**
 * Abuse resistance of the public survey form and the collection rules around it (PGlite and
 * PostgreSQL): limits per address, link and desk (guessing tokens ends in 429), TRUST_PROXY, a
 * used link refused on opening, the dossier code kept only as a keyed HMAC and checked race-free,
 * respondent lists (one link per person, nothing made when a row is bad), and the "identified"
 * declaration from the create switch and the workbook.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Questionnaire, Questionnaire as QuestionnaireSchema } from '@parindex/contracts';
import { askedOf, indexQuestionnaire } from '@parindex/engine';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRows } from '../../db/database.ts';
import { buildApp } from '../../http/app.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { exportQuestionnaireXlsx } from '../../survey-io/questionnaire-xlsx.ts';
import { sampleParQuestionnaire } from '../../survey-io/sample-questionnaires.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { dossierDigest } from './survey-secret.ts';

function answersFor(q: Questionnaire, group: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const iq of indexQuestionnaire(QuestionnaireSchema.parse(q)).questions.values()) {
    const x = iq.question;
    if (!askedOf(iq, group) || x.type === 'text') continue;
    out[x.code] = x.type === 'multiple' ? [x.options[0].code] : x.options[0].code;
  }
  return out;
}

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = `----pa${randomUUID()}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

const SECRET = Buffer.from('kiem-thu-khoa-bi-mat-cua-mot-cai-dat-parindex');

describeEachDatabase(
  'survey abuse resistance',
  (getDb, kind) => {
    let app: FastifyInstance, proxied: FastifyInstance;
    let staff: TestSession;
    let cycleId: string, qid: string, code: string, doc: Questionnaire, unitId: string;
    const post = (a: FastifyInstance, url: string, payload: unknown, extra: { headers?: Record<string, string>; remoteAddress?: string } = {}) =>
      a.inject({ method: 'POST', url, payload: payload as object, headers: extra.headers, remoteAddress: extra.remoteAddress });
    const tokensOf = async (n: number, group = 'nguoi_dan') => {
      const res = await post(app, `/api/work/surveys/${qid}/tokens`, { unitId, respondentGroup: group, count: n }, { headers: staff.headers });
      return (res.json() as { url: string }[]).map((l) => new URL(l.url).searchParams.get('t')!);
    };
    const countTokens = async () => Number((await executeRows<{ n: number }>(getDb(), sql`select count(*)::int as n from survey_tokens`))[0].n);

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      const database = { db: getDb(), kind, close: async () => {} };
      app = await buildApp({ database, surveySecret: SECRET });
      proxied = await buildApp({ database, surveySecret: SECRET, trustProxy: '127.0.0.1', surveyRateLimit: { failures: 3 } });
      staff = await login(app, 'sonoivu');
      cycleId = (await app.inject({ url: '/api/work/cycles', headers: staff.headers })).json().find((c: { year: number }) => c.year === 2026).id;
      const created = (await post(app, `/api/work/cycles/${cycleId}/surveys`, { sample: 'sipas' }, { headers: staff.headers })).json();
      qid = created.id;
      code = created.code;
      doc = (await app.inject({ url: `/api/work/surveys/${qid}`, headers: staff.headers })).json();
      unitId = (await app.inject({ url: '/api/units', headers: staff.headers })).json().find((u: { code: string }) => u.code === 'so-tu-phap').id;
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await proxied?.close();
    });

    it('stops one address guessing tokens: after 20 refused links the next request is 429 in Vietnamese, for GET and POST alike', async () => {
      const [real] = await tokensOf(1);
      const guesser = '198.51.100.7';
      for (let i = 0; i < 20; i++) {
        const res = i % 2
          ? await app.inject({ url: `/api/public/surveys/${code}?t=doan-${i}`, remoteAddress: guesser })
          : await post(app, `/api/public/surveys/${code}/responses`, { token: `doan-${i}`, response: { id: randomUUID(), respondentGroup: 'nguoi_dan', answers: {} } }, { remoteAddress: guesser });
        expect(res.statusCode).toBe(403);
      }
      const next = await app.inject({ url: `/api/public/surveys/${code}?t=doan-moi`, remoteAddress: guesser });
      expect(next.statusCode).toBe(429);
      expect(next.json().error.message).toMatch(/^Có quá nhiều lần mở đường dẫn khảo sát không đúng từ địa chỉ này\. Hãy đợi \d+ giây rồi thử lại/);
      expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
      // even a real link is refused from that address for a while — but not from another one
      expect((await app.inject({ url: `/api/public/surveys/${code}?t=${real}`, remoteAddress: guesser })).statusCode).toBe(429);
      expect((await app.inject({ url: `/api/public/surveys/${code}?t=${real}`, remoteAddress: '198.51.100.8' })).statusCode).toBe(200);
    });

    it('limits one link and one desk whatever address they come from', async () => {
      const [token] = await tokensOf(1);
      const codes: number[] = [];
      for (let i = 0; i < 21; i++) codes.push((await app.inject({ url: `/api/public/surveys/${code}?t=${token}`, remoteAddress: `203.0.113.${i + 1}` })).statusCode);
      expect(codes.slice(0, 20).every((c) => c === 200)).toBe(true);
      expect(codes[20]).toBe(429);

      const desk = (await post(app, `/api/work/surveys/${qid}/desks`, { unitId, name: 'Quầy 2', respondentGroup: 'nguoi_dan' }, { headers: staff.headers })).json();
      const deskCodes: number[] = [];
      for (let i = 0; i < 121; i++) deskCodes.push((await app.inject({ url: `/api/public/surveys/${code}?quay=${desk.code.toLowerCase()}`, remoteAddress: `192.0.2.${(i % 200) + 1}` })).statusCode);
      expect(deskCodes.slice(0, 120).every((c) => c === 200)).toBe(true);
      expect(deskCodes[120]).toBe(429);
    });

    it('behind a trusted proxy counts the client in X-Forwarded-For, and ignores the header from anyone else', async () => {
      const guess = (forwardedFor: string | undefined, remoteAddress = '127.0.0.1') =>
        proxied.inject({ url: `/api/public/surveys/${code}?t=sai`, remoteAddress, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
      for (let i = 0; i < 3; i++) expect((await guess('100.64.0.1')).statusCode).toBe(403);
      expect((await guess('100.64.0.1')).statusCode).toBe(429);
      // another client behind the same proxy has its own count
      expect((await guess('100.64.0.2')).statusCode).toBe(403);
      // a client not behind the proxy cannot pick a fresh address by sending the header
      for (let i = 0; i < 3; i++) expect((await guess(`100.64.1.${i}`, '203.0.113.200')).statusCode).toBe(403);
      expect((await guess('100.64.1.99', '203.0.113.200')).statusCode).toBe(429);
    });

    it('refuses a used one-time link when it is opened, yet a resend of the same form is still acknowledged', async () => {
      const [token] = await tokensOf(1);
      const body = { token, response: { id: randomUUID(), respondentGroup: 'nguoi_dan', answers: answersFor(doc, 'nguoi_dan'), durationSeconds: 200 } };
      expect((await post(app, `/api/public/surveys/${code}/responses`, body, { remoteAddress: '10.1.0.1' })).json()).toMatchObject({ stored: true });
      const open = await app.inject({ url: `/api/public/surveys/${code}?t=${token}`, remoteAddress: '10.1.0.1' });
      expect(open.statusCode).toBe(409);
      expect(open.json().error.message).toMatch(/^Đường dẫn này đã được dùng/);
      expect(open.json().error.details).toMatchObject({ reason: 'link_used' });
      expect((await post(app, `/api/public/surveys/${code}/responses`, body, { remoteAddress: '10.1.0.1' })).json()).toMatchObject({ stored: false });
    });

    it('keeps the dossier code only as an HMAC under the installation key, and stores one response per dossier under concurrent submissions', async () => {
      const desk = (await post(app, `/api/work/surveys/${qid}/desks`, { unitId, name: 'Quầy 3', respondentGroup: 'nguoi_dan', requireDossier: true }, { headers: staff.headers })).json();
      const dossier = '000.00.12.H99-261203-0042';
      const send = (i: number) => post(app, `/api/public/surveys/${code}/responses`, { desk: desk.code, dossierCode: i % 2 ? dossier.toLowerCase() : dossier, response: { id: randomUUID(), respondentGroup: 'nguoi_dan', answers: answersFor(doc, 'nguoi_dan'), durationSeconds: 150 } }, { remoteAddress: `10.2.0.${i + 1}` });
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => send(i)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      const rows = await executeRows<{ h: string }>(getDb(), sql`select dossier_hash as h from survey_responses where desk_code = ${desk.code}`);
      expect(rows).toHaveLength(1);
      expect(rows[0].h).toBe(dossierDigest(SECRET, qid, dossier));
      expect(rows[0].h).not.toBe(createHash('sha256').update(`${qid}:${dossier}`).digest('hex'));
    });

    it('makes one link per person of a respondent list, reports every bad row and makes nothing then; names are printed, kept only when identified', async () => {
      const url = `/api/work/surveys/${qid}/tokens/from-list`;
      const upload = (csv: string, fields: Record<string, string> = { respondentGroup: 'to_chuc' }, q = qid) => {
        const m = multipart(fields, { name: 'danh-sach.csv', content: Buffer.from(`\uFEFF${csv}`), type: 'text/csv' });
        return app.inject({ method: 'POST', url: url.replace(qid, q), headers: { ...staff.headers, 'content-type': m.contentType }, payload: m.payload });
      };
      const before = await countTokens();
      const bad = await upload('STT,Họ và tên,Đơn vị công tác,Email,Đơn vị được đánh giá\n1,Nguyễn Văn An,Công ty Hòa Bình,an@hoabinh.vn,so-tu-phap\n2,,Công ty B,b@b.vn,\n3,Trần Thị Cúc,HTX Cúc,cuc@,khong-co\n4,Lê Văn Dũng,,,');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('Chưa tạo đường dẫn nào');
      expect(bad.json().error.details.issues.map((i: { message: string }) => i.message)).toEqual([
        'Dòng 3: cột "Họ và tên": thiếu họ và tên người được khảo sát.',
        'Dòng 4: cột "Email": "cuc@" không phải địa chỉ thư điện tử hợp lệ.',
        'Dòng 4: cột "Đơn vị được đánh giá": đơn vị "khong-co" không có trong kỳ đánh giá; ghi mã hoặc tên đơn vị.',
      ]);
      expect(await countTokens()).toBe(before);

      const good = await upload('Họ và tên;Đơn vị công tác;Email;Đơn vị được đánh giá\nNguyễn Văn An;Công ty Hòa Bình;an@hoabinh.vn;Sở Tư pháp\nLê Văn Dũng;;;');
      expect(good.statusCode).toBe(200);
      const links = good.json();
      expect(links.map((l: { row: number; name: string; unit: string | null; email: string | null; label: string }) => [l.row, l.name, l.unit, l.email, l.label])).toEqual([
        [2, 'Nguyễn Văn An', 'Công ty Hòa Bình', 'an@hoabinh.vn', 'Nguyễn Văn An — Công ty Hòa Bình'],
        [3, 'Lê Văn Dũng', null, null, 'Lê Văn Dũng'],
      ]);
      expect(links[0].unitId).toBe(unitId);
      expect(links[0].qrSvg).toContain('<svg');
      expect(await countTokens()).toBe(before + 2);
      // anonymous survey: the names went to the printed sheet only
      expect(await executeRows(getDb(), sql`select 1 from survey_tokens where label is not null and questionnaire_id = ${qid}`)).toHaveLength(0);

      // an identified survey, declared by the import switch: the name goes with the response into the export
      const xlsx = await exportQuestionnaireXlsx(sampleParQuestionnaire());
      const m = multipart({ identified: '1' }, { name: 'phieu.xlsx', content: xlsx, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      const par = (await app.inject({ method: 'POST', url: `/api/work/cycles/${cycleId}/surveys/import`, headers: { ...staff.headers, 'content-type': m.contentType }, payload: m.payload })).json();
      const list = (await app.inject({ url: `/api/work/cycles/${cycleId}/surveys`, headers: staff.headers })).json();
      expect(list.find((x: { id: string }) => x.id === par.id).identified).toBe(true);
      expect(list.find((x: { id: string }) => x.id === qid).identified).toBe(false);
      const parDoc: Questionnaire = (await app.inject({ url: `/api/work/surveys/${par.id}`, headers: staff.headers })).json();
      const [link] = (await upload('Họ và tên,Đơn vị\nPhạm Thu Hà,UBND xã Tân Lập', { respondentGroup: 'dai_bieu', unitId }, par.id)).json();
      const token = new URL(link.url).searchParams.get('t')!;
      const sent = await post(app, `/api/public/surveys/${par.code}/responses`, { token, response: { id: randomUUID(), respondentGroup: 'dai_bieu', answers: answersFor(parDoc, 'dai_bieu') } }, { remoteAddress: '10.3.0.1' });
      expect(sent.json()).toMatchObject({ stored: true });
      const csv = (await app.inject({ url: `/api/work/surveys/${par.id}/responses.csv`, headers: staff.headers })).body;
      expect(csv.split('\n')[0]).toContain('respondent_name');
      expect(csv).toContain('Phạm Thu Hà — UBND xã Tân Lập');
      // and the workbook downloaded again says so
      const again = await app.inject({ url: `/api/work/surveys/${par.id}/xlsx`, headers: staff.headers });
      const { importQuestionnaireWorkbook } = await import('../../survey-io/questionnaire-xlsx.ts');
      expect((await importQuestionnaireWorkbook(again.rawPayload)).identified).toBe(true);
    });
  },
  { truncateEach: false },
);
