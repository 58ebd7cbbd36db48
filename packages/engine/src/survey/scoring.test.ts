import { describe, expect, it } from 'vitest';
import { Decimal, dec, toExact } from '../decimal.ts';
import { scoreSurveyLeaves, type SurveyLeafScore } from './scoring.ts';
import { parQuestionnaire, response } from './test-questionnaires.ts';

const q = parQuestionnaire();
const leafMax = { '8.6.1': '2', '8.6.2': '1.5', '8.7.1': '1.5' };
const unitCodes = ['U1', 'U2', 'U3', 'U4'];
const unitGroups = { U1: 'departments', U2: 'departments', U3: 'departments', U4: 'communes' };
const r = (unit: string, group: string, answers: Record<string, string>) => response('PAR-T', unit, group, answers);

/*
 * U1: Q1 = A, B, C, E(không biết) → weights 1; 0,6; 0,2 → mean 0,6 → 2 × 0,6 = 1,2.
 *     Q2 (leaders only) = A, C → share ≥ 60% = 1/2 → 0,75; a deputy's Q2 answer is not counted.
 * U2: Q1 = A, A, B, B, D, A → mean 4,2/6 = 0,7 → 1,4.  Q2 = B, B, D → 2/3 → 1,5 × 2/3 = 1 exactly.
 * U3: Q1 = B only (< 3) → mean of U1, U2 in its group = 0,65 → 1,3, flagged.  Q2 = A only (< 2) → 0, flagged.
 * U4: no Q1 answer and no department-group peer in "communes" → not applicable, flagged.
 * Q3 names U4: A, D from forms about any unit → 0,5 → 0,75 for U4; the others have none → not applicable (default).
 */
const responses = [
  r('U1', 'dai_bieu', { Q1: 'A', Q2: 'A', Q3: 'A' }),
  r('U1', 'lanh_dao', { Q1: 'B', Q2: 'A' }),
  r('U1', 'lanh_dao', { Q1: 'C', Q2: 'C' }),
  r('U1', 'dai_bieu', { Q1: 'E', Q4: 'Không' }),
  r('U2', 'dai_bieu', { Q1: 'A' }),
  r('U2', 'dai_bieu', { Q1: 'A', Q3: 'D' }),
  r('U2', 'lanh_dao', { Q1: 'B', Q2: 'B' }),
  r('U2', 'lanh_dao', { Q1: 'B', Q2: 'B' }),
  r('U2', 'lanh_dao', { Q1: 'D', Q2: 'D' }),
  r('U2', 'dai_bieu', { Q1: 'A' }),
  r('U3', 'lanh_dao', { Q1: 'B', Q2: 'A' }),
];

function find(scores: SurveyLeafScore[], unit: string, leaf: string): SurveyLeafScore {
  return scores.find((s) => s.unitCode === unit && s.leafCode === leaf)!;
}

