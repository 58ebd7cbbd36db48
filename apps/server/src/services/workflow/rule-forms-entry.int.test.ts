/**
 * Issue 14, item 1, at entry and in the cycle's results, on the demo province: the 2026 cycle's
 * rubric is replaced by one whose leaves use the new forms (a ratio without a "Không phát sinh"
 * clause, pass/fail with "Không phát sinh: không tính", a tier table on a count, a deduction per
 * occurrence bound by a condition on another leaf). A zero denominator — or a "không phát sinh"
 * answer — on a rule without the clause is refused with the leaf named and nothing saved; the
 * allowed answers are scored by the engine and move the unit's maximum and total as worked out.
 */
import { RubricDocument, type RubricNode } from '@parindex/contracts';
import { dec } from '@parindex/engine';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONSOLE } from '../../auth/auth.service.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { repositories } from '../repositories.ts';
import { RubricService } from '../rubric.service.ts';
import { type Api, demoApp } from './testing.ts';

type Leaf = { code: string; revision: number; selfPoints: string | null };
type UnitResult = { unitId: string; total: string; max: string };

/** The demo rubric with the new forms on a few leaves of field 1 (codes and maxima unchanged). */
function withNewForms(doc: RubricDocument): RubricDocument {
  const next = structuredClone(doc);
  const node = (code: string): RubricNode => {
    const find = (nodes: RubricNode[]): RubricNode | undefined => nodes.map((n) => (n.code === code ? n : find(n.children ?? []))).find(Boolean);
    return find(next.fields)!;
  };
  const bands = node('1.1.2').rule!;
  if (bands.type !== 'ratio_bands') throw new Error('1.1.2 is the demo ratio-band leaf');
  delete bands.whenNone; // like Cà Mau 1.1.4: no clause
  node('1.1.3').rule = { type: 'binary', whenNone: 'not_applicable' };
  node('1.2.2').rule = { type: 'count_tiers', countLabel: 'báo cáo đạt yêu cầu', tiers: [{ count: 4, orMore: true, points: '0.5' }, { count: 3, points: '0.25' }, { count: 2, points: '0.125' }, { count: 0, points: '0' }] };
  node('1.3.3').rule = { type: 'count_deduction', countLabel: 'kiến nghị sau kiểm tra chưa xử lý', perItem: '0.125', floor: '0' };
  node('1.3.3').conditions = [{ leaf: '1.3.1', op: 'below', value: '0.5', then: 'not_applicable' }];
  return next;
}

describeEachDatabase(
  'new rule forms at entry',
  (getDb, kind) => {
    let app: FastifyInstance;
    let api: Api;
    let cycleId: string, unitId: string;
    let officer: TestSession, secretariat: TestSession;
    const leafUrl = (code: string) => `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${code}`;
    const leafOf = async (code: string): Promise<Leaf> =>
      ((await api(officer, 'GET', `/api/work/cycles/${cycleId}/units/${unitId}/sheet`)).json().leaves as Leaf[]).find((l) => l.code === code)!;
    const save = async (code: string, inputs: object) => api(officer, 'PUT', `${leafUrl(code)}/self`, { inputs, revision: (await leafOf(code)).revision });
    const result = async (): Promise<UnitResult> => {
      expect((await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/compute`)).statusCode).toBe(200);
      const groups = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/results`)).json().groups as { units: UnitResult[] }[];
      return groups.flatMap((g) => g.units).find((u) => u.unitId === unitId)!;
    };

    beforeAll(async () => {
      ({ app, api } = await demoApp(getDb(), kind));
      [officer, secretariat] = await Promise.all(['tuphap.daumoi', 'sonoivu'].map((u) => login(app, u)));
      cycleId = (await api(secretariat, 'GET', '/api/work/cycles')).json().find((c: { year: number }) => c.year === 2026).id;
      unitId = officer.user.unitId!;
      const r = repositories(getDb());
      const current = await r.rubrics.getVersion((await r.cycles.getById(cycleId)).rubricVersionId!);
      const replaced = await new RubricService(getDb()).replace(CONSOLE, cycleId, withNewForms(RubricDocument.parse(current.document)));
      expect(replaced.report.ruleChanged.map((c) => c.code)).toEqual(['1.1.2', '1.1.3', '1.2.2', '1.3.3']);
    }, 180_000);
    afterAll(() => app?.close());

    it('refuses a zero denominator on a ratio leaf without a "Không phát sinh" clause, naming the leaf, and saves nothing', async () => {
      const before = await leafOf('1.1.2');
      const res = await save('1.1.2', { numerator: 0, denominator: 0 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(
        'Tiêu chí 1.1.2: "Tổng số nhiệm vụ" bằng 0 (không phát sinh), nhưng phương pháp chấm điểm của tiêu chí không quy định trường hợp "Không phát sinh" nên không có điểm cho số liệu này; hãy kiểm tra lại số liệu.',
      );
      expect(await leafOf('1.1.2')).toMatchObject({ revision: before.revision, selfPoints: before.selfPoints });
      // The same for a "không phát sinh" answer on a rule without the clause.
      const none = await save('1.2.1', { noneOccurred: true });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.message).toContain('Tiêu chí 1.2.1: phương pháp chấm điểm của tiêu chí không có trường hợp "Không phát sinh"');
    });

    it('scores the new forms from the unit\'s inputs, and "không phát sinh: không tính" and a condition take leaves out of the maximum', async () => {
      for (const [code, inputs] of [['1.1.3', { met: true }], ['1.2.2', { count: 3 }], ['1.3.1', { met: true }], ['1.3.3', { count: 2 }]] as const)
        expect((await save(code, inputs)).statusCode).toBe(200);
      expect((await leafOf('1.2.2')).selfPoints).toBe('0.25'); // tier "3: 0,25"
      expect((await leafOf('1.3.3')).selfPoints).toBe('0.25'); // 0,5 − 2 × 0,125
      const first = await result();

      expect((await save('1.1.3', { noneOccurred: true })).statusCode).toBe(200);
      expect((await leafOf('1.1.3')).selfPoints).toBe('0');
      expect((await save('1.3.1', { met: false })).statusCode).toBe(200);
      const second = await result();
      // 1.1.3 (0,5) leaves the maximum by the unit's answer; 1.3.3 (0,5) by its condition on 1.3.1, now 0.
      expect(dec(first.max).minus(second.max).toFixed()).toBe('1');
      // Lost: 1.1.3's 0,5, 1.3.1's 0,5 and 1.3.3's 0,25.
      expect(dec(first.total).minus(second.total).toFixed()).toBe('1.25');
    }, 120_000);
  },
  { truncateEach: false },
);
