import type { LeafSurveyScoring, Questionnaire, SurveyFallback, SurveyResponse } from '@parindex/contracts';
import { Decimal, HUNDRED, ZERO, dec, formatVi } from '../decimal.ts';
import { meanInterval } from './confidence.ts';
import { indexQuestionnaire, resolveLeafScoring } from './questionnaire-index.ts';

export interface SurveyScoringOptions {
  /** The maximum of every survey leaf to score, by leaf code (from the rubric version). */
  leafMax: Readonly<Record<string, Decimal | string>>;
  /** The units scored, in the order results are wanted. */
  unitCodes: readonly string[];
  /** Responses left out (quality review, re-check): they count as if absent. */
  excludedIds?: Iterable<string>;
  /** Peer group of each unit, for the `group_mean` fallback; absent = all units form one group. */
  unitGroups?: Readonly<Record<string, string>>;
  /** Whether the leaf applies to the unit (peer group, exclusions); absent = always. */
  applies?: (unitCode: string, leafCode: string) => boolean;
  /** Scoring settings that take precedence over the questionnaires' own. */
  leafScoring?: readonly LeafSurveyScoring[];
}

export interface SurveyInterval {
  low: Decimal;
  high: Decimal;
}

/** One unit's points on one survey leaf. */
export interface SurveyLeafScore {
  unitCode: string;
  leafCode: string;
  max: Decimal;
  /** Valid answers about the unit (options with a weight, from groups asked the question). */
  n: number;
  /** Mean weight of the valid answers, 0–1; undefined without answers. */
  meanWeight?: Decimal;
  /** What multiplies the maximum: the mean weight, the share at/above the threshold, or the fallback's; undefined when not applicable. */
  ratio?: Decimal;
  /** Exact points (điểm điều tra XHH). */
  points: Decimal;
  applicable: boolean;
  /** Set when a fallback applied (too few answers); `reason` says why, in Vietnamese. */
  flagged: boolean;
  fallback?: SurveyFallback;
  reason?: string;
  /** 95% confidence interval of the points, within [0, max]; only when computed from ≥ 2 answers. */
  ci?: SurveyInterval;
}

/** A unit's survey points over the applicable survey leaves. */
export interface SurveyUnitScore {
  unitCode: string;
  points: Decimal;
  max: Decimal;
  flaggedLeaves: number;
  /**
   * Sum of the leaves' interval ends — the normal-approximation interval of the total with the
   * largest spread any correlation between leaves allows (SD of a sum ≤ sum of SDs), so never too
   * narrow. Leaves without an interval contribute their points to both ends; `ciComplete` is then false.
   */
  ci?: SurveyInterval;
  ciComplete: boolean;
}

export interface SurveyScoring {
  leaves: SurveyLeafScore[];
  units: SurveyUnitScore[];
  /** Responses read, excluded, and of no questionnaire given. */
  responses: { total: number; excluded: number; otherQuestionnaire: number };
  /** Leaves linked by questions but absent from leafMax (not scored: check the rubric). */
  unknownLeaves: string[];
}

interface LeafPlan {
  code: string;
  max: Decimal;
  scoring: LeafSurveyScoring;
  /** Distinct weights as fractions 0–1, and their index by percent text. */
  weights: Decimal[];
  weightIndex: Map<string, number>;
  counts: Int32Array;
}

interface QuestionPlan {
  code: string;
  leaf: LeafPlan;
  /** The unit a `named` question rates (−1 when not among the units scored); undefined = the form's unit. */
  namedUnit?: number;
  optionWeight: Map<string, number>;
  groups?: ReadonlySet<string>;
}

const vi = (d: Decimal, places = 2) => formatVi(d, places).replace(/,?0+$/, '');

/**
 * Scores every survey leaf for every unit (điểm điều tra XHH): points = max × the mean weight of
 * the valid answers about the unit, or max × the share of answers whose weight reaches the
 * threshold, per the leaf's formula. Below the leaf's minimum of answers its fallback applies and
 * the result is flagged. Answers are tallied per weight, so the result is exact and independent of
 * the order of the responses; an excluded response counts exactly as an absent one.
 */
