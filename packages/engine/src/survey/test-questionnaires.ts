import { Questionnaire, type QuestionnaireInput, type SurveyResponse } from '@parindex/contracts';

/** A–D with weights 100/60/20/0 and "Không biết" without weight (not a valid answer for scoring). */
export const ABCD = [
  { code: 'A', label: 'Rất tốt', weight: '100' },
  { code: 'B', label: 'Tốt', weight: '60' },
  { code: 'C', label: 'Chưa tốt', weight: '20' },
  { code: 'D', label: 'Kém', weight: '0' },
  { code: 'E', label: 'Không biết' },
];

/** A small PAR questionnaire: two groups; 8.6.1 by mean weight (≥ 3 answers, else group mean), 8.6.2 by share ≥ 60% (leaders only, ≥ 2, else 0), 8.7.1 about a named unit (defaults). */
export function parQuestionnaire(): Questionnaire {
  const input: QuestionnaireInput = {
    code: 'PAR-T', year: 2025, title: 'Phiếu thử', kind: 'par',
    respondentGroups: [{ code: 'dai_bieu', name: 'Đại biểu HĐND' }, { code: 'lanh_dao', name: 'Lãnh đạo sở' }],
    sections: [{ code: 'S', title: 'Đánh giá' }],
    questions: [
      { code: 'Q1', section: 'S', text: 'Chất lượng chỉ đạo, điều hành?', type: 'single', options: ABCD, scoring: { leafCode: '8.6.1', evaluatedUnit: 'dealt_with' } },
      { code: 'Q2', section: 'S', text: 'Chất lượng văn bản?', type: 'single', groups: ['lanh_dao'], options: ABCD, scoring: { leafCode: '8.6.2', evaluatedUnit: 'dealt_with' } },
      { code: 'Q3', section: 'S', text: 'Chất lượng tham mưu của U4?', type: 'single', options: ABCD, scoring: { leafCode: '8.7.1', evaluatedUnit: 'named', unitCode: 'U4' } },
      { code: 'Q4', section: 'S', text: 'Góp ý khác', type: 'text' },
    ],
    leafScoring: [
      { leafCode: '8.6.1', formula: { type: 'mean_weight' }, minAnswers: 3, fallback: 'group_mean' },
      { leafCode: '8.6.2', formula: { type: 'share_at_least', threshold: '60' }, minAnswers: 2, fallback: 'zero' },
    ],
  };
  return Questionnaire.parse(input);
}

const scale = (code: string, factor: string, extra: { code: string; label: string }[] = []) => ({
  code, section: 'B', text: `Câu ${code}`, type: 'scale' as const, sipas: { kind: 'satisfaction' as const, factor },
  options: [
    { code: '1', label: 'Rất không hài lòng', level: 1 }, { code: '2', label: 'Không hài lòng', level: 2 },
    { code: '3', label: 'Bình thường', level: 3 }, { code: '4', label: 'Hài lòng', level: 4 }, { code: '5', label: 'Rất hài lòng', level: 5 },
    ...extra,
  ],
});

/** A small SIPAS questionnaire: one or two items per default factor, an expectation and a profile question. */
export function sipasQuestionnaire(): Questionnaire {
  return Questionnaire.parse({
    code: 'SIPAS-T', year: 2025, title: 'Phiếu SIPAS thử', kind: 'sipas',
    respondentGroups: [{ code: 'nguoi_dan', name: 'Người dân, tổ chức' }],
    sections: [{ code: 'A', title: 'Thông tin' }, { code: 'B', title: 'Đánh giá' }, { code: 'C', title: 'Mong đợi' }],
    questions: [
      { code: 'gt', section: 'A', text: 'Giới tính', type: 'single', sipas: { kind: 'profile' }, options: [{ code: 'nam', label: 'Nam' }, { code: 'nu', label: 'Nữ' }] },
      scale('tc1', 'tiep_can', [{ code: '0', label: 'Không ý kiến' }]),
      scale('tc2', 'tiep_can'),
      scale('tt1', 'thu_tuc'),
      scale('cc1', 'cong_chuc'),
      scale('kq1', 'ket_qua'),
      scale('pa1', 'phan_anh'),
      { code: 'exp1', section: 'C', text: 'Cần cải thiện', type: 'multiple', sipas: { kind: 'expectation' }, options: [{ code: 'a', label: 'Rút ngắn thời gian' }, { code: 'b', label: 'Thái độ công chức' }, { code: 'c', label: 'Cơ sở vật chất' }] },
    ],
    sipas: {},
  } satisfies QuestionnaireInput);
}

let counter = 0;
/** A response with a fresh UUID-shaped id unless one is given. */
export function response(questionnaireCode: string, unit: string | undefined, group: string, answers: SurveyResponse['answers'], extra: Partial<SurveyResponse> = {}): SurveyResponse {
  counter++;
  const id = `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
  return { id, questionnaireCode, respondentGroup: group, ...(unit !== undefined && { evaluatedUnitCode: unit }), answers, channel: 'online', ...extra };
}
