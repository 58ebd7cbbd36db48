import {
  AppError, DEFAULT_SIPAS_FACTORS, type LeafSurveyScoring, type Questionnaire, type SipasSettings, type SurveyOption, type SurveyQuestion,
} from '@parindex/contracts';

/** A question prepared for lookups: options by code, their positions, and the respondent groups asked. */
export interface IndexedQuestion {
  question: SurveyQuestion;
  /** Groups asked (the question's, else its section's); undefined = every group. */
  groups?: ReadonlySet<string>;
  optionByCode: ReadonlyMap<string, SurveyOption>;
  /** Position of each option in the list (0 = first): what straight-lining compares. */
  optionPosition: ReadonlyMap<string, number>;
}

/** A questionnaire prepared for checking and scoring responses. */
export interface QuestionnaireIndex {
  questionnaire: Questionnaire;
  questions: ReadonlyMap<string, IndexedQuestion>;
  groups: ReadonlySet<string>;
  /** SIPAS settings with defaults filled in. */
  sipas: SipasSettings;
}

const cache = new WeakMap<Questionnaire, QuestionnaireIndex>();

/** The default SIPAS settings: the five national factors, levels 4–5 satisfied, means of items and of factors. */
export function defaultSipasSettings(): SipasSettings {
  return { factors: DEFAULT_SIPAS_FACTORS.map((f) => ({ ...f })), satisfiedLevels: [4, 5], factorIndex: 'mean_of_items', overall: 'mean_of_factors' };
}

/** Indexes a (parsed) questionnaire once; the same object gets the same index. */
export function indexQuestionnaire(questionnaire: Questionnaire): QuestionnaireIndex {
  const hit = cache.get(questionnaire);
  if (hit) return hit;
  const sectionGroups = new Map(questionnaire.sections.map((s) => [s.code, s.groups]));
  const questions = new Map<string, IndexedQuestion>();
  for (const q of questionnaire.questions) {
    const groups = q.groups ?? sectionGroups.get(q.section);
    questions.set(q.code, {
      question: q,
      ...(groups && { groups: new Set(groups) }),
      optionByCode: new Map(q.options.map((o) => [o.code, o])),
      optionPosition: new Map(q.options.map((o, i) => [o.code, i])),
    });
  }
  const index: QuestionnaireIndex = {
    questionnaire,
    questions,
    groups: new Set(questionnaire.respondentGroups.map((g) => g.code)),
    sipas: questionnaire.sipas ?? defaultSipasSettings(),
  };
  cache.set(questionnaire, index);
  return index;
}

/** Whether a question is put to a respondent group. */
export function askedOf(q: IndexedQuestion, group: string): boolean {
  return !q.groups || q.groups.has(group);
}

/** The scoring setting of a leaf nobody configured: mean weight, at least one answer, otherwise not applicable. */
export function defaultLeafScoring(leafCode: string): LeafSurveyScoring {
  return { leafCode, formula: { type: 'mean_weight' }, minAnswers: 1, fallback: 'not_applicable' };
}

const same = (a: LeafSurveyScoring, b: LeafSurveyScoring) => JSON.stringify({ ...a, leafCode: '' }) === JSON.stringify({ ...b, leafCode: '' });

/**
 * Each leaf's scoring setting: the caller's overrides first, else the questionnaires' own
 * (which must agree when several questionnaires configure the same leaf), else the default.
 */
export function resolveLeafScoring(
  questionnaires: readonly Questionnaire[],
  leafCodes: Iterable<string>,
  overrides: readonly LeafSurveyScoring[] = [],
): Map<string, LeafSurveyScoring> {
  const fromFiles = new Map<string, { s: LeafSurveyScoring; from: string }>();
  for (const q of questionnaires) {
    for (const s of q.leafScoring) {
      const prev = fromFiles.get(s.leafCode);
      if (prev && !same(prev.s, s)) {
        throw new AppError('VALIDATION', `Tiêu chí ${s.leafCode} được cấu hình cách tính khác nhau trong phiếu ${prev.from} và phiếu ${q.code}; hãy thống nhất một cách tính.`, [
          { field: 'leafScoring', message: `Tiêu chí ${s.leafCode}: cách tính trong phiếu ${prev.from} và ${q.code} không giống nhau.` },
        ]);
      }
      fromFiles.set(s.leafCode, { s, from: q.code });
    }
  }
  const byOverride = new Map(overrides.map((s) => [s.leafCode, s]));
  const out = new Map<string, LeafSurveyScoring>();
  for (const code of leafCodes) out.set(code, byOverride.get(code) ?? fromFiles.get(code)?.s ?? defaultLeafScoring(code));
  return out;
}
