import type { Questionnaire, SurveyResponse } from '@parindex/contracts';
import { askedOf, indexQuestionnaire } from './questionnaire-index.ts';

/** A problem with a response, in Vietnamese; `field` is a question code or a response field. */
export interface ResponseProblem {
  field: string;
  message: string;
}

const blank = (a: unknown) => a === undefined || a === '' || (Array.isArray(a) && a.length === 0);

/**
 * Checks a response against its questionnaire: the respondent group exists, each answer belongs to
 * a question asked of that group and names its options (one for single/scale, distinct ones for
 * multiple, text for short answers), required questions are answered, a form that rates "the unit
 * dealt with" names that unit, and the times are in order.
 */
export function checkSurveyResponse(questionnaire: Questionnaire, r: Pick<SurveyResponse, 'questionnaireCode' | 'respondentGroup' | 'evaluatedUnitCode' | 'answers' | 'startedAt' | 'submittedAt'>): ResponseProblem[] {
  const idx = indexQuestionnaire(questionnaire);
  const problems: ResponseProblem[] = [];
  const say = (field: string, message: string) => problems.push({ field, message });
  if (r.questionnaireCode !== questionnaire.code) say('questionnaireCode', `phiếu trả lời thuộc phiếu "${r.questionnaireCode}", không phải "${questionnaire.code}".`);
  const groupKnown = idx.groups.has(r.respondentGroup);
  if (!groupKnown) say('respondentGroup', `nhóm đối tượng "${r.respondentGroup}" không có trong phiếu; các nhóm: ${[...idx.groups].join(', ')}.`);
  let needsUnit = false;
  for (const [code, a] of Object.entries(r.answers)) {
    if (blank(a)) continue;
    const iq = idx.questions.get(code);
    if (!iq) { say(code, `câu hỏi "${code}" không có trong phiếu.`); continue; }
    const q = iq.question;
    if (groupKnown && !askedOf(iq, r.respondentGroup)) { say(code, `câu ${code} không dành cho nhóm "${r.respondentGroup}".`); continue; }
    const codes = () => q.options.map((o) => o.code).join(', ');
    if (q.type === 'text') {
      if (typeof a !== 'string') say(code, `câu ${code} cần một câu trả lời ngắn, không phải danh sách phương án.`);
    } else if (q.type === 'multiple') {
      const list = typeof a === 'string' ? [a] : a;
      const bad = list.filter((c) => !iq.optionByCode.has(c));
      if (bad.length) say(code, `phương án "${bad.join('", "')}" không có trong câu ${code} (${codes()}).`);
      else if (list.length > 1 && new Set(list).size !== list.length) say(code, `câu ${code} chọn trùng phương án.`);
    } else if (typeof a !== 'string') {
      say(code, `câu ${code} chỉ được chọn một phương án.`);
    } else if (!iq.optionByCode.has(a)) {
      say(code, `phương án "${a}" không có trong câu ${code} (${codes()}).`);
    }
    if ((q.scoring?.evaluatedUnit === 'dealt_with') || q.sipas?.kind === 'satisfaction') needsUnit = true;
  }
  if (groupKnown) {
    for (const iq of idx.questions.values()) {
      if (iq.question.required && askedOf(iq, r.respondentGroup) && blank(r.answers[iq.question.code])) say(iq.question.code, `chưa trả lời câu bắt buộc ${iq.question.code}.`);
    }
  }
  if (needsUnit && !r.evaluatedUnitCode) say('evaluatedUnitCode', 'phiếu đánh giá đơn vị người trả lời đã giao dịch nhưng chưa ghi mã đơn vị.');
  if (r.startedAt && r.submittedAt && Date.parse(r.startedAt) > Date.parse(r.submittedAt)) say('submittedAt', 'thời điểm nộp phiếu trước thời điểm bắt đầu.');
  return problems;
}
