import { describe, expect, it } from 'vitest';
import { checkResponseQuality, responseDuration } from './quality.ts';
import { response, sipasQuestionnaire } from './test-questionnaires.ts';

const q = sipasQuestionnaire();
const six = { tc1: '4', tc2: '4', tt1: '4', cc1: '4', kq1: '4', pa1: '4' };
const varied = { tc1: '4', tc2: '5', tt1: '3', cc1: '4', kq1: '4', pa1: '5' };
const at = (minute: number) => `2025-11-03T08:${String(minute).padStart(2, '0')}:00+07:00`;

describe('checkResponseQuality', () => {
  it('flags a form id sent twice, keeping the first', () => {
    const a = response('SIPAS-T', 'X', 'nguoi_dan', varied);
    const flags = checkResponseQuality(q, [a, { ...a }]);
    expect(flags).toEqual([expect.objectContaining({ position: 1, kind: 'duplicate_id', duplicateOf: a.id })]);
    expect(flags[0].message).toContain('gửi hai lần');
  });

  it('flags identical answers about the same unit within the window, not outside it or about another unit', () => {
    const forms = [
      response('SIPAS-T', 'X', 'nguoi_dan', varied, { submittedAt: at(0) }),
      response('SIPAS-T', 'X', 'nguoi_dan', { ...varied }, { submittedAt: at(5) }),
      response('SIPAS-T', 'X', 'nguoi_dan', { ...varied }, { submittedAt: at(30) }),
      response('SIPAS-T', 'Y', 'nguoi_dan', { ...varied }, { submittedAt: at(1) }),
      response('SIPAS-T', 'X', 'nguoi_dan', { ...varied }),
    ];
    const flags = checkResponseQuality(q, forms, { duplicateWindowSeconds: 600 });
    expect(flags.map((f) => [f.position, f.kind, f.duplicateOf])).toEqual([[1, 'duplicate_answers', forms[0].id]]);
    expect(flags[0].message).toContain('cách nhau 300 giây');
  });

  it('flags straight-lining over at least k rated questions', () => {
    const same = response('SIPAS-T', 'X', 'nguoi_dan', six);
    expect(checkResponseQuality(q, [same], { straightLiningMinItems: 6 }).map((f) => f.kind)).toEqual(['straight_lining']);
    expect(checkResponseQuality(q, [same], { straightLiningMinItems: 7 })).toEqual([]);
    expect(checkResponseQuality(q, [response('SIPAS-T', 'X', 'nguoi_dan', varied)], { straightLiningMinItems: 2 })).toEqual([]);
  });

  it('flags forms filled faster than the minimum per answered question', () => {
    const fast = response('SIPAS-T', 'X', 'nguoi_dan', varied, { durationSeconds: 11 });
    const ok = response('SIPAS-T', 'X', 'nguoi_dan', varied, { startedAt: at(0), submittedAt: at(1) });
    const flags = checkResponseQuality(q, [fast, ok], { minSecondsPerQuestion: 2 });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ position: 0, kind: 'too_fast' });
    expect(flags[0].message).toBe('Phiếu trả lời 6 câu trong 11 giây, dưới mức tối thiểu 12 giây (2 giây/câu).');
    expect(responseDuration(ok)).toBe(60);
  });
});
