import { SipasSettings, type Questionnaire, type SipasSettingsInput, type SurveyResponse } from '@parindex/contracts';
import { Decimal, HUNDRED, ZERO } from '../decimal.ts';
import { indexQuestionnaire, type IndexedQuestion } from './questionnaire-index.ts';

export interface SipasOptions {
  /** Units reported, in this order; absent = every unit the responses are about, sorted by code. */
  unitCodes?: readonly string[];
  excludedIds?: Iterable<string>;
  /** Settings that take precedence over the questionnaire's own (and the defaults). */
  settings?: SipasSettingsInput;
}

/** One satisfaction item: valid answers (options with a level), how many "satisfied", and the % satisfied. */
export interface SipasItemResult {
  questionCode: string;
  factor: string;
  n: number;
  satisfied: number;
  percent?: Decimal;
  /** Answers per scale level. */
  levels: Record<number, number>;
}

export interface SipasFactorResult {
  code: string;
  name: string;
  n: number;
  satisfied: number;
  /** % satisfied of the factor (chỉ số thành phần): mean of its items' %, or pooled, per settings; undefined without answers. */
  percent?: Decimal;
}

/** Answers to an expectation or profile question: per option the count and % of those who answered it. */
export interface SipasOptionSummary {
  questionCode: string;
  text: string;
  kind: 'expectation' | 'profile';
  answered: number;
  options: { code: string; label: string; count: number; percent?: Decimal }[];
}

export interface SipasResult {
  /** Undefined for the province-wide figures. */
  unitCode?: string;
  responses: number;
  items: SipasItemResult[];
  factors: SipasFactorResult[];
  /** Overall SIPAS % (chỉ số hài lòng chung); undefined without answers. */
  overall?: Decimal;
  expectations: SipasOptionSummary[];
  profile: SipasOptionSummary[];
}

export interface SipasReport {
  settings: SipasSettings;
  units: SipasResult[];
  /** All responses of the questionnaire together, whatever unit they are about. */
  province: SipasResult;
  /** Mean of the units' overall %, over units that have one. */
  meanOfUnits?: Decimal;
}

interface Tally {
  responses: number;
  /** Per question, per option position; plus respondents who answered it. */
  options: Map<string, Int32Array>;
  answered: Map<string, number>;
}

const newTally = (questions: readonly IndexedQuestion[]): Tally => ({
  responses: 0,
  options: new Map(questions.map((q) => [q.question.code, new Int32Array(q.question.options.length)])),
  answered: new Map(questions.map((q) => [q.question.code, 0])),
});

const mean = (values: Decimal[]) => (values.length === 0 ? undefined : values.reduce((s, v) => s.plus(v), ZERO).dividedBy(values.length));
const pct = (part: number, whole: number) => (whole === 0 ? undefined : new Decimal(part).times(HUNDRED).dividedBy(whole));

/**
 * SIPAS per unit and for the province: each satisfaction item's % of valid answers at a
 * "satisfied" level (default 4–5), each factor's index (mean of its items' %, or pooled), the
 * overall index (mean of the factors, their weighted mean, or pooled — per settings), and the
 * answers to expectation and profile questions. Counts only; the order of responses is irrelevant.
 */
