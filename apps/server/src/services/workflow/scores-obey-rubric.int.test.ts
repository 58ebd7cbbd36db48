/**
 * Issue 11, items 4, 5 and 7 on the demo province, in the cycle's order: proposals and council
 * decisions take only the points a leaf's rule can give (or raw inputs the engine scores); accept
 * many never touches a leaf with a proposal and says how many it skipped; a unit sends its
 * explanation only once its assigned leaves all have a proposal, or after the appraisal deadline,
 * when those leaves go to the council; a leaf's final points are the same on the sheet, in the
 * remediation plan and in the results.
 */
import { RubricDocument } from '@parindex/contracts';
import { dec, evaluateLeaf, indexRubric, toExact } from '@parindex/engine';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoRubric } from '../../seed/demo-rubric.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { repositories } from '../repositories.ts';
import { RemediationService } from '../remediation.service.ts';
import { type Api, demoApp } from './testing.ts';

type Leaf = { code: string; source: string; revision: number; selfPoints: string | null; proposedPoints: string | null; councilPoints: string | null; finalPoints: string | null; max: string };
type QueueItem = { unitId: string; leafCode: string; revision: number; selfPoints: string | null; proposedPoints: string | null; rule: { type: string }; allowed: { kind: string; values?: string[] } };
type CouncilItem = QueueItem & { kind: 'disputed' | 'unproposed'; unitName: string; councilPoints: string | null; inputs: { hasEvidence?: boolean } | null };

const FUTURE = { self: '2099-12-20', appraisal: '2099-12-25', explanation: '2099-12-30', council: '2099-12-31' };
const PAST = '2020-01-10';
const OVERRIDE = { reason: 'Kiểm thử: chuyển giai đoạn dù chưa đủ điều kiện.' };
const rubric = indexRubric(RubricDocument.parse(demoRubric()));
const settings = rubric.doc.settings;

