import { z } from 'zod';
import { DateString, SafeText } from './text.ts';
import { SurveyAnswers } from './survey-answers.ts';
import { DecimalString } from './rubric.ts';

/*
 * Surveys as data (phiếu khảo sát), one set per cycle: the sociological survey of the PAR Index
 * (điều tra xã hội học) and SIPAS (Chỉ số hài lòng về sự phục vụ hành chính). A Department of
 * Home Affairs writes its own questionnaire: groups, sections, questions, answer weights, which
 * rubric leaf a question scores and how — nothing of it is code.
 */

/** Codes of groups, sections, questions, options and factors: letters, digits, "_", "-", "." (e.g. "C1.2", "dai_bieu"). */
export const SurveyCode = z
  .string()
  .trim()
  .min(1, 'Thiếu mã')
  .max(60, 'Mã dài quá 60 ký tự')
  .regex(/^[0-9A-Za-z_.-]+$/, 'Mã chỉ gồm chữ không dấu, chữ số, "_", "-", "." (ví dụ C1.2)');

/** A percentage 0–100 with up to 3 decimals ("60", "12.5"), written as a decimal string. */
export const PercentString = DecimalString.refine((v) => !v.startsWith('-') && Number(v) <= 100, 'Phải là số từ 0 đến 100 (%)');
export type PercentString = z.infer<typeof PercentString>;

/** A respondent group (nhóm đối tượng khảo sát): People's Council deputies, department leaders, commune leaders, civil servants, citizens and businesses… */
export const RespondentGroup = z.object({
  code: SurveyCode,
  name: z.string().trim().min(1, 'Thiếu tên nhóm'),
  description: z.string().optional(),
});
export type RespondentGroup = z.infer<typeof RespondentGroup>;

/** A section (phần) of the form, e.g. "Phần A. Thông tin người trả lời"; `groups` limits it to some respondent groups. */
export const SurveySection = z.object({
  code: SurveyCode,
  title: z.string().trim().min(1, 'Thiếu tên phần'),
  groups: z.array(SurveyCode).optional(),
});
export type SurveySection = z.infer<typeof SurveySection>;

/**
 * An answer option (phương án trả lời). `weight` (trọng số, % of the leaf's maximum) makes it count
 * for a scoring question — an option without weight ("Không biết") is not a valid answer for
 * scoring. `level` places it on a satisfaction scale (1 = rất không hài lòng … 5 = rất hài lòng).
 */
export const SurveyOption = z.object({
  code: SurveyCode,
  label: z.string().trim().min(1, 'Thiếu nội dung phương án'),
  weight: PercentString.optional(),
  level: z.number().int().min(1).max(10).optional(),
});
export type SurveyOption = z.infer<typeof SurveyOption>;

/** single: one option; scale: one option on an ordered scale (options carry levels); multiple: several options; text: a short answer. */
export const QuestionType = z.enum(['single', 'scale', 'multiple', 'text']);
export type QuestionType = z.infer<typeof QuestionType>;

/**
 * Which unit a scoring question rates (đơn vị được đánh giá):
 * - `dealt_with`: the unit the form is about — the one the respondent dealt with or was asked to
 *   assess (SurveyResponse.evaluatedUnitCode);
 * - `named`: the unit the question itself names (`unitCode`), whatever the form is about.
 */
export const EvaluatedUnit = z.enum(['named', 'dealt_with']);
export type EvaluatedUnit = z.infer<typeof EvaluatedUnit>;

/** Links a question to a survey-sourced leaf of the rubric (tiêu chí điều tra XHH). */
export const ScoringLink = z.object({
  leafCode: z.string().trim().min(1, 'Thiếu mã tiêu chí'),
  evaluatedUnit: EvaluatedUnit,
  unitCode: z.string().trim().min(1).optional(),
});
export type ScoringLink = z.infer<typeof ScoringLink>;

/** satisfaction: counts toward the factor's % satisfied; expectation: what people want improved; profile: who answered. */
export const SipasItemKind = z.enum(['satisfaction', 'expectation', 'profile']);
export type SipasItemKind = z.infer<typeof SipasItemKind>;

/** The SIPAS role of a question: its kind, and for satisfaction items the factor (yếu tố) it belongs to. */
export const SipasItem = z.object({
  kind: SipasItemKind,
  factor: SurveyCode.optional(),
});
export type SipasItem = z.infer<typeof SipasItem>;

