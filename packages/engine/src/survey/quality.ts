import { SurveyQualitySettings, type Questionnaire, type SurveyQualitySettingsInput, type SurveyResponse } from '@parindex/contracts';
import { indexQuestionnaire, type QuestionnaireIndex } from './questionnaire-index.ts';

/** duplicate_id: the same form id twice; duplicate_answers: the same answers about the same unit at nearly the same time. */
export type QualityFlagKind = 'duplicate_id' | 'duplicate_answers' | 'straight_lining' | 'too_fast';

/** A reason to review a response, in Vietnamese. Flags never exclude anything by themselves. */
export interface QualityFlag {
  responseId: string;
  /** Position of the response in the list given (ids may repeat). */
  position: number;
  kind: QualityFlagKind;
  message: string;
  /** For duplicates: the response kept as the original. */
  duplicateOf?: string;
}

const seconds = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso) / 1000);

/** Time spent on a form: durationSeconds, else submittedAt − startedAt; undefined when unknown. */
export function responseDuration(r: SurveyResponse): number | undefined {
  if (r.durationSeconds !== undefined) return r.durationSeconds;
  const a = seconds(r.startedAt), b = seconds(r.submittedAt);
  return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) ? b - a : undefined;
}

const answered = (a: unknown) => a !== undefined && a !== '' && !(Array.isArray(a) && a.length === 0);

/** The answers as one canonical text (keys sorted, multiple choices sorted), to compare forms. */
function answersKey(r: SurveyResponse): string {
  const keys = Object.keys(r.answers).filter((k) => answered(r.answers[k])).sort();
  return JSON.stringify(keys.map((k) => {
    const a = r.answers[k];
    return [k, Array.isArray(a) ? [...a].sort() : a];
  }));
}

/**
 * Flags responses to review (kiểm tra chất lượng phiếu):
 * - duplicate_id: a form id seen earlier in the list;
 * - duplicate_answers: identical answers, group and evaluated unit, submitted within the window of
 *   an earlier one (forms without a submission time are never compared);
 * - straight_lining: the same answer position on every rated question (scale questions and
 *   scoring questions), when at least `straightLiningMinItems` were answered;
 * - too_fast: less than `minSecondsPerQuestion` × answered questions.
 */
export function checkResponseQuality(
  questionnaires: Questionnaire | readonly Questionnaire[],
  responses: readonly SurveyResponse[],
  settingsInput: SurveyQualitySettingsInput = {},
): QualityFlag[] {
  const settings = SurveyQualitySettings.parse(settingsInput);
  const list: readonly Questionnaire[] = Array.isArray(questionnaires) ? questionnaires : [questionnaires as Questionnaire];
  const indexes = new Map(list.map((q) => [q.code, indexQuestionnaire(q)]));
  const flags: QualityFlag[] = [];

  const firstById = new Map<string, number>();
  responses.forEach((r, i) => {
    const first = firstById.get(r.id);
    if (first === undefined) firstById.set(r.id, i);
    else flags.push({ responseId: r.id, position: i, kind: 'duplicate_id', duplicateOf: r.id, message: `Phiếu trùng mã ${r.id} với phiếu thứ ${first + 1} trong danh sách (gửi hai lần).` });
  });

  // Same content: group by everything but the time, then compare neighbours in time.
  const sameContent = new Map<string, { i: number; t: number }[]>();
  responses.forEach((r, i) => {
    const t = seconds(r.submittedAt);
    if (t === undefined || !Number.isFinite(t) || firstById.get(r.id) !== i) return;
    const key = `${r.questionnaireCode}\u0000${r.respondentGroup}\u0000${r.evaluatedUnitCode ?? ''}\u0000${answersKey(r)}`;
    const bucket = sameContent.get(key);
    if (bucket) bucket.push({ i, t });
    else sameContent.set(key, [{ i, t }]);
  });
  for (const bucket of sameContent.values()) {
    if (bucket.length < 2) continue;
    bucket.sort((a, b) => a.t - b.t || a.i - b.i);
    let kept = bucket[0];
    for (const cur of bucket.slice(1)) {
      if (cur.t - kept.t <= settings.duplicateWindowSeconds) {
        const r = responses[cur.i], o = responses[kept.i];
        const gap = Math.round(cur.t - kept.t);
        flags.push({ responseId: r.id, position: cur.i, kind: 'duplicate_answers', duplicateOf: o.id, message: `Phiếu có câu trả lời giống hệt phiếu ${o.id} về cùng đơn vị, gửi cách nhau ${gap} giây.` });
      } else {
        kept = cur;
      }
    }
  }

  responses.forEach((r, i) => {
    const idx = indexes.get(r.questionnaireCode);
    if (!idx) return;
    const straight = straightLine(idx, r);
    if (straight && straight.items >= settings.straightLiningMinItems) {
      flags.push({ responseId: r.id, position: i, kind: 'straight_lining', message: `Phiếu chọn cùng một phương án (thứ ${straight.position + 1}) cho cả ${straight.items} câu đánh giá.` });
    }
    const duration = responseDuration(r);
    const count = Object.keys(r.answers).filter((k) => idx.questions.has(k) && answered(r.answers[k])).length;
    const minimum = count * settings.minSecondsPerQuestion;
    if (duration !== undefined && count > 0 && duration < minimum) {
      flags.push({ responseId: r.id, position: i, kind: 'too_fast', message: `Phiếu trả lời ${count} câu trong ${Math.round(duration)} giây, dưới mức tối thiểu ${Math.round(minimum)} giây (${settings.minSecondsPerQuestion} giây/câu).` });
    }
  });
  return flags.sort((a, b) => a.position - b.position);
}

/** The answer position shared by every rated question answered, and how many; undefined if they differ. */
function straightLine(idx: QuestionnaireIndex, r: SurveyResponse): { position: number; items: number } | undefined {
  let position: number | undefined;
  let items = 0;
  for (const iq of idx.questions.values()) {
    const q = iq.question;
    if (q.type !== 'scale' && !(q.type === 'single' && q.scoring)) continue;
    const a = r.answers[q.code];
    if (typeof a !== 'string' || a === '') continue;
    const p = iq.optionPosition.get(a);
    if (p === undefined) continue;
    if (position !== undefined && p !== position) return undefined;
    position = p;
    items++;
  }
  return position === undefined ? undefined : { position, items };
}
