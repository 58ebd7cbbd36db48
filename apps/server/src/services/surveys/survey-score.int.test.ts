/**
 * Survey scoring into the leaf scores (PGlite and PostgreSQL): a unit below a leaf's minimum of
 * answers under the `not_applicable` fallback loses that leaf from its maximum (flagged, with the
 * reason kept for the score panel and the unit's sheet) — and an earlier score on the row does not
 * linger; more answers and a re-score bring the points back.
 */
import type { QuestionnaireInput, RubricDocument } from '@parindex/contracts';
import { expect, it } from 'vitest';
import type { SessionUser } from '../../auth/auth.service.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { repositories } from '../repositories.ts';
import { ResultsService } from '../results.service.ts';
import { AssessmentService } from '../workflow/assessment.service.ts';
import { SurveyService } from './survey.service.ts';

const rubric: RubricDocument = {
  code: 'KS-TEST',
  name: 'Bộ chỉ số thử chấm điểm khảo sát',
  year: 2026,
  unitKinds: ['department'],
  settings: { bands: [{ label: 'Tốt', min: '80' }, { label: 'Khá', min: '0' }], ties: { mode: 'shared' }, pointDecimals: 3, evidencePolicy: 'zero' },
  peerGroups: [{ code: 'SO', name: 'Sở, ban, ngành' }],
  fields: [
    { code: '1', title: 'Thẩm định', max: '60', children: [{ code: '1.1', title: 'Kế hoạch', max: '60', source: 'appraised', rule: { type: 'manual' } }] },
    {
      code: '2', title: 'Điều tra xã hội học', max: '40',
      children: [
        { code: '2.1', title: 'Đánh giá của công chức', max: '30', source: 'survey', rule: { type: 'survey' } },
        { code: '2.2', title: 'Đánh giá chung', max: '10', source: 'survey', rule: { type: 'survey' } },
      ],
    },
  ],
};

const ABCD = [{ code: 'A', label: 'Rất tốt', weight: '100' }, { code: 'B', label: 'Tốt', weight: '60' }, { code: 'C', label: 'Chưa tốt', weight: '20' }, { code: 'D', label: 'Kém', weight: '0' }];
const questionnaire: QuestionnaireInput = {
  code: 'KS-TEST-2026',
  year: 2026,
  title: 'Phiếu thử',
  kind: 'par',
  respondentGroups: [{ code: 'cong_chuc', name: 'Công chức' }],
  sections: [{ code: 'I', title: 'Phần I' }],
  questions: [
    { code: 'Q1', section: 'I', text: 'Câu 1', type: 'single', options: ABCD, scoring: { leafCode: '2.1', evaluatedUnit: 'dealt_with' } },
    { code: 'Q2', section: 'I', text: 'Câu 2', type: 'single', options: ABCD, scoring: { leafCode: '2.2', evaluatedUnit: 'dealt_with' } },
  ],
  leafScoring: [
    { leafCode: '2.1', formula: { type: 'mean_weight' }, minAnswers: 3, fallback: 'not_applicable' },
    { leafCode: '2.2', formula: { type: 'mean_weight' }, minAnswers: 1, fallback: 'not_applicable' },
  ],
};
const actor: SessionUser = { id: 'u-secretariat', username: 'sonoivu', fullName: 'Cán bộ Sở Nội vụ', email: null, role: 'secretariat', unitId: null, unitName: null };
/** Forms numbered by the caller (two identical forms without a number would be one). */
const csv = (rows: [string, string, string, string][]) => Buffer.from(['Mã phiếu,Nhóm đối tượng,Đơn vị được đánh giá,Q1,Q2', ...rows.map(([no, ...r]) => [no, 'cong_chuc', ...r].join(','))].join('\n'));

