/**
 * The answers of one filled-in form (phiếu trả lời) and what makes one unstorable: checked the same
 * way on every path in (public form, paper entry, file import, the services' own callers), so a
 * bad answer refuses its own form only, naming the question.
 */
import { z } from 'zod';
import { textProblem } from './text.ts';

/**
 * Limits of one filled-in form, the same on every path in (public form, paper entry, file import):
 * the longest answer to an open question (the public form's text box stops there too), the
 * longest option or question code, options chosen in one question, answers in one form.
 */
export const SurveyAnswerLimits = { textChars: 2000, codeChars: 60, options: 100, answers: 300 } as const;

/** 2000 → "2.000", as a Vietnamese reader writes it. */
const vi = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * Why the answer to question `code` cannot be stored, in Vietnamese and naming the question;
 * undefined when it can. Text must be storable (no NUL, no lone surrogate: text.ts) and not too long.
 */
export function surveyAnswerProblem(code: string, answer: unknown): string | undefined {
  const L = SurveyAnswerLimits;
  const codeProblem = textProblem(code);
  if (codeProblem) return `Mã câu hỏi ${codeProblem}.`;
  if (code.length > L.codeChars) return `Mã câu hỏi "${code.slice(0, L.codeChars)}…" dài quá ${L.codeChars} ký tự.`;
  if (typeof answer === 'string') {
    const problem = textProblem(answer);
    if (problem) return `Câu ${code}: câu trả lời ${problem}.`;
    if (answer.length > L.textChars) return `Câu ${code}: câu trả lời dài ${vi(answer.length)} ký tự; tối đa ${vi(L.textChars)} ký tự.`;
    return undefined;
  }
  if (Array.isArray(answer)) {
    if (answer.length > L.options) return `Câu ${code}: chọn ${answer.length} phương án; tối đa ${L.options}.`;
    for (const option of answer) {
      if (typeof option !== 'string') return `Câu ${code}: mỗi phương án chọn phải là một mã phương án.`;
      const problem = textProblem(option);
      if (problem) return `Câu ${code}: mã phương án ${problem}.`;
      if (option.length > L.codeChars) return `Câu ${code}: mã phương án dài quá ${L.codeChars} ký tự.`;
    }
    return undefined;
  }
  return `Câu ${code}: câu trả lời phải là văn bản, một mã phương án hoặc danh sách mã phương án.`;
}

/** Every answer of a form that cannot be stored: `field` is the question's code ("answers" for the form as a whole or a bad code). */
export function surveyAnswersProblems(answers: Record<string, unknown>): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const count = Object.keys(answers).length;
  if (count > SurveyAnswerLimits.answers) out.push({ field: 'answers', message: `Phiếu có ${count} câu trả lời; tối đa ${SurveyAnswerLimits.answers}.` });
  for (const [code, answer] of Object.entries(answers)) {
    const message = surveyAnswerProblem(code, answer);
    if (message) out.push({ field: textProblem(code) || code.length > SurveyAnswerLimits.codeChars ? 'answers' : code, message });
  }
  return out;
}

/** An answer: one option code (single, scale), option codes (multiple), or the text typed. */
export const SurveyAnswer = z.union([z.string(), z.array(z.string())], { error: 'Câu trả lời phải là văn bản, một mã phương án hoặc danh sách mã phương án.' });
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/**
 * The answers of one form by question code, each checked by `surveyAnswerProblem`: a bad answer
 * is refused naming its question, and refuses this form only.
 */
export const SurveyAnswers = z.record(z.string(), SurveyAnswer).superRefine((answers, ctx) => {
  for (const p of surveyAnswersProblems(answers)) ctx.addIssue({ code: 'custom', path: p.field === 'answers' ? [] : [p.field], message: p.message });
});