export const SurveyQuestion = z.object({
  code: SurveyCode,
  section: SurveyCode,
  text: z.string().trim().min(1, 'Thiếu nội dung câu hỏi'),
  type: QuestionType,
  required: z.boolean().default(false),
  /** Respondent groups asked; absent = those of the section (or every group). */
  groups: z.array(SurveyCode).optional(),
  options: z.array(SurveyOption).default([]),
  scoring: ScoringLink.optional(),
  sipas: SipasItem.optional(),
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

/** The five SIPAS factors of the national method (PAR-INDEX.md §4.2); a questionnaire may list others. */
export const DEFAULT_SIPAS_FACTORS = [
  { code: 'tiep_can', name: 'Tiếp cận dịch vụ' },
  { code: 'thu_tuc', name: 'Thủ tục hành chính' },
  { code: 'cong_chuc', name: 'Công chức giải quyết công việc' },
  { code: 'ket_qua', name: 'Kết quả cung ứng dịch vụ' },
  { code: 'phan_anh', name: 'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị' },
] as const;

export const SipasFactor = z.object({
  code: SurveyCode,
  name: z.string().trim().min(1, 'Thiếu tên yếu tố'),
  /** Weight in the overall index when `overall` is `weighted_factors`. */
  weight: PercentString.optional(),
});
export type SipasFactor = z.infer<typeof SipasFactor>;

/**
 * How SIPAS is formed (the 2023 method's exact formula is unconfirmed, so all of it is settings):
 * which scale levels count as "satisfied" (default 4–5: hài lòng, rất hài lòng); a factor's index
 * as the mean of its items' % satisfied or pooled over its answers; the overall index as the mean
 * of the factors, their weighted mean, or pooled over every satisfaction answer.
 */
export const SipasSettings = z.object({
  factors: z.array(SipasFactor).min(1).default(() => DEFAULT_SIPAS_FACTORS.map((f) => ({ ...f }))),
  satisfiedLevels: z.array(z.number().int().min(1).max(10)).min(1).default(() => [4, 5]),
  factorIndex: z.enum(['mean_of_items', 'pooled']).default('mean_of_items'),
  overall: z.enum(['mean_of_factors', 'weighted_factors', 'pooled']).default('mean_of_factors'),
});
export type SipasSettings = z.infer<typeof SipasSettings>;
export type SipasSettingsInput = z.input<typeof SipasSettings>;

/** mean_weight: max × mean weight of valid answers; share_at_least: max × share of valid answers whose weight ≥ threshold %. */
export const SurveyFormula = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mean_weight') }),
  z.object({ type: z.literal('share_at_least'), threshold: PercentString }),
]);
export type SurveyFormula = z.infer<typeof SurveyFormula>;

/**
 * Below the minimum number of answers: the mean of the unit's peer group, zero, full marks, not
 * applicable (the leaf leaves the unit's maximum), or the few answers there are — always flagged.
 */
export const SurveyFallback = z.enum(['group_mean', 'zero', 'full', 'not_applicable', 'use_available']);
export type SurveyFallback = z.infer<typeof SurveyFallback>;

/** How one survey leaf is scored from the answers (cách tính điểm tiêu chí điều tra XHH). */
export const LeafSurveyScoring = z.object({
  leafCode: z.string().trim().min(1, 'Thiếu mã tiêu chí'),
  formula: SurveyFormula.default({ type: 'mean_weight' }),
  minAnswers: z.number().int().min(1).max(100_000).default(1),
  fallback: SurveyFallback.default('not_applicable'),
});
export type LeafSurveyScoring = z.infer<typeof LeafSurveyScoring>;
export type LeafSurveyScoringInput = z.input<typeof LeafSurveyScoring>;

export const QuestionnaireKind = z.enum(['par', 'sipas']);
export type QuestionnaireKind = z.infer<typeof QuestionnaireKind>;

const QuestionnaireShape = z.object({
  code: z.string().trim().min(1, 'Thiếu mã phiếu').max(80).regex(/^[0-9A-Za-z_.-]+$/, 'Mã phiếu chỉ gồm chữ không dấu, chữ số, "_", "-", "."'),
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1, 'Thiếu tên phiếu'),
  kind: QuestionnaireKind,
  description: z.string().optional(),
  respondentGroups: z.array(RespondentGroup).min(1, 'Phiếu cần ít nhất một nhóm đối tượng'),
  sections: z.array(SurveySection).min(1, 'Phiếu cần ít nhất một phần'),
  questions: z.array(SurveyQuestion).min(1, 'Phiếu cần ít nhất một câu hỏi'),
  leafScoring: z.array(LeafSurveyScoring).default([]),
  sipas: SipasSettings.optional(),
});