export function computeSipas(questionnaire: Questionnaire, responses: Iterable<SurveyResponse>, options: SipasOptions = {}): SipasReport {
  const idx = indexQuestionnaire(questionnaire);
  const settings = options.settings ? SipasSettings.parse(options.settings) : idx.sipas;
  const tracked = [...idx.questions.values()].filter((q) => q.question.sipas);
  const excluded = new Set(options.excludedIds ?? []);
  const province = newTally(tracked);
  const perUnit = new Map<string, Tally>();
  if (options.unitCodes) for (const u of options.unitCodes) perUnit.set(u, newTally(tracked));
  const fixedUnits = options.unitCodes !== undefined;

  for (const r of responses) {
    if (r.questionnaireCode !== questionnaire.code || excluded.has(r.id)) continue;
    let unit = r.evaluatedUnitCode === undefined ? undefined : perUnit.get(r.evaluatedUnitCode);
    if (!unit && r.evaluatedUnitCode !== undefined && !fixedUnits) {
      unit = newTally(tracked);
      perUnit.set(r.evaluatedUnitCode, unit);
    }
    const tallies = unit ? [province, unit] : [province];
    for (const t of tallies) t.responses++;
    for (const q of tracked) {
      const a = r.answers[q.question.code];
      if (a === undefined || a === '' || (Array.isArray(a) && a.length === 0)) continue;
      if (q.groups && !q.groups.has(r.respondentGroup)) continue;
      const codes = typeof a === 'string' ? (q.question.type === 'text' ? [] : [a]) : a;
      for (const t of tallies) {
        t.answered.set(q.question.code, t.answered.get(q.question.code)! + 1);
        const counts = t.options.get(q.question.code)!;
        for (const c of codes) {
          const pos = q.optionPosition.get(c);
          if (pos !== undefined) counts[pos]++;
        }
      }
    }
  }

  const units = [...perUnit.entries()];
  if (!fixedUnits) units.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const results = units.map(([unitCode, t]) => ({ unitCode, ...summarise(tracked, t, settings) }));
  const overalls = results.flatMap((r) => (r.overall ? [r.overall] : []));
  const meanOfUnits = mean(overalls);
  return { settings, units: results, province: summarise(tracked, province, settings), ...(meanOfUnits && { meanOfUnits }) };
}

function summarise(tracked: readonly IndexedQuestion[], t: Tally, settings: SipasSettings): Omit<SipasResult, 'unitCode'> {
  const satisfiedLevels = new Set(settings.satisfiedLevels);
  const items: SipasItemResult[] = [];
  const expectations: SipasOptionSummary[] = [];
  const profile: SipasOptionSummary[] = [];
  for (const q of tracked) {
    const { question } = q;
    const counts = t.options.get(question.code)!;
    if (question.sipas!.kind === 'satisfaction') {
      let n = 0, satisfied = 0;
      const levels: Record<number, number> = {};
      question.options.forEach((o, i) => {
        if (o.level === undefined) return;
        n += counts[i];
        levels[o.level] = (levels[o.level] ?? 0) + counts[i];
        if (satisfiedLevels.has(o.level)) satisfied += counts[i];
      });
      const percent = pct(satisfied, n);
      items.push({ questionCode: question.code, factor: question.sipas!.factor ?? '', n, satisfied, ...(percent && { percent }), levels });
    } else {
      const answered = t.answered.get(question.code)!;
      const summary: SipasOptionSummary = {
        questionCode: question.code,
        text: question.text,
        kind: question.sipas!.kind as 'expectation' | 'profile',
        answered,
        options: question.options.map((o, i) => {
          const percent = pct(counts[i], answered);
          return { code: o.code, label: o.label, count: counts[i], ...(percent && { percent }) };
        }),
      };
      (summary.kind === 'expectation' ? expectations : profile).push(summary);
    }
  }

  const factors: SipasFactorResult[] = settings.factors.map((f) => {
    const mine = items.filter((i) => i.factor === f.code);
    const n = mine.reduce((s, i) => s + i.n, 0);
    const satisfied = mine.reduce((s, i) => s + i.satisfied, 0);
    const percent = settings.factorIndex === 'pooled' ? pct(satisfied, n) : mean(mine.flatMap((i) => (i.percent ? [i.percent] : [])));
    return { code: f.code, name: f.name, n, satisfied, ...(percent && { percent }) };
  });

  let overall: Decimal | undefined;
  if (settings.overall === 'pooled') {
    overall = pct(factors.reduce((s, f) => s + f.satisfied, 0), factors.reduce((s, f) => s + f.n, 0));
  } else if (settings.overall === 'weighted_factors') {
    let top = ZERO, weight = ZERO;
    settings.factors.forEach((f, i) => {
      const p = factors[i].percent;
      if (!p || f.weight === undefined) return;
      top = top.plus(p.times(f.weight));
      weight = weight.plus(f.weight);
    });
    overall = weight.isZero() ? undefined : top.dividedBy(weight);
  } else {
    overall = mean(factors.flatMap((f) => (f.percent ? [f.percent] : [])));
  }
  return { responses: t.responses, items, factors, ...(overall && { overall }), expectations, profile };
}