describe('scoreSurveyLeaves', () => {
  const result = scoreSurveyLeaves(q, responses, { leafMax, unitCodes, unitGroups });
  const at = (unit: string, leaf: string) => find(result.leaves, unit, leaf);

  it('points = max × mean weight of the valid answers ("không biết" is not one)', () => {
    expect(at('U1', '8.6.1')).toMatchObject({ n: 3, applicable: true, flagged: false });
    expect(toExact(at('U1', '8.6.1').meanWeight!)).toBe('0.6');
    expect(toExact(at('U1', '8.6.1').points)).toBe('1.2');
    expect(toExact(at('U2', '8.6.1').points)).toBe('1.4');
  });

  it('95% interval = mean ± t(n−1) · s/√n, clipped to [0, max]', () => {
    // U2: values 1, 1, .6, .6, 0, 1: Σ = 4,2, Σv² = 3,72, s² = (3,72 − 4,2²/6)/5 = 0,156, t(5) = 2,571.
    const half = dec('2.571').times(dec('0.156').dividedBy(6).sqrt());
    const ci = at('U2', '8.6.1').ci!;
    expect(toExact(ci.low)).toBe(toExact(dec('0.7').minus(half).times(2)));
    expect(toExact(ci.high)).toBe('2');
    expect(ci.low.toFixed(4)).toBe('0.5709');
    // A single answer has no interval.
    expect(at('U3', '8.6.2').ci).toBeUndefined();
  });

  it('share at or above the threshold, counting only the groups asked; exact thirds', () => {
    expect(at('U1', '8.6.2')).toMatchObject({ n: 2, flagged: false });
    expect(toExact(at('U1', '8.6.2').points)).toBe('0.75');
    expect(toExact(at('U2', '8.6.2').points)).toBe('1');
    expect(toExact(at('U2', '8.6.2').ratio!.times(3))).toBe('2');
  });

  it('below the minimum: group mean of the peers with enough answers, flagged with the reason', () => {
    const u3 = at('U3', '8.6.1');
    expect(u3).toMatchObject({ n: 1, flagged: true, fallback: 'group_mean', applicable: true });
    expect(toExact(u3.points)).toBe('1.3');
    expect(u3.reason).toBe('Chỉ có 1 câu trả lời hợp lệ về đơn vị (tối thiểu 3): lấy bình quân của 2 đơn vị cùng nhóm đủ số câu trả lời (65% điểm tối đa).');
    expect(u3.ci).toBeUndefined();
    const u4 = at('U4', '8.6.1');
    expect(u4).toMatchObject({ n: 0, flagged: true, applicable: false });
    expect(u4.reason).toContain('không có đơn vị cùng nhóm nào đủ số câu trả lời');
  });

  it('below the minimum with the zero fallback scores 0; the not-applicable default drops the leaf', () => {
    expect(at('U3', '8.6.2')).toMatchObject({ n: 1, flagged: true, fallback: 'zero', applicable: true });
    expect(at('U3', '8.6.2').points.isZero()).toBe(true);
    expect(at('U3', '8.6.2').reason).toBe('Chỉ có 1 câu trả lời hợp lệ về đơn vị (tối thiểu 2): chấm 0 điểm.');
    expect(at('U1', '8.7.1')).toMatchObject({ n: 0, applicable: false, flagged: true, fallback: 'not_applicable' });
  });

  it('a question naming a unit rates that unit whatever the form is about', () => {
    expect(at('U4', '8.7.1')).toMatchObject({ n: 2, flagged: false });
    expect(toExact(at('U4', '8.7.1').points)).toBe('0.75');
  });

  it('unit totals add the applicable leaves, with the conservative interval', () => {
    const u2 = result.units.find((u) => u.unitCode === 'U2')!;
    expect(toExact(u2.points)).toBe('2.4');
    expect(toExact(u2.max)).toBe('3.5'); // 8.7.1 not applicable to U2
    expect(u2.ciComplete).toBe(true);
    const leaves = [at('U2', '8.6.1'), at('U2', '8.6.2')];
    expect(toExact(u2.ci!.low)).toBe(toExact(leaves[0].ci!.low.plus(leaves[1].ci!.low)));
    const u4 = result.units.find((u) => u.unitCode === 'U4')!;
    expect(toExact(u4.points)).toBe('0.75');
    expect(toExact(u4.max)).toBe('3');
    expect(u4.flaggedLeaves).toBe(2); // 8.6.1 not applicable, 8.6.2 zero
  });

  it('an excluded response counts as absent; other questionnaires and unknown units are ignored', () => {
    const extra = [response('OTHER', 'U1', 'lanh_dao', { Q1: 'D' }), r('U9', 'lanh_dao', { Q1: 'D' })];
    const withExtra = scoreSurveyLeaves(q, [...responses, ...extra], { leafMax, unitCodes, unitGroups, excludedIds: [responses[0].id] });
    expect(withExtra.responses).toEqual({ total: 13, excluded: 1, otherQuestionnaire: 1 });
    const u1 = find(withExtra.leaves, 'U1', '8.6.1');
    expect(u1).toMatchObject({ n: 2, flagged: true, fallback: 'group_mean' }); // B, C: now below 3 → U2's 0,7
    expect(toExact(u1.points)).toBe('1.4');
    expect(find(withExtra.leaves, 'U4', '8.7.1').n).toBe(1);
  });

  it('honours applicability and caller overrides of the leaf settings', () => {
    const res = scoreSurveyLeaves(q, responses, {
      leafMax, unitCodes, unitGroups,
      applies: (unit, leaf) => !(unit === 'U1' && leaf === '8.6.2'),
      leafScoring: [{ leafCode: '8.6.1', formula: { type: 'share_at_least', threshold: '100' }, minAnswers: 1, fallback: 'full' }],
    });
    expect(find(res.leaves, 'U1', '8.6.2')).toMatchObject({ applicable: false, flagged: false, reason: 'Tiêu chí không áp dụng cho đơn vị.' });
    expect(toExact(find(res.leaves, 'U2', '8.6.1').points)).toBe('1'); // 3 A of 6 → 2 × 1/2
    expect(find(res.leaves, 'U4', '8.6.1')).toMatchObject({ flagged: true, fallback: 'full' });
    expect(toExact(find(res.leaves, 'U4', '8.6.1').points)).toBe('2');
  });

  it('reports linked leaves missing from the rubric instead of scoring them', () => {
    const res = scoreSurveyLeaves(q, responses, { leafMax: { '8.6.1': '2' }, unitCodes });
    expect(res.unknownLeaves).toEqual(['8.6.2', '8.7.1']);
    expect(res.leaves.every((l) => l.leafCode === '8.6.1')).toBe(true);
  });

  it('a leaf without any question falls back for every unit', () => {
    const res = scoreSurveyLeaves(q, responses, { leafMax: { '8.8.1': '2.5' }, unitCodes: ['U1'] });
    expect(res.leaves[0]).toMatchObject({ n: 0, applicable: false, flagged: true });
    expect(res.leaves[0].max).toEqual(new Decimal('2.5'));
  });

  it('refuses two questionnaires that configure the same leaf differently', () => {
    const other = { ...parQuestionnaire(), code: 'PAR-2', leafScoring: [{ leafCode: '8.6.1', formula: { type: 'mean_weight' as const }, minAnswers: 5, fallback: 'zero' as const }] };
    expect(() => scoreSurveyLeaves([q, other], responses, { leafMax, unitCodes })).toThrow(/8\.6\.1.*PAR-T.*PAR-2/);
  });
});
