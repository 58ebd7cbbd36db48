/**
 * The assessment workflow's rules on the demo province, as a user meets them: an appraiser must
 * name their unit and never appraises it; a document's number, date and issuing body are required;
 * evidence is locked with the submitted sheet (new documents only for the explanation); a returned
 * sheet can be fixed after the self deadline; exclusions change only before appraisal; a proposal
 * never wipes the unit's answer and closes at the appraisal deadline; the explanation closes at
 * its deadline; the people concerned are notified — once per unit, by e-mail when configured.
 * The steps run in order on one cycle, like the cycle itself.
 */
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { AuthService } from '../../auth/auth.service.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { users } from '../../db/schema.ts';
import { newId } from '../../db/sql-helpers.ts';
import { DEMO_PASSWORD, demoReportPdf } from '../../seed/seed-workflow.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { AssessmentService } from './assessment.service.ts';
import { Notifier } from './notifier.ts';
import { registerJobHandlers } from '../jobs/handlers.ts';
import { JobWorker } from '../jobs/job-worker.ts';
import { type Api, demoApp, upload } from './testing.ts';

type Leaf = { code: string; source: string; rule: { type: string; levels?: { code: string }[] }; max: string; revision: number; selfPoints: string | null; proposedPoints: string | null; evidenceRequired: boolean; evidence: { documentId: string }[]; response: string | null; responseText: string | null };
type Sheet = { editable: { self: boolean; explanation: boolean }; stages: { self: { status: string } }; leaves: Leaf[] };
type QueueItem = { unitId: string; leafCode: string; revision: number; selfPoints: string | null; proposedPoints: string | null; response: string | null };

const FUTURE = { self: '2099-12-20', appraisal: '2099-12-25', explanation: '2099-12-30', council: '2099-12-31' };
const PAST = '2020-01-10';

const inputsFor = (l: Leaf) =>
  l.rule.type === 'levels' ? { level: l.rule.levels![0].code } : l.rule.type === 'binary' ? { met: true } : l.rule.type === 'manual' ? { points: l.max } : l.rule.type === 'count' ? { count: 0 } : { numerator: 4870, denominator: 4902 };