export function scoreSurveyLeaves(
  questionnaires: Questionnaire | readonly Questionnaire[],
  responses: Iterable<SurveyResponse>,
  options: SurveyScoringOptions,
): SurveyScoring {
  const list: readonly Questionnaire[] = Array.isArray(questionnaires) ? questionnaires : [questionnaires as Questionnaire];
  const units = options.unitCodes;
  const unitIndex = new Map(units.map((u, i) => [u, i]));
  const leafCodes = Object.keys(options.leafMax);
  const scoring = resolveLeafScoring(list, leafCodes, options.leafScoring);

  const leaves = new Map<string, LeafPlan>();
  for (const code of leafCodes) {
    leaves.set(code, { code, max: dec(options.leafMax[code]), scoring: scoring.get(code)!, weights: [], weightIndex: new Map(), counts: new Int32Array(0) });
  }
  const unknownLeaves = new Set<string>();
  const byQuestionnaire = new Map<string, QuestionPlan[]>();
  for (const q of list) {
    const idx = indexQuestionnaire(q);
    const plans: QuestionPlan[] = [];
    for (const iq of idx.questions.values()) {
      const link = iq.question.scoring;
      if (!link) continue;
      const leaf = leaves.get(link.leafCode);
      if (!leaf) { unknownLeaves.add(link.leafCode); continue; }
      const optionWeight = new Map<string, number>();
      for (const o of iq.question.options) {
        if (o.weight === undefined) continue;
        const key = dec(o.weight).toFixed();
        let wi = leaf.weightIndex.get(key);
        if (wi === undefined) {
          wi = leaf.weights.length;
          leaf.weightIndex.set(key, wi);
          leaf.weights.push(dec(o.weight).dividedBy(HUNDRED));
        }
        optionWeight.set(o.code, wi);
      }
      plans.push({
        code: iq.question.code,
        leaf,
        ...(link.evaluatedUnit === 'named' && { namedUnit: unitIndex.get(link.unitCode ?? '') ?? -1 }),
        optionWeight,
        ...(iq.groups && { groups: iq.groups }),
      });
    }
    byQuestionnaire.set(q.code, plans);
  }
  for (const leaf of leaves.values()) leaf.counts = new Int32Array(units.length * leaf.weights.length);

  const excluded = new Set(options.excludedIds ?? []);
  const stats = { total: 0, excluded: 0, otherQuestionnaire: 0 };
  for (const r of responses) {
    stats.total++;
    if (excluded.has(r.id)) { stats.excluded++; continue; }
    const plans = byQuestionnaire.get(r.questionnaireCode);
    if (!plans) { stats.otherQuestionnaire++; continue; }
    const formUnit = r.evaluatedUnitCode === undefined ? -1 : unitIndex.get(r.evaluatedUnitCode) ?? -1;
    for (const p of plans) {
      const answer = r.answers[p.code];
      if (typeof answer !== 'string') continue;
      const wi = p.optionWeight.get(answer);
      if (wi === undefined) continue;
      if (p.groups && !p.groups.has(r.respondentGroup)) continue;
      const u = p.namedUnit ?? formUnit;
      if (u < 0) continue;
      p.leaf.counts[u * p.leaf.weights.length + wi]++;
    }
  }

  const byLeaf = new Map<string, SurveyLeafScore[]>();
  for (const leaf of leaves.values()) byLeaf.set(leaf.code, scoreLeaf(leaf, units, options));
  const out: SurveyLeafScore[] = [];
  const totals: SurveyUnitScore[] = [];
  units.forEach((unitCode, u) => {
    const mine = leafCodes.map((code) => byLeaf.get(code)![u]);
    out.push(...mine);
    totals.push(surveyUnitTotal(unitCode, mine));
  });
  return { leaves: out, units: totals, responses: stats, unknownLeaves: [...unknownLeaves].sort() };
}

/** The part of a leaf score a unit's total needs — also what is stored of it, so totals can be re-formed from stored rows. */
export type SurveyLeafTotalInput = Pick<SurveyLeafScore, 'points' | 'max' | 'applicable' | 'flagged' | 'ci'>;

/**
 * A unit's survey points over its leaves: Σ points and Σ maxima of the applicable leaves (a leaf
 * not applicable leaves the maximum), the leaves flagged, and the sum of the interval ends.
 */
export function surveyUnitTotal(unitCode: string, leaves: Iterable<SurveyLeafTotalInput>): SurveyUnitScore {
  let points = ZERO, max = ZERO, low = ZERO, high = ZERO;
  let flaggedLeaves = 0, withCi = 0, applicable = 0;
  for (const s of leaves) {
    if (s.flagged) flaggedLeaves++;
    if (!s.applicable) continue;
    applicable++;
    points = points.plus(s.points);
    max = max.plus(s.max);
    low = low.plus(s.ci?.low ?? s.points);
    high = high.plus(s.ci?.high ?? s.points);
    if (s.ci) withCi++;
  }
  return { unitCode, points, max, flaggedLeaves, ...(withCi > 0 && { ci: { low, high } }), ciComplete: withCi === applicable && applicable > 0 };
}

