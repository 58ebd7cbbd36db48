import { describe, expect, it } from 'vitest';
import { checkSurveyResponse } from './responses.ts';
import { parQuestionnaire, response, sipasQuestionnaire } from './test-questionnaires.ts';

describe('checkSurveyResponse', () => {
  const par = parQuestionnaire();
  it('accepts a valid form', () => {
    expect(checkSurveyResponse(par, response('PAR-T', 'U1', 'lanh_dao', { Q1: 'A', Q2: 'E', Q4: 'Không có' }))).toEqual([]);
  });
  it('names each problem: group, question, option, question not asked of the group, missing unit', () => {
    expect(checkSurveyResponse(par, response('PAR-T', 'U1', 'khach', { Q1: 'A' })).map((p) => p.field)).toEqual(['respondentGroup']);
    const problems = checkSurveyResponse(par, response('PAR-T', undefined, 'dai_bieu', { Q1: 'F', Q2: 'A', Q9: 'A', Q4: ['x'] }));
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['Q1', 'phương án "F" không có trong câu Q1 (A, B, C, D, E).'],
      ['Q2', 'câu Q2 không dành cho nhóm "dai_bieu".'],
      ['Q9', 'câu hỏi "Q9" không có trong phiếu.'],
      ['Q4', 'câu Q4 cần một câu trả lời ngắn, không phải danh sách phương án.'],
      ['evaluatedUnitCode', 'phiếu đánh giá đơn vị người trả lời đã giao dịch nhưng chưa ghi mã đơn vị.'],
    ]);
  });
  it('checks multiple choices, required questions and times', () => {
    const q = sipasQuestionnaire();
    q.questions[0].required = true;
    const problems = checkSurveyResponse(q, response('SIPAS-T', 'X', 'nguoi_dan', { exp1: ['a', 'a'], tc1: ['4'] }, {
      startedAt: '2025-11-03T09:00:00+07:00', submittedAt: '2025-11-03T08:00:00+07:00',
    }));
    expect(problems.map((p) => p.field)).toEqual(['exp1', 'tc1', 'gt', 'submittedAt']);
  });
});