describeEachDatabase(
  'assessment workflow rules',
  (getDb, kind) => {
    let app: FastifyInstance;
    let api: Api;
    let cycleId: string, unitId: string, officeId: string, draftUnitId: string;
    let officer: TestSession, head: TestSession, secretariat: TestSession, appraiser: TestSession, admin: TestSession;
    let selfDoc: string;
    const sheetOf = async (s: TestSession, unit = unitId): Promise<Sheet> => (await api(s, 'GET', `/api/work/cycles/${cycleId}/units/${unit}/sheet`)).json();
    const leafOf = async (code: string, s = officer) => (await sheetOf(s)).leaves.find((l) => l.code === code)!;
    const leafUrl = (code: string, unit = unitId) => `/api/work/cycles/${cycleId}/units/${unit}/leaves/${code}`;
    const deadlines = (d: Partial<typeof FUTURE>) => api(secretariat, 'PUT', `/api/work/cycles/${cycleId}/deadlines`, { ...FUTURE, ...d });
    const messages = async (s: TestSession, unread = false) =>
      ((await api(s, 'GET', '/api/notifications')).json() as { id: string; message: string; read: boolean }[]).filter((n) => !unread || !n.read);
    const unitsNamed = async () => new Map(((await api(secretariat, 'GET', '/api/units')).json() as { id: string; name: string }[]).map((u) => [u.name, u.id]));

    beforeAll(async () => {
      ({ app, api } = await demoApp(getDb(), kind));
      [officer, head, secretariat, appraiser, admin] = await Promise.all(['tuphap.daumoi', 'tuphap.giamdoc', 'sonoivu', 'thamdinh1', 'quantri'].map((u) => login(app, u)));
      cycleId = (await api(secretariat, 'GET', '/api/work/cycles')).json().find((c: { year: number }) => c.year === 2026).id;
      unitId = officer.user.unitId!;
      officeId = (await unitsNamed()).get('Văn phòng UBND tỉnh')!;
      expect((await deadlines({})).statusCode).toBe(200);
    }, 120_000);
    afterAll(() => app?.close());

    it('requires an appraiser account to name its unit; the demo appraiser works in Văn phòng UBND tỉnh', async () => {
      expect(appraiser.user.unitId).toBe(officeId);
      const created = await api(admin, 'POST', '/api/users', { username: 'thamdinh.moi', fullName: 'Người thẩm định mới', password: 'ThamDinh@2026', role: 'appraiser' });
      expect(created.statusCode).toBe(400);
      expect(created.json().error.message).toContain('"Đơn vị"');
      expect(created.json().error.details.issues[0].field).toBe('unitId');
      const cleared = await api(admin, 'PATCH', `/api/users/${appraiser.user.id}`, { unitId: null });
      expect(cleared.statusCode).toBe(400);
      expect(cleared.json().error.message).toContain('thẩm định chính đơn vị mình');
      expect((await login(app, 'thamdinh1')).user.unitId).toBe(officeId);

      // An older account without a unit is neither assigned nor allowed to appraise.
      const legacy = newId();
      await getDb().insert(users).values({ id: legacy, username: 'thamdinh.cu', fullName: 'Tài khoản thẩm định cũ', passwordHash: await hashPassword(DEMO_PASSWORD), role: 'appraiser', unitId: null });
      const assigned = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/assignments`, { userId: legacy, nodeCode: '1' });
      expect(assigned.statusCode).toBe(400);
      expect(assigned.json().error.message).toContain('chưa gắn đơn vị công tác');
      const queue = await api(await login(app, 'thamdinh.cu'), 'GET', `/api/work/cycles/${cycleId}/appraisal`);
      expect(queue.statusCode).toBe(403);
      expect(queue.json().error.message).toContain('xung đột lợi ích');
    });

    it('refuses evidence without its number/symbol, date or issuing body, naming the field', async () => {
      const pdf = demoReportPdf('Ke hoach CCHC 2026');
      const documents = async () => (await api(officer, 'GET', `/api/work/cycles/${cycleId}/units/${unitId}/documents`)).json() as unknown[];
      const before = (await documents()).length;
      const none = await upload(app, officer, cycleId, unitId, 'ke-hoach.pdf', pdf, {});
      expect(none.statusCode).toBe(400);
      for (const label of ['Số, ký hiệu', 'Ngày ban hành', 'Cơ quan ban hành']) expect(none.json().error.message).toContain(`"${label}"`);
      expect(none.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(['numberSymbol', 'issuedDate', 'issuer']);
      const badDate = await upload(app, officer, cycleId, unitId, 'ke-hoach.pdf', pdf, { numberSymbol: '05/KH-STP', issuedDate: '2026-02-30', issuer: 'Sở Tư pháp' });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().error.message).toContain('"Ngày ban hành" không phải một ngày hợp lệ');
      const blankIssuer = await upload(app, officer, cycleId, unitId, 'ke-hoach.pdf', pdf, { numberSymbol: '05/KH-STP', issuedDate: '2026-03-02', issuer: '   ' });
      expect(blankIssuer.statusCode).toBe(400);
      expect(blankIssuer.json().error.message).toContain('"Cơ quan ban hành"');
      expect(await documents()).toHaveLength(before);
      const good = await upload(app, officer, cycleId, unitId, 'ke-hoach.pdf', pdf);
      expect(good.statusCode).toBe(200);
      selfDoc = good.json().id;
    });

    it('locks evidence with the submitted sheet, and lets a returned sheet be fixed after the self deadline', async () => {
      const todo = (await sheetOf(officer)).leaves.filter((l) => l.source === 'appraised' && l.selfPoints === null);
      const withEvidence = todo.find((l) => l.evidenceRequired)!;
      const plain = todo.find((l) => !l.evidenceRequired)!;
      expect((await api(officer, 'PUT', `${leafUrl(withEvidence.code)}/evidence`, { documentId: selfDoc, page: '2' })).statusCode).toBe(200);
      for (const l of todo) {
        const current = await leafOf(l.code);
        expect((await api(officer, 'PUT', `${leafUrl(l.code)}/self`, { inputs: inputsFor(l), revision: current.revision })).statusCode).toBe(200);
      }
      expect((await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/submit`)).statusCode).toBe(200);
      expect((await messages(secretariat)).map((n) => n.message)).toContainEqual(expect.stringContaining('Sở Tư pháp đã gửi kết quả tự đánh giá'));

      // Submitted: no document linked, removed or uploaded.
      const link = await api(officer, 'PUT', `${leafUrl(plain.code)}/evidence`, { documentId: selfDoc });
      expect(link.statusCode).toBe(409);
      expect(link.json().error.message).toContain('trả lại');
      const unlink = await api(officer, 'DELETE', `${leafUrl(withEvidence.code)}/evidence/${selfDoc}`);
      expect(unlink.statusCode).toBe(409);
      expect((await upload(app, officer, cycleId, unitId, 'them.pdf', demoReportPdf('Them'))).statusCode).toBe(409);
      expect((await leafOf(withEvidence.code)).evidence.map((e) => e.documentId)).toEqual([selfDoc]);
      expect((await leafOf(plain.code)).evidence).toEqual([]);

      // After the self deadline a unit still in draft cannot edit — and its page says so.
      expect((await deadlines({ self: PAST })).statusCode).toBe(200);
      const board = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/status-board`)).json();
      const late = board.units.find((u: { selfStatus: string; peerGroup: string }) => u.selfStatus === 'draft' && u.peerGroup === 'departments');
      expect(late.overdue.self).toBe(true);
      draftUnitId = late.unitId;
      await api(admin, 'POST', '/api/users', { username: 'daumoi.tre', fullName: 'Đầu mối đơn vị chậm', password: 'Dau-moi-cham-2026', role: 'unit_officer', unitId: draftUnitId });
      const lateOfficer = await login(app, 'daumoi.tre', 'Dau-moi-cham-2026');
      const lateSheet = await sheetOf(lateOfficer, draftUnitId);
      expect(lateSheet.editable.self).toBe(false);
      const lateLeaf = lateSheet.leaves.find((l) => l.source === 'appraised' && l.selfPoints !== null)!;
      const lateSave = await api(lateOfficer, 'PUT', `${leafUrl(lateLeaf.code, draftUnitId)}/self`, { inputs: inputsFor(lateLeaf), revision: lateLeaf.revision });
      expect(lateSave.statusCode).toBe(409);
      expect(lateSave.json().error.message).toContain('hết hạn tự đánh giá');

      // Returned after the deadline: the unit is told why, and may fix and resubmit.
      expect((await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/return`, { reason: 'Bổ sung tài liệu kiểm chứng cho các tiêu chí còn thiếu.' })).statusCode).toBe(200);
      expect((await messages(officer)).map((n) => n.message)).toContainEqual(expect.stringContaining('trả lại kết quả tự đánh giá (Chỉ số CCHC năm 2026 của tỉnh Sơn Hà (dữ liệu minh họa)): Bổ sung tài liệu kiểm chứng'));
      const returned = await sheetOf(officer);
      expect(returned.stages.self.status).toBe('returned');
      expect(returned.editable.self).toBe(true);
      const fixed = await api(officer, 'PUT', `${leafUrl(plain.code)}/self`, { inputs: inputsFor(plain), note: 'Đã bổ sung.', revision: (await leafOf(plain.code)).revision });
      expect(fixed.statusCode).toBe(200);
      expect((await api(officer, 'PUT', `${leafUrl(plain.code)}/evidence`, { documentId: selfDoc, page: '5' })).statusCode).toBe(200);
      expect((await api(officer, 'DELETE', `${leafUrl(plain.code)}/evidence/${selfDoc}`)).statusCode).toBe(200);
      expect((await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/submit`)).statusCode).toBe(200);
      expect((await sheetOf(officer)).editable.self).toBe(false);
    });

    it('e-mails the returned unit when SMTP is configured', async () => {
      await api(admin, 'PATCH', `/api/users/${officer.user.id}`, { email: 'tuan.le@sotuphap.example.vn' });
      const mailer = nodemailer.createTransport({ jsonTransport: true });
      const sendMail = vi.spyOn(mailer, 'sendMail');
      const service = new AssessmentService(getDb(), new Notifier(getDb(), { email: true }));
      const actor = (await new AuthService(getDb()).userById(secretariat.user.id))!;
      await service.returnSelf(actor, cycleId, unitId, 'Thiếu chữ ký của Giám đốc Sở.');
      // Queued in the outbox, sent by a server's worker (services/jobs/), never inside the request.
      expect(sendMail).not.toHaveBeenCalled();
      await registerJobHandlers(new JobWorker(getDb()), getDb(), { mailer, mailFrom: 'ParIndex <parindex@sonha.example.vn>' }).drain();
      expect(sendMail).toHaveBeenCalledTimes(1);
      const sent = JSON.parse(((await sendMail.mock.results[0].value) as { message: string }).message);
      expect(sent.to).toEqual([{ address: 'tuan.le@sotuphap.example.vn', name: '' }]);
      expect(sent.from).toEqual({ address: 'parindex@sonha.example.vn', name: 'ParIndex' });
      expect(sent.text).toContain('Thiếu chữ ký của Giám đốc Sở.');
      expect((await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/submit`)).statusCode).toBe(200);
    });

    it('changes exclusions only before appraisal, updating results already computed', async () => {
      expect((await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/compute`)).statusCode).toBe(200);
      const rowOf = async () => ((await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/results`)).json().groups as { units: { unitId: string; max: string; exclusions: { nodeCode: string }[] }[] }[]).flatMap((g) => g.units).find((u) => u.unitId === draftUnitId)!;
      const before = await rowOf();
      const leaf = (await sheetOf(secretariat, draftUnitId)).leaves.find((l) => l.source === 'appraised')!;
      const rows = [{ nodeCode: leaf.code, basis: 'Không được giao nhiệm vụ này (Quyết định số 20/QĐ-UBND, minh họa)' }];
      const set = await api(secretariat, 'PUT', `/api/work/cycles/${cycleId}/units/${draftUnitId}/exclusions`, rows);
      expect(set.statusCode, set.body).toBe(200);
      const after = await rowOf();
      expect(after.exclusions.map((e) => e.nodeCode)).toContain(leaf.code);
      expect(Number(after.max)).toBe(Number(before.max) - Number(leaf.max));

      expect((await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/status`, { to: 'appraisal', override: { reason: 'Kiểm thử: chuyển giai đoạn dù chưa đủ điều kiện.' } })).statusCode).toBe(200);
      const late = await api(secretariat, 'PUT', `/api/work/cycles/${cycleId}/units/${draftUnitId}/exclusions`, []);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toContain('chỉ sửa loại trừ tiêu chí khi kỳ còn dự thảo hoặc đang tự đánh giá');
      expect((await sheetOf(secretariat, draftUnitId)).leaves.some((l) => l.code === leaf.code)).toBe(false);
    });

    it('never lets thamdinh1 appraise Văn phòng UBND tỉnh, her own office', async () => {
      const queue = (await api(appraiser, 'GET', `/api/work/cycles/${cycleId}/appraisal`)).json().items as QueueItem[];
      expect(queue.length).toBeGreaterThan(0);
      expect(queue.some((i) => i.unitId === officeId)).toBe(false);
      const own = (await sheetOf(secretariat, officeId)).leaves.find((l) => l.source === 'appraised' && l.code.startsWith('1.') && l.selfPoints !== null)!;
      const proposed = await api(appraiser, 'PUT', `${leafUrl(own.code, officeId)}/proposal`, { points: '0', reason: 'Thử', revision: own.revision });
      expect(proposed.statusCode).toBe(403);
      expect(proposed.json().error.message).toContain('xung đột lợi ích');
      const accepted = await api(appraiser, 'POST', `/api/work/cycles/${cycleId}/appraisal/accept`, { items: [{ unitId: officeId, leafCode: own.code, revision: own.revision }] });
      expect(accepted.statusCode).toBe(403);
      expect((await sheetOf(secretariat, officeId)).leaves.find((l) => l.code === own.code)!.proposedPoints).toBeNull();
    });

    let explainedCode: string, agreedCode: string, openCode: string;
    it('tells the unit once about new proposals, and never overwrites its answer with a new proposal', async () => {
      const mine = ((await api(appraiser, 'GET', `/api/work/cycles/${cycleId}/appraisal`)).json().items as QueueItem[]).filter((i) => i.unitId === unitId && i.selfPoints !== null && Number(i.selfPoints) > 0);
      const [a, b, c, d, e] = mine;
      [explainedCode, agreedCode, openCode] = [a.leafCode, b.leafCode, e.leafCode];
      const proposal = (i: QueueItem, revision = i.revision) => api(appraiser, 'PUT', `${leafUrl(i.leafCode)}/proposal`, { points: '0', reason: 'Tài liệu chưa chứng minh được kết quả.', revision });
      const PROPOSALS = 'Có điểm đề xuất thẩm định mới';
      expect((await proposal(a)).statusCode).toBe(200);
      expect((await proposal(b)).statusCode).toBe(200);
      expect((await api(appraiser, 'POST', `/api/work/cycles/${cycleId}/appraisal/accept`, { items: [c, d].map((i) => ({ unitId, leafCode: i.leafCode, revision: i.revision })) })).statusCode).toBe(200);
      const told = (await messages(officer, true)).filter((n) => n.message.startsWith(PROPOSALS));
      expect(told).toHaveLength(1);
      expect((await messages(head, true)).filter((n) => n.message.startsWith(PROPOSALS))).toHaveLength(1);
      // Read, then a new proposal is news again.
      await api(officer, 'POST', `/api/notifications/${told[0].id}/read`);
      const cLeaf = await leafOf(c.leafCode);
      expect((await api(appraiser, 'PUT', `${leafUrl(c.leafCode)}/proposal`, { points: '0', reason: 'Xem lại: chưa đạt.', revision: cLeaf.revision })).statusCode).toBe(200);
      expect((await messages(officer, true)).filter((n) => n.message.startsWith(PROPOSALS))).toHaveLength(1);
      expect((await messages(officer)).filter((n) => n.message.startsWith(PROPOSALS))).toHaveLength(2);

      // The unit explains one proposal and agrees with another.
      const aLeaf = await leafOf(a.leafCode);
      expect((await api(officer, 'PUT', `${leafUrl(a.leafCode)}/response`, { response: 'explained', text: 'Kế hoạch ban hành đúng hạn, xem Kế hoạch 05/KH-STP.', revision: aLeaf.revision })).statusCode).toBe(200);
      const bLeaf = await leafOf(b.leafCode);
      expect((await api(officer, 'PUT', `${leafUrl(b.leafCode)}/response`, { response: 'accepted', revision: bLeaf.revision })).statusCode).toBe(200);

      const again = await proposal(a, (await leafOf(a.leafCode)).revision);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toContain(`Sở Tư pháp đã giải trình điểm đề xuất tiêu chí ${a.leafCode}`);
      const batch = await api(appraiser, 'POST', `/api/work/cycles/${cycleId}/appraisal/accept`, { items: [{ unitId, leafCode: a.leafCode, revision: (await leafOf(a.leafCode)).revision }] });
      // Accept-many never touches a leaf that has a proposal: skipped and counted.
      expect(batch.statusCode).toBe(200);
      expect(batch.json()).toMatchObject({ accepted: 0, skipped: 1 });
      const agreed = await proposal(b, (await leafOf(b.leafCode)).revision);
      expect(agreed.statusCode).toBe(409);
      expect(agreed.json().error.message).toContain('đã đồng ý với điểm đề xuất');

      const kept = await leafOf(a.leafCode);
      expect(kept).toMatchObject({ proposedPoints: '0', response: 'explained', responseText: 'Kế hoạch ban hành đúng hạn, xem Kế hoạch 05/KH-STP.' });
      const council = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/council`)).json() as { unitId: string; leafCode: string }[];
      expect(council).toContainEqual(expect.objectContaining({ unitId, leafCode: a.leafCode }));
    });

    it('takes new evidence for the explanation, but never changes what the unit submitted', async () => {
      const before = await leafOf(explainedCode);
      const doc = await upload(app, officer, cycleId, unitId, 'giai-trinh.pdf', demoReportPdf('Giai trinh'), { numberSymbol: '12/QĐ-STP', issuedDate: '2026-02-01', issuer: 'Sở Tư pháp' });
      expect(doc.statusCode).toBe(200);
      const linked = await api(officer, 'PUT', `${leafUrl(explainedCode)}/evidence`, { documentId: doc.json().id, page: '1' });
      expect(linked.statusCode).toBe(200);
      expect(linked.json()).toMatchObject({ selfPoints: before.selfPoints, revision: before.revision });
      const noProposal = (await sheetOf(officer)).leaves.find((l) => l.source === 'appraised' && l.proposedPoints === null)!;
      const elsewhere = await api(officer, 'PUT', `${leafUrl(noProposal.code)}/evidence`, { documentId: doc.json().id });
      expect(elsewhere.statusCode).toBe(409);
      expect(elsewhere.json().error.message).toContain('chưa có điểm đề xuất');
      const withSelfDoc = (await sheetOf(officer)).leaves.find((l) => l.evidence.some((e) => e.documentId === selfDoc))!;
      const removed = await api(officer, 'DELETE', `${leafUrl(withSelfDoc.code)}/evidence/${selfDoc}`);
      expect(removed.statusCode).toBe(409);
      expect(removed.json().error.message).toContain('không gỡ được');
    });

    it('closes proposals at the appraisal deadline and shows the units still waiting', async () => {
      expect((await deadlines({ appraisal: PAST })).statusCode).toBe(200);
      const open = await leafOf(openCode);
      const late = await api(appraiser, 'PUT', `${leafUrl(openCode)}/proposal`, { points: '0', reason: 'Muộn.', revision: open.revision });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toContain('hết hạn thẩm định (10/01/2020)');
      const board = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/status-board`)).json();
      expect(board.units.find((u: { unitId: string }) => u.unitId === unitId).overdue.appraisal).toBe(true);
      expect((await deadlines({})).statusCode).toBe(200);
      const onTime = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/status-board`)).json();
      expect(onTime.units.find((u: { unitId: string }) => u.unitId === unitId).overdue.appraisal).toBe(false);
    });

    it('refuses the explanation after its deadline, and proposals once it is sent', async () => {
      expect((await deadlines({ explanation: PAST })).statusCode).toBe(200);
      expect((await sheetOf(officer)).editable.explanation).toBe(false);
      const late = await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/explanation/submit`);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toContain('hết hạn giải trình (10/01/2020)');
      expect((await deadlines({})).statusCode).toBe(200);
      expect((await sheetOf(officer)).editable.explanation).toBe(true);
      // Not while assigned leaves still wait for a proposal: the refusal lists them.
      const waiting = await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/explanation/submit`);
      expect(waiting.statusCode).toBe(409);
      expect(waiting.json().error.message).toContain('chưa có điểm đề xuất');
      expect(waiting.json().error.message).toContain(openCode);
      const appraiser2 = await login(app, 'thamdinh2');
      for (const s of [appraiser, appraiser2]) {
        const left = ((await api(s, 'GET', `/api/work/cycles/${cycleId}/appraisal`)).json().items as QueueItem[]).filter((i) => i.unitId === unitId && i.proposedPoints === null);
        const scored = left.filter((i) => i.selfPoints !== null).map((i) => ({ unitId, leafCode: i.leafCode, revision: i.revision }));
        if (scored.length) expect((await api(s, 'POST', `/api/work/cycles/${cycleId}/appraisal/accept`, { items: scored })).statusCode).toBe(200);
        for (const i of left.filter((x) => x.selfPoints === null)) expect((await api(s, 'PUT', `${leafUrl(i.leafCode)}/proposal`, { points: '0', reason: 'Đơn vị chưa tự chấm.', revision: i.revision })).statusCode).toBe(200);
      }
      expect((await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/explanation/submit`)).statusCode).toBe(200);

      const open = await leafOf(openCode);
      expect(open.response).toBeNull();
      const after = await api(appraiser, 'PUT', `${leafUrl(openCode)}/proposal`, { points: '0', reason: 'Sau giải trình.', revision: open.revision });
      expect(after.statusCode).toBe(409);
      expect(after.json().error.message).toContain('Sở Tư pháp đã gửi giải trình');
      expect((await leafOf(agreedCode)).response).toBe('accepted');
    });
  },
  { truncateEach: false },
);
