/**
 * The rubric routes on the seeded demo province (PGlite, and PostgreSQL when TEST_DATABASE_URL is
 * set): the secretariat uploads a broken annex and gets every error with its sheet, row and
 * column (nothing saved), uploads the fixed one, reads its tree, compares it with last year's,
 * downloads it, and replaces the rubric of the running 2026 cycle after a preview; the wrong roles
 * and anonymous callers are refused; the portal shows the rubric of a published cycle only.
 */
import type { RubricDocument } from '@parindex/contracts';
import { sameRubricDocument } from '@parindex/engine';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportRubricXlsx, importRubricXlsx } from '../rubric-io/rubric-xlsx.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { RubricService } from '../services/rubric.service.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';
import { BROKEN, REVISION, brokenWorkbook, reviseRubric } from './rubric-routes.fixtures.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function multipart(fileName: string, content: Buffer) {
  const boundary = '----parindex' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${XLSX_TYPE}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Version { id: string; code: string; version: number; year: number; cycles: { id: string; year: number }[] }

describeEachDatabase(
  'rubric pages over HTTP',
  (getDb, kind) => {
    let app: FastifyInstance;
    let secretariat: TestSession, admin: TestSession, officer: TestSession, leader: TestSession;
    let cycle2025: string, cycle2026: string, doc2026: RubricDocument, revised: RubricDocument;
    const anon = { 'x-requested-with': 'ParIndex' };
    const get = (s: TestSession | null, url: string) => app.inject({ method: 'GET', url, headers: s ? s.headers : anon });
    const upload = (s: TestSession | null, file: Buffer, name = 'bo-chi-so.xlsx') => {
      const form = multipart(name, file);
      return app.inject({ method: 'POST', url: '/api/work/rubrics', headers: { ...(s ? s.headers : anon), 'content-type': form.contentType }, payload: form.payload });
    };
    const versions = async () => (await get(secretariat, '/api/work/rubrics')).json() as Version[];
    const versionOf = async (code: string, version = 1) => (await versions()).find((v) => v.code === code && v.version === version)!;

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
      [secretariat, admin, officer, leader] = await Promise.all(['sonoivu', 'quantri', 'tuphap.daumoi', 'lanhdao'].map((u) => login(app, u)));
      const cycles = (await get(secretariat, '/api/work/cycles')).json() as { id: string; year: number }[];
      cycle2025 = cycles.find((c) => c.year === 2025)!.id;
      cycle2026 = cycles.find((c) => c.year === 2026)!.id;
      const json = await get(secretariat, `/api/work/rubrics/${(await versionOf('SH-CCHC-2026')).id}/export?format=json`);
      expect(json.statusCode).toBe(200);
      doc2026 = json.json() as RubricDocument;
      revised = reviseRubric(doc2026, { code: 'SH-CCHC-2027', year: 2027 });
    }, 120_000);
    afterAll(() => app?.close());

    it('lists the versions with the cycles scored on each', async () => {
      const list = await versions();
      expect(list.map((v) => `${v.code}@${v.version}`)).toEqual(['SH-CCHC-2026@1', 'SH-CCHC-2025@1']);
      expect(list[0].cycles.map((c) => c.id)).toEqual([cycle2026]);
      expect(list[1].cycles.map((c) => c.id)).toEqual([cycle2025]);
    });

    it('refuses a broken annex with every error at its sheet, row and column, saving nothing', async () => {
      const broken = await brokenWorkbook(revised);
      const res = await upload(secretariat, broken.file);
      expect(res.statusCode).toBe(400);
      const error = res.json().error;
      expect(error.message).toMatch(/^Tệp bộ chỉ số có \d+ lỗi; chưa lưu gì\./);
      const errors = error.details.errors as { sheet: string | null; row: number | null; column: string | null; message: string }[];
      expect(errors).toContainEqual({ sheet: 'Bộ tiêu chí', row: broken.maxRow, column: 'Điểm tối đa', message: expect.stringContaining(BROKEN.maxText) });
      expect(errors).toContainEqual({ sheet: 'Bộ tiêu chí', row: broken.methodRow, column: 'Phương pháp chấm điểm', message: expect.stringContaining(BROKEN.methodText) });
      // The place is in the columns, not repeated in the message.
      for (const e of errors) expect(e.message).not.toMatch(/^Dòng \d+/);
      expect((await versions()).length).toBe(2);
    });

    it('stores the fixed annex as a new version; the same file again stores nothing', async () => {
      const file = await exportRubricXlsx(revised);
      const res = await upload(secretariat, file);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ stored: true, message: expect.stringContaining('SH-CCHC-2027, phiên bản 1'), version: { code: 'SH-CCHC-2027', version: 1, year: 2027 } });
      const again = await upload(admin, file);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ stored: false, version: { code: 'SH-CCHC-2027', version: 1 } });
      expect((await versions()).map((v) => `${v.code}@${v.version}`)).toEqual(['SH-CCHC-2027@1', 'SH-CCHC-2026@1', 'SH-CCHC-2025@1']);
    });

    it('shows a version as a tree: maxima, rules as sentences, evidence, groups', async () => {
      const res = await get(secretariat, `/api/work/rubrics/${(await versionOf('SH-CCHC-2027')).id}`);
      expect(res.statusCode).toBe(200);
      const tree = res.json();
      expect(tree).toMatchObject({ code: 'SH-CCHC-2027', version: 1, year: 2027, ties: expect.stringContaining('điểm thẩm định') });
      expect(tree.fields.map((f: { code: string }) => f.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
      const c14 = tree.fields[0].children.find((c: { code: string }) => c.code === '1.4');
      const added = c14.children.find((c: { code: string }) => c.code === REVISION.added.code);
      expect(added).toMatchObject({ max: '0.5', depth: 3, children: [], leaf: { ruleType: 'count', howScored: 'Mỗi tin, bài được đăng tải được 0,25 điểm, tối đa 0,5 điểm.', evidence: 'Danh mục tin, bài kèm đường dẫn' } });
      const l111 = tree.fields[0].children[0].children[0];
      expect(l111.leaf.howScored).toBe('Chấm theo mức: Ban hành/thực hiện đúng hạn, đầy đủ: 0,5 điểm; Ban hành/thực hiện chậm hoặc chưa đầy đủ: 0,25 điểm; Không ban hành/không thực hiện: 0 điểm.');
      expect(l111.leaf.notes).toEqual(['Bắt buộc có tài liệu kiểm chứng; thiếu thì 0 điểm.']);
      const l112 = tree.fields[0].children[0].children[1];
      expect(l112.leaf.howScored).toBe('Tính tỷ lệ số nhiệm vụ hoàn thành trên tổng số nhiệm vụ: từ 100% trở lên: 1,5 điểm; từ 80% trở lên: 0,75 điểm; dưới 80%: 0 điểm. Nếu không phát sinh (tổng số nhiệm vụ bằng 0): được điểm tối đa.');
      expect(tree.peerGroups.map((g: { code: string }) => g.code)).toEqual(['departments', 'special_departments', 'communes']);
      const deduction = tree.fields[8].children[1];
      expect(deduction.leaf).toMatchObject({ effect: 'deduction', howScored: 'Mỗi lần bị phê bình, nhắc nhở trừ 0,5 điểm, trừ tối đa 2 điểm.' });
      expect((await get(secretariat, '/api/work/rubrics/khong-co')).statusCode).toBe(404);
    });

    it('compares two versions: added, removed, re-weighted, rule changed, text changed', async () => {
      const [from, to] = [await versionOf('SH-CCHC-2026'), await versionOf('SH-CCHC-2027')];
      const res = await get(secretariat, `/api/work/rubrics/compare?from=${from.id}&to=${to.id}`);
      expect(res.statusCode).toBe(200);
      const c = res.json();
      expect(c.same).toBe(false);
      expect(c.added).toEqual([{ code: '1.4.3', title: REVISION.added.title, max: '0.5' }]);
      expect(c.removed.map((x: { code: string }) => x.code)).toEqual([REVISION.removed]);
      expect(c.reweighted).toEqual(REVISION.reweighted.map((x) => ({ ...x, title: expect.any(String) })));
      expect(c.ruleChanged).toEqual([
        expect.objectContaining({ code: '1.1.1' }),
        { code: '1.2.2', title: 'Chất lượng báo cáo CCHC', before: 'Chấm trực tiếp từ 0 đến 0,5 điểm.', after: 'Đạt (Báo cáo đủ nội dung theo đề cương): 0,5 điểm; không đạt (Thiếu nội dung): 0 điểm.' },
      ]);
      expect(c.textChanged).toEqual(expect.arrayContaining([
        { code: REVISION.retitled.code, what: 'title', before: 'Ban hành kế hoạch kiểm tra CCHC', after: REVISION.retitled.title },
        { code: REVISION.evidence.code, what: 'evidence', before: 'Báo cáo kết quả thực hiện kế hoạch CCHC', after: REVISION.evidence.text },
      ]));
      expect(c.settingsChanged).toContainEqual({ what: 'Năm', before: '2026', after: '2027' });
      const leaves2026 = (await get(secretariat, `/api/work/rubrics/${from.id}`)).json().leaves as number;
      expect(c.kept).toBe(leaves2026 - 1);
      const same = (await get(secretariat, `/api/work/rubrics/compare?from=${to.id}&to=${to.id}`)).json();
      expect(same).toMatchObject({ same: true, added: [], removed: [], reweighted: [], ruleChanged: [], textChanged: [], settingsChanged: [] });
    });

    it('downloads a version as the annex XLSX, which reads back as the same rubric', async () => {
      const res = await get(secretariat, `/api/work/rubrics/${(await versionOf('SH-CCHC-2027')).id}/export`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      expect(res.headers['content-disposition']).toBe('attachment; filename="bo-chi-so-SH-CCHC-2027-v1.xlsx"');
      const read = await importRubricXlsx(res.rawPayload);
      expect(read.ok && sameRubricDocument(read.doc, revised)).toBe(true);
    });

    it('replaces the rubric of the running 2026 cycle with a stored version, after a preview', async () => {
      const midYear = reviseRubric(doc2026, { code: 'SH-CCHC-2026', year: 2026 });
      const stored = await upload(secretariat, await exportRubricXlsx(midYear));
      expect(stored.json().version).toMatchObject({ code: 'SH-CCHC-2026', version: 2 });
      const body = { versionId: stored.json().version.id as string };

      const preview = await app.inject({ method: 'POST', url: `/api/work/cycles/${cycle2026}/rubric/preview`, headers: secretariat.headers, payload: body });
      expect(preview.statusCode).toBe(200);
      const p = preview.json();
      expect(p).toMatchObject({ unchanged: false, current: { code: 'SH-CCHC-2026', version: 1 }, rubric: { id: body.versionId, code: 'SH-CCHC-2026', version: 2 } });
      expect(p.report.added.map((x: { code: string }) => x.code)).toEqual(['1.4.3']);
      expect(p.report.removed.map((x: { code: string }) => x.code)).toEqual(['1.4.2']);
      expect(p.report.reweighted.map((x: { code: string }) => x.code)).toEqual(['1.1.1', '1.1.3']);
      // Units already gave themselves 1 point on 1.1.1, above its new maximum of 0,5: refused without rescaling.
      expect(p.overMax.length).toBeGreaterThan(0);
      const refused = await app.inject({ method: 'PUT', url: `/api/work/cycles/${cycle2026}/rubric`, headers: secretariat.headers, payload: body });
      expect(refused.statusCode).toBe(409);
      expect((await versionOf('SH-CCHC-2026')).cycles.map((c) => c.id)).toEqual([cycle2026]);

      const withRescale = (await app.inject({ method: 'POST', url: `/api/work/cycles/${cycle2026}/rubric/preview`, headers: secretariat.headers, payload: { ...body, rescale: true } })).json();
      expect(withRescale.overMax).toEqual([]);
      expect(withRescale.rescaled.length).toBeGreaterThan(0);
      const done = await app.inject({ method: 'PUT', url: `/api/work/cycles/${cycle2026}/rubric`, headers: secretariat.headers, payload: { ...body, rescale: true } });
      expect(done.statusCode).toBe(200);
      expect(done.json().message).toBe('Đã thay bộ chỉ số bằng SH-CCHC-2026, phiên bản 2.');
      // The stored version became the cycle's: no third version of the code.
      const list = await versions();
      expect(list.filter((v) => v.code === 'SH-CCHC-2026').map((v) => v.version)).toEqual([2, 1]);
      expect(list.find((v) => v.code === 'SH-CCHC-2026' && v.version === 2)!.cycles.map((c) => c.id)).toEqual([cycle2026]);
      const cycle = (await get(secretariat, '/api/work/cycles')).json().find((c: { id: string }) => c.id === cycle2026);
      expect(cycle.rubricVersion).toBe(2);
      // A published cycle's rubric is never replaced.
      const frozen = await app.inject({ method: 'POST', url: `/api/work/cycles/${cycle2025}/rubric/preview`, headers: secretariat.headers, payload: body });
      expect(frozen.statusCode).toBe(409);
    });

    it('refuses anonymous callers and the wrong roles, on the routes and in the service', async () => {
      const id = (await versionOf('SH-CCHC-2027')).id;
      const reads = ['/api/work/rubrics', `/api/work/rubrics/${id}`, `/api/work/rubrics/${id}/export`, `/api/work/rubrics/compare?from=${id}&to=${id}`];
      for (const url of reads) {
        expect((await get(null, url)).statusCode, url).toBe(401);
        for (const s of [officer, leader]) {
          const res = await get(s, url);
          expect(res.statusCode, url).toBe(403);
          expect(res.json().error.message).toMatch(/không có quyền/);
        }
      }
      const file = await exportRubricXlsx(revised);
      expect((await upload(null, file)).statusCode).toBe(401);
      expect((await upload(leader, file)).statusCode).toBe(403);
      for (const [method, url] of [['POST', `/api/work/cycles/${cycle2026}/rubric/preview`], ['PUT', `/api/work/cycles/${cycle2026}/rubric`]] as const) {
        expect((await app.inject({ method, url, headers: anon, payload: { versionId: id } })).statusCode).toBe(401);
        expect((await app.inject({ method, url, headers: officer.headers, payload: { versionId: id } })).statusCode).toBe(403);
      }
      const leaderUser = { id: leader.user.id, username: 'lanhdao', fullName: 'Lãnh đạo', email: null, role: 'leader' as const, unitId: null, unitName: null };
      await expect(new RubricService(getDb()).upload(leaderUser, file)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(new RubricService(getDb()).replaceWithVersion(leaderUser, cycle2026, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('shows the portal the rubric of a published cycle, and nothing of an unpublished one', async () => {
      const res = await get(null, `/api/cycles/${cycle2025}/rubric`);
      expect(res.statusCode).toBe(200);
      const { cycle, rubric } = res.json();
      expect(cycle).toMatchObject({ id: cycle2025, year: 2025 });
      expect(rubric).toMatchObject({ code: 'SH-CCHC-2025', version: 1, year: 2025 });
      expect(rubric.fields[0].children[0].children[0].leaf.evidence).toBe('Kế hoạch CCHC năm 2025 của đơn vị');
      const xlsx = await get(null, `/api/cycles/${cycle2025}/rubric/export`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-disposition']).toBe('attachment; filename="bo-chi-so-SH-CCHC-2025-v1.xlsx"');
      expect((await importRubricXlsx(xlsx.rawPayload)).ok).toBe(true);

      for (const url of [`/api/cycles/${cycle2026}/rubric`, `/api/cycles/${cycle2026}/rubric/export`, '/api/cycles/khong-co/rubric']) {
        const refused = await get(null, url);
        expect(refused.statusCode, url).toBe(404);
        expect(refused.json().error.message).toContain('chưa được công bố');
      }
      const imported = ((await get(null, '/api/cycles')).json() as { id: string; source: string; year: number }[]).find((c) => c.source === 'imported');
      expect(imported, 'the demo has a cycle imported as totals').toBeDefined();
      const none = await get(null, `/api/cycles/${imported!.id}/rubric`);
      expect(none.statusCode).toBe(404);
      expect(none.json().error.message).toContain(`Kết quả năm ${imported!.year} được nhập từ bảng tổng hợp`);
    });
  },
  { truncateEach: false },
);
