/**
 * The survey API's bodies and answers (apps/server/src/http/routes/survey.routes.ts): the public
 * form, questionnaires, the sample plan, links and desks, collection windows, imports, paper
 * entry, quality, exclusion and SIPAS. The survey scores and a window's state are in survey.ts.
 */
import { z } from 'zod';
import { FileUpload } from './api-common.ts';
import { QuestionnaireKind, RespondentGroup, SipasSettings, SurveyCode, SurveyOption, SurveyQuestion, SurveySection, SurveyWindowDto, SurveyWindowState } from './survey.ts';
import { SurveyAnswers } from './survey-answers.ts';
import { SafeJson, SafeText } from './text.ts';

const Id = SafeText.min(1).max(64);
const Iso = z.iso.datetime({ offset: true });

// ---------- the public form ----------

/** A question as the public form serves it: the options without their weights. */
export const PublicSurveyQuestion = SurveyQuestion.extend({ options: z.array(SurveyOption.omit({ weight: true })) });
export type PublicSurveyQuestion = z.infer<typeof PublicSurveyQuestion>;

/** What the public form shows for a one-time link or a desk: the questionnaire and what the link or desk fixes. */
export const PublicSurveyForm = z.object({
  questionnaire: z.object({
    code: z.string(),
    year: z.number(),
    title: z.string(),
    kind: QuestionnaireKind,
    description: z.string().nullable(),
    respondentGroups: z.array(RespondentGroup),
    sections: z.array(SurveySection),
    questions: z.array(PublicSurveyQuestion),
  }),
  /** The group fixed by the link or desk; null lets the respondent choose. */
  respondentGroup: z.string().nullable(),
  /** The unit fixed by the link or desk; otherwise `units` to choose from. */
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  units: z.array(z.object({ code: z.string(), name: z.string() })),
  desk: z.object({ name: z.string(), requireDossier: z.boolean() }).nullable(),
});
export type PublicSurveyForm = z.infer<typeof PublicSurveyForm>;

/** One filled-in form sent by the public form; `id` is made on the device, so a resend is stored once. */
export const SurveySubmitBody = z.object({
  token: SafeText.max(100).optional(),
  desk: SafeText.max(20).optional(),
  dossierCode: SafeText.max(60).optional(),
  response: z.object({
    id: z.uuid('Mã phiếu trả lời phải là UUID'),
    respondentGroup: SurveyCode,
    evaluatedUnitCode: SafeText.trim().min(1).max(80).optional(),
    answers: SurveyAnswers,
    startedAt: Iso.optional(),
    submittedAt: Iso.optional(),
    durationSeconds: z.number().nonnegative().max(7 * 24 * 3600).optional(),
  }),
});
export type SurveySubmitBody = z.infer<typeof SurveySubmitBody>;

/** `stored` is false when the same form had already been stored. */
export const SurveySubmitResult = z.object({ id: z.string(), stored: z.boolean() });
export type SurveySubmitResult = z.infer<typeof SurveySubmitResult>;

// ---------- questionnaires ----------

/** A questionnaire as a JSON document, or one of the sample forms re-dated for the cycle's year. */
export const SurveyCreateBody = z.object({ document: SafeJson.optional(), sample: z.enum(['sipas', 'par']).optional(), identified: z.boolean().optional() });
export type SurveyCreateBody = z.infer<typeof SurveyCreateBody>;

/** A questionnaire's workbook, with "identified" ("1"/"true": names kept with the links) sent before the file. */
export const SurveyQuestionnaireUpload = FileUpload.extend({ identified: z.string().optional() });

export const SurveyCreated = z.object({ id: z.string(), code: z.string() });
export type SurveyCreated = z.infer<typeof SurveyCreated>;

/** A questionnaire of the cycle in the list: `open` is the secretariat's switch, `window` whether it takes responses today. */
export const SurveyQuestionnaireSummary = z.object({
  id: z.string(),
  code: z.string(),
  kind: QuestionnaireKind,
  title: z.string(),
  year: z.number(),
  open: z.boolean(),
  window: SurveyWindowDto,
  identified: z.boolean(),
  responses: z.number(),
  excluded: z.number(),
});
export type SurveyQuestionnaireSummary = z.infer<typeof SurveyQuestionnaireSummary>;

// ---------- sample plan, links, desks ----------