/** A questionnaire (phiếu khảo sát) for one cycle, with every cross-reference checked. */
export const Questionnaire = QuestionnaireShape.superRefine((q, ctx) => {
  const say = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const dupes = (codes: string[], path: string, what: string) => {
    const seen = new Set<string>();
    codes.forEach((c, i) => {
      if (seen.has(c)) say([path, i, 'code'], `Trùng mã ${what} "${c}"`);
      seen.add(c);
    });
  };
  dupes(q.respondentGroups.map((g) => g.code), 'respondentGroups', 'nhóm đối tượng');
  dupes(q.sections.map((s) => s.code), 'sections', 'phần');
  dupes(q.questions.map((x) => x.code), 'questions', 'câu hỏi');
  dupes(q.leafScoring.map((l) => l.leafCode), 'leafScoring', 'tiêu chí');
  const groups = new Set(q.respondentGroups.map((g) => g.code));
  const sections = new Set(q.sections.map((s) => s.code));
  const factors = new Set((q.sipas?.factors ?? DEFAULT_SIPAS_FACTORS).map((f) => f.code));
  q.sections.forEach((s, i) =>
    s.groups?.forEach((g, j) => { if (!groups.has(g)) say(['sections', i, 'groups', j], `Nhóm đối tượng "${g}" không có trong phiếu`); }));
  if (q.sipas) dupes(q.sipas.factors.map((f) => f.code), 'sipas.factors', 'yếu tố');
  q.questions.forEach((x, i) => {
    const at = (...p: (string | number)[]) => ['questions', i, ...p];
    if (!sections.has(x.section)) say(at('section'), `Phần "${x.section}" không có trong phiếu`);
    x.groups?.forEach((g, j) => { if (!groups.has(g)) say(at('groups', j), `Nhóm đối tượng "${g}" không có trong phiếu`); });
    const optionCodes = new Set<string>();
    x.options.forEach((o, j) => {
      if (optionCodes.has(o.code)) say(at('options', j, 'code'), `Câu ${x.code}: trùng mã phương án "${o.code}"`);
      optionCodes.add(o.code);
    });
    if (x.type === 'text' && x.options.length > 0) say(at('options'), `Câu ${x.code} là câu trả lời ngắn nên không có phương án`);
    if ((x.type === 'single' || x.type === 'scale') && x.options.length < 2) say(at('options'), `Câu ${x.code} cần ít nhất hai phương án`);
    if (x.type === 'multiple' && x.options.length < 1) say(at('options'), `Câu ${x.code} cần ít nhất một phương án`);
    if (x.type === 'scale' && !x.options.some((o) => o.level !== undefined)) say(at('options'), `Câu ${x.code} là câu thang đo: các phương án cần có mức (1–5)`);
    if (x.scoring) {
      if (x.type !== 'single' && x.type !== 'scale') say(at('scoring'), `Câu ${x.code} chấm điểm tiêu chí nên phải là câu một lựa chọn hoặc thang đo`);
      else if (!x.options.some((o) => o.weight !== undefined)) say(at('options'), `Câu ${x.code} chấm điểm tiêu chí ${x.scoring.leafCode}: các phương án cần có trọng số (%)`);
      if (x.scoring.evaluatedUnit === 'named' && !x.scoring.unitCode) say(at('scoring', 'unitCode'), `Câu ${x.code}: cần mã đơn vị được nêu trong câu hỏi`);
      if (x.scoring.evaluatedUnit === 'dealt_with' && x.scoring.unitCode) say(at('scoring', 'unitCode'), `Câu ${x.code}: chỉ ghi mã đơn vị khi câu hỏi nêu tên đơn vị`);
    }
    if (x.sipas?.kind === 'satisfaction') {
      if (!x.sipas.factor) say(at('sipas', 'factor'), `Câu ${x.code} là câu hỏi hài lòng: cần mã yếu tố SIPAS`);
      else if (!factors.has(x.sipas.factor)) say(at('sipas', 'factor'), `Yếu tố SIPAS "${x.sipas.factor}" không có trong phiếu`);
      if (x.type !== 'scale') say(at('type'), `Câu ${x.code} là câu hỏi hài lòng nên phải là câu thang đo`);
    }
  });
});
export type Questionnaire = z.infer<typeof Questionnaire>;
export type QuestionnaireInput = z.input<typeof Questionnaire>;

/** Channels a response arrives through (kênh khảo sát). */
export const SurveyChannel = z.enum(['online', 'kiosk', 'paper', 'import', 'phone']);
export type SurveyChannel = z.infer<typeof SurveyChannel>;

export * from './survey-answers.ts';

/**
 * One filled-in form (phiếu trả lời). `id` is made on the device (a UUID), so a form sent twice or
 * a file imported twice is stored once.
 */