/** One leaf for every unit: the tallies to points, then the fallbacks (group mean needs the others first). */
function scoreLeaf(leaf: LeafPlan, units: readonly string[], options: SurveyScoringOptions): SurveyLeafScore[] {
  const { scoring, max, weights } = leaf;
  const W = weights.length;
  const formula = scoring.formula;
  const threshold = formula.type === 'share_at_least' ? dec(formula.threshold).dividedBy(HUNDRED) : undefined;
  const results: SurveyLeafScore[] = [];
  const needFallback: number[] = [];
  units.forEach((unitCode, u) => {
    const base = { unitCode, leafCode: leaf.code, max };
    if (options.applies && !options.applies(unitCode, leaf.code)) {
      results.push({ ...base, n: 0, points: ZERO, applicable: false, flagged: false, reason: 'Tiêu chí không áp dụng cho đơn vị.' });
      return;
    }
    let n = 0, sum = ZERO, sumSq = ZERO, hits = 0;
    for (let w = 0; w < W; w++) {
      const c = leaf.counts[u * W + w];
      if (c === 0) continue;
      n += c;
      sum = sum.plus(weights[w].times(c));
      sumSq = sumSq.plus(weights[w].times(weights[w]).times(c));
      if (threshold && weights[w].greaterThanOrEqualTo(threshold)) hits += c;
    }
    const s: SurveyLeafScore = { ...base, n, points: ZERO, applicable: true, flagged: false };
    if (n > 0) {
      s.meanWeight = sum.dividedBy(n);
      // Multiply before dividing so points stay exact whenever the quotient terminates.
      const top = threshold ? new Decimal(hits) : sum;
      s.ratio = top.dividedBy(n);
      s.points = max.times(top).dividedBy(n);
      const ci = threshold ? meanInterval(n, new Decimal(hits), new Decimal(hits)) : meanInterval(n, sum, sumSq);
      if (ci) s.ci = { low: max.times(ci.low), high: max.times(ci.high) };
    }
    results.push(s);
    if (n < scoring.minAnswers) needFallback.push(u);
  });
  if (needFallback.length === 0) return results;

  const short = new Set(needFallback);
  const groupOf = (u: number) => options.unitGroups?.[units[u]] ?? '';
  for (const u of needFallback) {
    const s = results[u];
    const head = s.n === 0
      ? `Không có câu trả lời hợp lệ nào về đơn vị (tối thiểu ${scoring.minAnswers})`
      : `Chỉ có ${s.n} câu trả lời hợp lệ về đơn vị (tối thiểu ${scoring.minAnswers})`;
    s.flagged = true;
    s.fallback = scoring.fallback;
    const notApplicable = (why: string) => {
      Object.assign(s, { applicable: false, points: ZERO, reason: `${head}${why}` });
      delete s.ratio;
      delete s.ci;
    };
    switch (scoring.fallback) {
      case 'zero':
        Object.assign(s, { points: ZERO, ratio: ZERO, reason: `${head}: chấm 0 điểm.` });
        delete s.ci;
        break;
      case 'full':
        Object.assign(s, { points: max, ratio: new Decimal(1), reason: `${head}: chấm đủ điểm tối đa ${vi(max, 3)}.` });
        delete s.ci;
        break;
      case 'not_applicable':
        notApplicable(': tiêu chí không tính cho đơn vị (điểm tối đa của đơn vị giảm tương ứng).');
        break;
      case 'use_available':
        if (s.n === 0) notApplicable(' nên tiêu chí không tính cho đơn vị.');
        else s.reason = `${head}: vẫn tính theo ${s.n} câu trả lời hiện có.`;
        break;
      case 'group_mean': {
        const peers = results.filter((p, i) => !short.has(i) && p.applicable && p.ratio !== undefined && groupOf(i) === groupOf(u));
        if (peers.length === 0) {
          notApplicable(`; không có đơn vị cùng nhóm nào đủ số câu trả lời để lấy bình quân, nên tiêu chí không tính cho đơn vị.`);
          break;
        }
        let total = ZERO;
        for (const p of peers) total = total.plus(p.ratio!);
        const ratio = total.dividedBy(peers.length);
        Object.assign(s, {
          ratio,
          points: max.times(ratio),
          reason: `${head}: lấy bình quân của ${peers.length} đơn vị cùng nhóm đủ số câu trả lời (${vi(ratio.times(HUNDRED))}% điểm tối đa).`,
        });
        delete s.ci;
        break;
      }
    }
  }
  return results;
}