/** The sample size of a unit × group: the target, or N and e for n = N/(1+N·e²). */
export const SurveyTargetRow = z.object({
  unitId: Id,
  respondentGroup: SafeText.min(1).max(40),
  transactions: z.number().int().positive().nullable().optional(),
  margin: z.string().regex(/^0?\.\d+$/).nullable().optional(),
  target: z.number().int().positive().nullable().optional(),
});
export const SurveyTargetsBody = z.array(SurveyTargetRow).max(20000);
export type SurveyTargetsBody = z.infer<typeof SurveyTargetsBody>;

/** Response rate of a unit × group against its target (valid responses only). */
export const SurveyProgressRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  respondentGroup: z.string(),
  transactions: z.number().nullable(),
  margin: z.string().nullable(),
  target: z.number(),
  responses: z.number(),
  ratePercent: z.string(),
});
export type SurveyProgressRow = z.infer<typeof SurveyProgressRow>;

export const SurveyTokensBody = z.object({
  unitId: Id.nullable().optional(),
  respondentGroup: SafeText.min(1).max(40),
  count: z.number().int().min(1).max(5000).optional(),
  labels: z.array(SafeText.max(200)).max(5000).optional(),
});
export type SurveyTokensBody = z.infer<typeof SurveyTokensBody>;

/** A one-time link, shown once, with its QR code (SVG). */
export const SurveyLink = z.object({ label: z.string().nullable(), unitId: z.string().nullable(), url: z.string(), qrSvg: z.string() });
export type SurveyLink = z.infer<typeof SurveyLink>;

/** A respondent list (CSV/XLSX), with the group and the optional unit sent before the file. */
export const SurveyRespondentListUpload = FileUpload.extend({ respondentGroup: z.string().optional(), unitId: z.string().optional() });

/** The link of one person of a respondent list. */
export const SurveyListLink = SurveyLink.extend({ row: z.number(), name: z.string(), unit: z.string().nullable(), email: z.string().nullable() });
export type SurveyListLink = z.infer<typeof SurveyListLink>;

export const SurveyDeskBody = z.object({ unitId: Id, name: SafeText.min(1).max(200), respondentGroup: SafeText.min(1).max(40), requireDossier: z.boolean().optional() });
export type SurveyDeskBody = z.infer<typeof SurveyDeskBody>;

export const SurveyDeskCreated = z.object({ code: z.string(), name: z.string(), url: z.string(), qrSvg: z.string() });
export type SurveyDeskCreated = z.infer<typeof SurveyDeskCreated>;

/** A desk of a questionnaire (`requireDossier`, `active`: 1 or 0) with its window. */
export const SurveyDeskView = z.object({
  code: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  respondentGroup: z.string(),
  requireDossier: z.number(),
  active: z.number(),
  window: SurveyWindowDto,
});
export type SurveyDeskView = z.infer<typeof SurveyDeskView>;

// ---------- collection windows ----------

/** A questionnaire of the cycle with its window, its response count and its desks likewise. */
export const SurveyWindowsRow = SurveyWindowDto.extend({
  id: z.string(),
  code: z.string(),
  kind: QuestionnaireKind,
  title: z.string(),
  responses: z.number(),
  desks: z.array(SurveyWindowDto.extend({ code: z.string(), name: z.string(), unitName: z.string(), responses: z.number() })),
});
export type SurveyWindowsRow = z.infer<typeof SurveyWindowsRow>;

/** What a close / open / dates call changed; for a desk, its questionnaire's state too. */
export const SurveyWindowChange = SurveyWindowDto.extend({
  kind: z.enum(['questionnaire', 'desk']),
  code: z.string(),
  name: z.string(),
  questionnaireState: SurveyWindowState.optional(),
});
export type SurveyWindowChange = z.infer<typeof SurveyWindowChange>;

// ---------- responses ----------

/** A response file (CSV/XLSX). */
export const SurveyResponsesUpload = FileUpload;

/** An import: data rows read, stored, already there, and every row refused with why. */
export const SurveyImportReport = z.object({
  rows: z.number(),
  stored: z.number(),
  duplicates: z.number(),
  rejected: z.array(z.object({ row: z.number(), reason: z.string(), field: z.string().optional() })),
});
export type SurveyImportReport = z.infer<typeof SurveyImportReport>;