export const SurveyResponse = z.object({
  id: z.uuid('Mã phiếu trả lời phải là UUID'),
  questionnaireCode: z.string().min(1),
  respondentGroup: SurveyCode,
  /** The unit the form is about: the one the respondent dealt with or was asked to assess. */
  evaluatedUnitCode: SafeText.trim().min(1).max(80).optional(),
  answers: SurveyAnswers,
  startedAt: z.iso.datetime({ offset: true }).optional(),
  submittedAt: z.iso.datetime({ offset: true }).optional(),
  durationSeconds: z.number().nonnegative().max(7 * 24 * 3600).optional(),
  channel: SurveyChannel,
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

/**
 * Quality checks on responses (kiểm tra chất lượng phiếu): identical answers about the same unit
 * within `duplicateWindowSeconds`; the same answer position on at least `straightLiningMinItems`
 * rated questions; less than `minSecondsPerQuestion` per answered question.
 */
export const SurveyQualitySettings = z.object({
  duplicateWindowSeconds: z.number().int().min(0).default(600),
  straightLiningMinItems: z.number().int().min(2).default(8),
  minSecondsPerQuestion: z.number().min(0).default(2),
});
export type SurveyQualitySettings = z.infer<typeof SurveyQualitySettings>;
export type SurveyQualitySettingsInput = z.input<typeof SurveyQualitySettings>;

/** One unit's points on one survey leaf, as the survey scoring stored them (…/surveys/score). */
export const SurveyLeafScoreDto = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  leafCode: z.string(),
  /** Valid answers about the unit. */
  n: z.number(),
  /** Exact points; null when the leaf is not applicable to the unit. */
  points: z.string().nullable(),
  max: z.string(),
  applicable: z.boolean(),
  /** Too few answers: the fallback applied (`reason` says which and why). */
  flagged: z.boolean(),
  fallback: SurveyFallback.nullable(),
  reason: z.string().nullable(),
  ciLow: z.string().nullable(),
  ciHigh: z.string().nullable(),
});
export type SurveyLeafScoreDto = z.infer<typeof SurveyLeafScoreDto>;

/** A unit's survey points over its applicable survey leaves, with the sum of the leaves' 95% interval ends. */
export const SurveyUnitScoreDto = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  points: z.string(),
  /** Σ maxima of the applicable survey leaves (a not-applicable leaf leaves it). */
  max: z.string(),
  /** Σ valid answers over the unit's survey leaves. */
  answers: z.number(),
  flaggedLeaves: z.number(),
  notApplicableLeaves: z.number(),
  ciLow: z.string().nullable(),
  ciHigh: z.string().nullable(),
  /** False when some applicable leaf has no interval (a fallback, or a single answer). */
  ciComplete: z.boolean(),
});
export type SurveyUnitScoreDto = z.infer<typeof SurveyUnitScoreDto>;

/** The stored survey scores of a cycle (GET) or the result of scoring them (POST). */
export const SurveyScoresDto = z.object({
  /** When the scoring last ran, and by whom; null when it never did. */
  scoredAt: z.string().nullable(),
  scoredBy: z.string().nullable(),
  /** Responses read by that run (excluded and of other questionnaires counted apart). */
  responses: z.object({ total: z.number(), excluded: z.number(), otherQuestionnaire: z.number() }).nullable(),
  /** Survey leaves of the rubric no question of the cycle's questionnaires scores: left as they were. */
  unlinkedLeaves: z.array(z.string()),
  leaves: z.array(SurveyLeafScoreDto),
  units: z.array(SurveyUnitScoreDto),
});
export type SurveyScoresDto = z.infer<typeof SurveyScoresDto>;

/**
 * Collection window of a questionnaire or a desk (apps/server/src/services/surveys/survey-windows.ts):
 * `open` — taking responses; `closed` — closed by the secretariat (or when the cycle went to the
 * council); `not_yet` — before its opening date; `ended` — after its closing date. Dates are
 * YYYY-MM-DD, Vietnam time, both inclusive.
 */
export const SurveyWindowState = z.enum(['open', 'closed', 'not_yet', 'ended']);
export type SurveyWindowState = z.infer<typeof SurveyWindowState>;

export const SurveyWindowDto = z.object({
  state: SurveyWindowState,
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  /** When it was closed by hand (ISO), null while open. */
  closedAt: z.string().nullable(),
});
export type SurveyWindowDto = z.infer<typeof SurveyWindowDto>;

/** Reopening (optionally until a date) and setting the dates, as the routes and the CLI send them. */
export const SurveyOpenBody = z.object({ until: DateString.nullable().optional() });
export const SurveyDatesBody = z.object({ opensOn: DateString.nullable(), closesOn: DateString.nullable() });