describeEachDatabase('survey scores in the leaf scores', (getDb) => {
  it('a unit below the minimum loses the leaf from its maximum, flagged; more answers bring the points back', async () => {
    const db = getDb();
    const repos = repositories(db);
    const [s1, s2] = await repos.units.upsertByCode([{ code: 'S1', name: 'Sở Một', kind: 'department' }, { code: 'S2', name: 'Sở Hai', kind: 'department' }]);
    const version = await repos.rubrics.insertVersion(rubric);
    const cycle = await repos.cycles.create({ year: 2026, name: 'Kỳ thử 2026', source: 'assessed', status: 'open', rubricVersionId: version.id });
    await repos.cycles.setCycleUnits(cycle.id, [{ unitId: s1.id, peerGroup: 'SO' }, { unitId: s2.id, peerGroup: 'SO' }]);
    // 1.1 appraised at 45 for both; S2 carries an old survey score on 2.1 from an earlier run.
    await repos.scores.upsertLeafScores(cycle.id, [
      { unitId: s1.id, leafCode: '1.1', inputs: { points: '45' }, points: null },
      { unitId: s2.id, leafCode: '1.1', inputs: { points: '45' }, points: null },
      { unitId: s2.id, leafCode: '2.1', inputs: {}, points: '25' },
    ]);
    const surveys = new SurveyService(db);
    const q = await surveys.create(actor, cycle.id, questionnaire);
    const imported = await surveys.importFile(actor, q.id, csv([['P1', 'S1', 'A', 'A'], ['P2', 'S1', 'B', 'B'], ['P3', 'S1', 'C', 'A'], ['P4', 'S2', 'A', 'B'], ['P5', 'S2', 'A', 'B']]));
    expect(imported).toMatchObject({ stored: 5, rejected: [] });

    const results = new ResultsService(db);
    const unitRow = async (unitId: string) => (await repos.results.listUnitResults(cycle.id)).find((r) => r.unitId === unitId)!;

    const first = await surveys.score(actor, cycle.id);
    const leafOf = (d: typeof first, unit: string, leaf: string) => d.leaves.find((l) => l.unitCode === unit && l.leafCode === leaf)!;
    expect(leafOf(first, 'S1', '2.1')).toMatchObject({ n: 3, points: '18', applicable: true, flagged: false });
    expect(leafOf(first, 'S2', '2.1')).toMatchObject({ n: 2, points: null, applicable: false, flagged: true, fallback: 'not_applicable' });
    expect(leafOf(first, 'S2', '2.1').reason).toContain('tối thiểu 3');
    expect(first.responses).toEqual({ total: 5, excluded: 0, otherQuestionnaire: 0 });

    await results.compute(cycle.id);
    expect((await unitRow(s1.id)).maxPoints).toBe('100');
    const s2Row = await unitRow(s2.id);
    expect(s2Row.maxPoints).toBe('70'); // 100 − 2.1's maximum of 30
    expect(s2Row.survey).toBe('6'); // 2.2 only: 10 × 60%; the old 25 on 2.1 is gone
    expect(s2Row.total).toBe('51');

    // After a reload: the read endpoint's figures, and the unit's sheet, still say why.
    const stored = await surveys.scores(cycle.id);
    expect(stored.scoredBy).toBe(actor.fullName);
    expect(stored.responses?.total).toBe(5);
    expect(leafOf(stored, 'S2', '2.1')).toEqual(leafOf(first, 'S2', '2.1'));
    const s1Leaf = leafOf(stored, 'S1', '2.1');
    expect(s1Leaf.ciLow !== null && Number(s1Leaf.ciLow) < 18 && Number(s1Leaf.ciHigh) > 18).toBe(true);
    expect(stored.units.find((u) => u.unitCode === 'S2')).toMatchObject({ points: '6', max: '10', answers: 4, flaggedLeaves: 1, notApplicableLeaves: 1 });
    const sheet = await new AssessmentService(db).sheet(cycle.id, s2.id);
    const sheetLeaf = sheet.leaves.find((l) => l.code === '2.1')!;
    expect(sheetLeaf.finalPoints).toBeNull();
    expect(sheetLeaf.inputs).toMatchObject({ notApplicable: true, survey: { n: 2, flagged: true } });
    expect(sheetLeaf.inputs?.reason).toContain('tối thiểu 3');

    // One more answer about S2 and a re-score: 2.1 counts again, on the full scale.
    await surveys.importFile(actor, q.id, csv([['P6', 'S2', 'A', 'B']]));
    const second = await surveys.score(actor, cycle.id);
    expect(leafOf(second, 'S2', '2.1')).toMatchObject({ n: 3, points: '30', applicable: true, flagged: false, reason: null });
    await results.compute(cycle.id);
    const restored = await unitRow(s2.id);
    expect([restored.maxPoints, restored.survey, restored.total]).toEqual(['100', '36', '81']);
    expect((await new AssessmentService(db).sheet(cycle.id, s2.id)).leaves.find((l) => l.code === '2.1')!.inputs?.notApplicable).toBeUndefined();
  });
});