/** A background import just queued: the id to poll, and the estimated rows (null for XLSX). */
export const SurveyImportStarted = z.object({ jobId: z.string(), totalRows: z.number().nullable() });
export type SurveyImportStarted = z.infer<typeof SurveyImportStarted>;

/** A background import as its page polls it. */
export const SurveyImportJob = z.object({
  id: z.string(),
  questionnaireId: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  rows: z.number(),
  /** Estimated rows of the file (CSV line count), for the progress bar; null for XLSX. */
  totalRows: z.number().nullable(),
  result: SurveyImportReport.optional(),
  error: z.string().optional(),
  /** Epoch milliseconds. */
  finishedAt: z.number().optional(),
});
export type SurveyImportJob = z.infer<typeof SurveyImportJob>;

/** One typing of a paper form (nhập hai lần). */
export const SurveyPaperBody = z.object({ serial: SafeText.min(1).max(40), respondentGroup: SafeText.min(1).max(40), evaluatedUnitCode: SafeText.max(80).nullable().optional(), answers: SurveyAnswers });
export type SurveyPaperBody = z.infer<typeof SurveyPaperBody>;

/** first: waiting for the second entry; mismatch: `differences` lists the questions that differ; stored: both agreed. */
export const SurveyPaperOutcome = z.object({ status: z.enum(['first', 'mismatch', 'stored']), serial: z.string(), differences: z.array(z.string()) });
export type SurveyPaperOutcome = z.infer<typeof SurveyPaperOutcome>;

export const SurveyPaperPending = z.object({ serial: z.string(), entries: z.number(), waitingFor: z.enum(['second', 'reconcile']) });
export type SurveyPaperPending = z.infer<typeof SurveyPaperPending>;

/** A response flagged by the quality checks, with its exclusion reason if excluded. */
export const SurveyQualityFlag = z.object({
  responseId: z.string(),
  position: z.number(),
  kind: z.enum(['duplicate_id', 'duplicate_answers', 'straight_lining', 'too_fast']),
  message: z.string(),
  duplicateOf: z.string().optional(),
  excludedReason: z.string().nullable(),
});
export type SurveyQualityFlag = z.infer<typeof SurveyQualityFlag>;

/** A reason excludes the response; null restores it. */
export const SurveyExclusionBody = z.object({ reason: SafeText.max(1000).nullable() });
export type SurveyExclusionBody = z.infer<typeof SurveyExclusionBody>;

export const SurveyExclusionResult = z.object({ id: z.string(), excludedReason: z.string().nullable() });
export type SurveyExclusionResult = z.infer<typeof SurveyExclusionResult>;

// ---------- SIPAS ----------

/** A satisfaction item: valid answers, how many satisfied, % satisfied, answers per scale level. */
export const SipasItemResult = z.object({ questionCode: z.string(), factor: z.string(), n: z.number(), satisfied: z.number(), percent: z.string().optional(), levels: z.record(z.string(), z.number()) });
/** A factor's result (chỉ số thành phần); `percent` absent without answers. */
export const SipasFactorResult = z.object({ code: z.string(), name: z.string(), n: z.number(), satisfied: z.number(), percent: z.string().optional() });
export type SipasFactorResult = z.infer<typeof SipasFactorResult>;
/** Answers to an expectation or profile question, per option. */
export const SipasOptionSummary = z.object({
  questionCode: z.string(),
  text: z.string(),
  kind: z.enum(['expectation', 'profile']),
  answered: z.number(),
  options: z.array(z.object({ code: z.string(), label: z.string(), count: z.number(), percent: z.string().optional() })),
});
/** SIPAS of the province (no unit) or of one unit. */
export const SipasResultDto = z.object({
  unitCode: z.string().optional(),
  responses: z.number(),
  items: z.array(SipasItemResult),
  factors: z.array(SipasFactorResult),
  overall: z.string().optional(),
  expectations: z.array(SipasOptionSummary),
  profile: z.array(SipasOptionSummary),
});
export type SipasResultDto = z.infer<typeof SipasResultDto>;
export const SipasUnitResult = SipasResultDto.extend({ unitName: z.string().nullable() });
export type SipasUnitResult = z.infer<typeof SipasUnitResult>;
export const SipasReportDto = z.object({ settings: SipasSettings, units: z.array(SipasUnitResult), province: SipasResultDto, meanOfUnits: z.string().optional() });
export type SipasReportDto = z.infer<typeof SipasReportDto>;