describeEachDatabase(
  'scores obey the rubric',
  (getDb, kind) => {
    let app: FastifyInstance;
    let api: Api;
    let chosen: string;
    let cycleId: string, unitId: string, otherId: string;
    let head: TestSession, otherHead: TestSession, secretariat: TestSession, appraisers: TestSession[], member: TestSession, chair: TestSession;
    const leafUrl = (code: string, unit = unitId) => `/api/work/cycles/${cycleId}/units/${unit}/leaves/${code}`;
    const sheetOf = async (unit = unitId) => (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/units/${unit}/sheet`)).json() as { leaves: Leaf[] };
    const leafOf = async (code: string, unit = unitId) => (await sheetOf(unit)).leaves.find((l) => l.code === code)!;
    const queueOf = async (s: TestSession, unit = unitId) => ((await api(s, 'GET', `/api/work/cycles/${cycleId}/appraisal`)).json().items as QueueItem[]).filter((i) => i.unitId === unit);
    const councilItems = async () => (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/council`)).json() as CouncilItem[];
    const deadlines = (d: Partial<typeof FUTURE>) => api(secretariat, 'PUT', `/api/work/cycles/${cycleId}/deadlines`, { ...FUTURE, ...d });
    /** Every assigned leaf of the unit gets a proposal: the self score where there is one, else 0 with a reason. */
    const proposeAll = async (unit: string) => {
      for (const s of appraisers) {
        const left = (await queueOf(s, unit)).filter((i) => i.proposedPoints === null);
        const scored = left.filter((i) => i.selfPoints !== null).map((i) => ({ unitId: unit, leafCode: i.leafCode, revision: i.revision }));
        if (scored.length) expect((await api(s, 'POST', `/api/work/cycles/${cycleId}/appraisal/accept`, { items: scored })).statusCode).toBe(200);
        for (const i of left.filter((x) => x.selfPoints === null))
          expect((await api(s, 'PUT', `${leafUrl(i.leafCode, unit)}/proposal`, { points: i.allowed.kind === 'values' ? i.allowed.values![0] : '0', reason: 'Đơn vị chưa tự chấm.', revision: i.revision })).statusCode).toBe(200);
      }
    };

    beforeAll(async () => {
      ({ app, api } = await demoApp(getDb(), kind));
      let a1: TestSession, a2: TestSession, admin: TestSession;
      [head, secretariat, a1, a2, member, chair, admin] = await Promise.all(['tuphap.giamdoc', 'sonoivu', 'thamdinh1', 'thamdinh2', 'hoidong.thanhvien', 'hoidong.chutich', 'quantri'].map((u) => login(app, u)));
      appraisers = [a1, a2];
      cycleId = (await api(secretariat, 'GET', '/api/work/cycles')).json().find((c: { year: number }) => c.year === 2026).id;
      unitId = head.user.unitId!;
      // A second department with its own head, to send an explanation once every leaf is proposed.
      const units = (await api(secretariat, 'GET', '/api/units')).json() as { id: string; name: string; peerGroup?: string }[];
      otherId = units.find((u) => u.name === 'Sở Xây dựng')?.id ?? units.find((u) => u.id !== unitId && u.id !== a1.user.unitId && u.id !== a2.user.unitId && u.name.startsWith('Sở'))!.id;
      const created = await api(admin, 'POST', '/api/users', { username: 'giamdoc.khac', fullName: 'Giám đốc sở khác', password: 'Giam-Doc-So-Khac-2026!', role: 'unit_head', unitId: otherId });
      expect(created.statusCode).toBe(200);
      otherHead = await login(app, 'giamdoc.khac', 'Giam-Doc-So-Khac-2026!');
      expect((await deadlines({})).statusCode).toBe(200);
      expect((await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/status`, { to: 'appraisal', override: OVERRIDE })).statusCode).toBe(200);
    }, 180_000);
    afterAll(() => app?.close());

    it('refuses a proposal of 0,3 on a 0 / 0,5 / 1 level leaf, naming the values it takes, and saves nothing', async () => {
      const before = await leafOf('1.1.1');
      const res = await api(appraisers[0], 'PUT', `${leafUrl('1.1.1')}/proposal`, { points: '0,3', reason: 'Thử', revision: before.revision });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('Tiêu chí 1.1.1 chỉ nhận 0; 0,5; 1 điểm');
      const after = await leafOf('1.1.1');
      expect(after).toMatchObject({ proposedPoints: null, revision: before.revision });
      // The ratio-band leaf of the issue: 0 / 0,75 / 1,5.
      const bands = await leafOf('1.1.2');
      const refused = await api(appraisers[0], 'PUT', `${leafUrl('1.1.2')}/proposal`, { points: '0.3', reason: 'Thử', revision: bands.revision });
      expect(refused.json().error.message).toContain('Tiêu chí 1.1.2 chỉ nhận 0; 0,75; 1,5 điểm');
      // A level value is taken; the queue offers exactly the values of the rule.
      const item = (await queueOf(appraisers[0])).find((i) => i.leafCode === '1.1.1')!;
      expect(item).toMatchObject({ rule: { type: 'levels' }, allowed: { kind: 'values', values: ['0', '0.5', '1'] } });
      // A figure other than the unit's own, so that the final-points rule is seen to take the proposal.
      chosen = before.selfPoints === '0.5' ? '0' : '0.5';
      expect((await api(appraisers[0], 'PUT', `${leafUrl('1.1.1')}/proposal`, { points: chosen, reason: 'Kế hoạch ban hành chậm.', revision: before.revision })).statusCode).toBe(200);
    });

    it('scores a proportional or ratio-band proposal from the raw inputs, as the engine does', async () => {
      for (const [code, inputs] of [['1.3.3', { numerator: 2, denominator: 3 }], ['1.4.2', { numerator: 8, denominator: 10 }]] as const) {
        const leaf = await leafOf(code);
        const expected = toExact(evaluateLeaf(rubric.leafByCode.get(code)!, { ...inputs }, settings).points);
        const res = await api(appraisers[0], 'PUT', `${leafUrl(code)}/proposal`, { inputs, reason: 'Theo số liệu kiểm tra.', revision: leaf.revision });
        expect(res.statusCode).toBe(200);
        expect(res.json().proposedPoints).toBe(expected);
      }
      expect((await leafOf('1.3.3')).proposedPoints).toBe('0.33');
      // Points the proportional rule cannot give (more decimals than the rubric keeps) are refused.
      const leaf = await leafOf('1.3.2');
      const odd = await api(appraisers[0], 'PUT', `${leafUrl('1.3.2')}/proposal`, { points: '0.333', reason: 'Thử', revision: leaf.revision });
      expect(odd.statusCode).toBe(400);
      expect(odd.json().error.message).toContain('Tiêu chí 1.3.2 chỉ nhận bội số của 0,01 từ 0 đến 1 điểm');
    });

    it('accepts many without touching a leaf that already has a proposal, and says how many it skipped', async () => {
      const items = (await queueOf(appraisers[0])).filter((i) => i.selfPoints !== null && i.proposedPoints === null && i.allowed.kind === 'values').slice(0, 3);
      const [first] = items;
      const other = first.allowed.values!.find((v) => v !== first.selfPoints)!;
      expect((await api(appraisers[0], 'PUT', `${leafUrl(first.leafCode)}/proposal`, { points: other, reason: 'Khác điểm tự chấm.', revision: first.revision })).statusCode).toBe(200);
      const res = await api(appraisers[0], 'POST', `/api/work/cycles/${cycleId}/appraisal/accept`, { items: items.map((i) => ({ unitId, leafCode: i.leafCode, revision: i.revision })) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ accepted: 2, skipped: 1, skippedLeaves: [expect.objectContaining({ leafCode: first.leafCode })] });
      expect((await leafOf(first.leafCode)).proposedPoints).toBe(other);
    });

    it('sends the explanation only when every assigned leaf has a proposal, or after the appraisal deadline', async () => {
      const waiting = await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/explanation/submit`);
      expect(waiting.statusCode).toBe(409);
      const message = waiting.json().error.message as string;
      const missing = (await queueOf(appraisers[0])).concat(await queueOf(appraisers[1])).filter((i) => i.proposedPoints === null);
      expect(message).toContain(`còn ${missing.length} tiêu chí được phân công thẩm định chưa có điểm đề xuất`);
      expect(message).toContain(missing[0].leafCode);

      // Every assigned leaf of the other department proposed: its head may send.
      await proposeAll(otherId);
      expect((await api(otherHead, 'POST', `/api/work/cycles/${cycleId}/units/${otherId}/explanation/submit`)).statusCode).toBe(200);

      // After the appraisal deadline Sở Tư pháp may send, and its unproposed leaves go to the council.
      expect(await councilItems()).toEqual([]);
      expect((await deadlines({ appraisal: PAST })).statusCode).toBe(200);
      expect((await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/explanation/submit`)).statusCode).toBe(200);
      const items = (await councilItems()).filter((i) => i.unitId === unitId);
      expect(items.map((i) => i.leafCode).sort()).toEqual(missing.map((i) => i.leafCode).sort());
      expect(items.every((i) => i.kind === 'unproposed' && i.proposedPoints === null)).toBe(true);
      expect((await councilItems()).some((i) => i.unitId === otherId)).toBe(false);
    });

    it('takes council decisions only as the rule allows, and keeps the final points the same on the sheet, in the plan and in the results', async () => {
      expect((await deadlines({})).statusCode).toBe(200);
      expect((await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/status`, { to: 'council', override: OVERRIDE })).statusCode).toBe(200);
      const all = await councilItems();
      const mine = all.filter((i) => i.unitId === unitId);
      const levels = mine.find((i) => i.allowed.kind === 'values' && i.allowed.values!.length >= 3)!;
      const bad = await api(member, 'PUT', `${leafUrl(levels.leafCode)}/council`, { points: '0.3', reason: 'Thử', revision: levels.revision });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain(`Tiêu chí ${levels.leafCode} chỉ nhận ${levels.allowed.values!.map((v) => v.replace('.', ',')).join('; ')} điểm`);
      const decidedTo = levels.allowed.values![1];
      expect((await api(member, 'PUT', `${leafUrl(levels.leafCode)}/council`, { points: decidedTo, reason: 'Hội đồng xem xét tài liệu.', revision: levels.revision })).json().councilPoints).toBe(decidedTo);
      const ratio = mine.find((i) => i.rule.type === 'proportional');
      expect(ratio).toBeDefined();
      if (ratio) {
        // Required evidence the unit never linked gives 0, as it would for the unit.
        const expected = toExact(evaluateLeaf(rubric.leafByCode.get(ratio.leafCode)!, { numerator: 7, denominator: 9, hasEvidence: ratio.inputs?.hasEvidence }, settings).points);
        const res = await api(member, 'PUT', `${leafUrl(ratio.leafCode)}/council`, { inputs: { numerator: 7, denominator: 9 }, reason: 'Theo số liệu Hội đồng kiểm tra.', revision: ratio.revision });
        expect(res.statusCode).toBe(200);
        expect(res.json().councilPoints).toBe(expected);
      }

      // Before approval the plan already shows the figure the stages give (a proposal above the self score counts).
      const proposedLeaf = (await sheetOf()).leaves.find((l) => l.code === '1.1.1')!;
      const plan = await new RemediationService(getDb()).view(cycleId, unitId);
      expect(plan.basis).toBe('scores');
      const inPlan = plan.lostLeaves.find((l) => l.code === '1.1.1');
      expect(inPlan?.points).toBe(chosen);
      expect(proposedLeaf.proposedPoints).toBe(chosen);

      // The rest in one go (kept at the unit's score, or the lowest figure where it gave none), then approval.
      const left = (await councilItems()).filter((i) => i.councilPoints === null);
      const many = await api(member, 'POST', `/api/work/cycles/${cycleId}/council/decisions`, {
        items: left.map((i) => ({ unitId: i.unitId, leafCode: i.leafCode, revision: i.revision, points: i.selfPoints === null ? (i.allowed.kind === 'values' ? i.allowed.values![0] : '0') : null })),
        reason: 'Hội đồng xem xét: giữ điểm tự chấm của các tiêu chí chưa được thẩm định.',
      });
      expect(many.statusCode).toBe(200);
      const approved = await api(chair, 'POST', `/api/work/cycles/${cycleId}/approve`);
      expect(approved.statusCode).toBe(200);

      const sheet = await sheetOf();
      const results = (await repositories(getDb()).results.listUnitResults(cycleId)).find((r) => r.unitId === unitId)!;
      const computed = new Map(((results.components as { leaves: { code: string; points: string }[] }).leaves ?? []).map((l) => [l.code, l.points]));
      const after = await new RemediationService(getDb()).view(cycleId, unitId);
      const planned = new Map(after.lostLeaves.map((l) => [l.code, l.points]));
      for (const code of ['1.1.1', levels.leafCode, ...(ratio ? [ratio.leafCode] : [])]) {
        const leaf = sheet.leaves.find((l) => l.code === code)!;
        expect(leaf.finalPoints).not.toBeNull();
        expect(computed.get(code)).toBe(toExact(dec(leaf.finalPoints!)));
        if (planned.has(code)) expect(planned.get(code)).toBe(computed.get(code));
      }
      expect(sheet.leaves.find((l) => l.code === levels.leafCode)!.finalPoints).toBe(decidedTo);
      expect(sheet.leaves.find((l) => l.code === '1.1.1')!.finalPoints).toBe(chosen);
      expect(planned.get('1.1.1')).toBe(chosen);
    }, 240_000);
  },
  { truncateEach: false },
);
