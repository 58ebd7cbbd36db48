import type { CountTier, LeafInputs, RubricSettings, ScoringRule, WhenNone } from '@parindex/contracts';
import { Decimal, ZERO, dec, formatVi, roundHalfUp } from './decimal.ts';
import type { IndexedLeaf } from './rubric-index.ts';

/** The outcome of a leaf's rule: its points, or that it does not apply ("không phát sinh" treated as not applicable). */
export interface LeafEvaluation {
  points: Decimal;
  applicable: boolean;
}

/** A problem with a unit's raw inputs for a leaf, in Vietnamese, naming the input. */
export interface InputProblem {
  leafCode: string;
  field: keyof LeafInputs;
  message: string;
}

type RuleSettings = Pick<RubricSettings, 'pointDecimals' | 'evidencePolicy'>;

/**
 * A survey leaf the survey scoring marked not applicable to the unit (too few answers under the
 * `not_applicable` fallback): it leaves the unit's maximum like an exclusion. Only survey leaves:
 * a unit takes an appraised leaf out of its own maximum only by a "không phát sinh" answer under a
 * rule that says "Không phát sinh: không tính" (ruleNotApplicable).
 */
export function surveyNotApplicable(leaf: Pick<IndexedLeaf, 'source'>, inputs: LeafInputs | null | undefined): boolean {
  return leaf.source === 'survey' && inputs?.notApplicable === true;
}

const isRatio = (rule: ScoringRule) => rule.type === 'ratio_bands' || rule.type === 'proportional';

/**
 * Whether the inputs answer "không phát sinh" (nothing to do this year): the unit's "Không phát
 * sinh" answer, or a ratio whose denominator is entered as 0. Never on a survey leaf.
 */
export function answersNone(rule: ScoringRule, inputs: LeafInputs | null | undefined): boolean {
  if (!inputs || rule.type === 'survey') return false;
  return inputs.noneOccurred === true || (isRatio(rule) && inputs.denominator === 0);
}

/**
 * A leaf the unit answered "không phát sinh" under a rule that says "Không phát sinh: không tính":
 * it leaves the unit's maximum like an exclusion, whatever points are on its row (the approved
 * figure of such a leaf is the 0 its self-assessment recorded).
 */
export function ruleNotApplicable(leaf: Pick<IndexedLeaf, 'rule'>, inputs: LeafInputs | null | undefined): boolean {
  return leaf.rule.type !== 'survey' && leaf.rule.whenNone === 'not_applicable' && answersNone(leaf.rule, inputs);
}

/**
 * Checks the raw inputs against the leaf's rule: missing values, unknown level, numerator above
 * denominator, points above the maximum, and a "không phát sinh" answer (or a zero denominator) on
 * a rule without a "Không phát sinh" clause — refused, never silently scored.
 */
export function checkLeafInputs(leaf: IndexedLeaf, inputs: LeafInputs): InputProblem[] {
  const p: InputProblem[] = [];
  const say = (field: keyof LeafInputs, message: string) => p.push({ leafCode: leaf.code, field, message });
  const rule = leaf.rule;
  if (rule.type !== 'survey' && inputs.noneOccurred === true) {
    // The answer replaces every other input of the rule.
    if (rule.whenNone === undefined)
      say('noneOccurred', `Tiêu chí ${leaf.code}: phương pháp chấm điểm của tiêu chí không có trường hợp "Không phát sinh", nên không trả lời "Không phát sinh" được; hãy nhập số liệu thực tế.`);
    return p;
  }
  const maxText = formatVi(leaf.max, 3).replace(/,?0+$/, '');
  const checkPoints = () => {
    if (inputs.points === undefined) return say('points', `Tiêu chí ${leaf.code}: chưa nhập điểm.`);
    const v = dec(inputs.points);
    if (v.isNegative()) say('points', `Tiêu chí ${leaf.code}: điểm không được âm.`);
    if (v.greaterThan(leaf.max)) say('points', `Tiêu chí ${leaf.code}: điểm ${inputs.points.replace('.', ',')} vượt điểm tối đa ${maxText}.`);
  };
  switch (rule.type) {
    case 'manual':
      checkPoints();
      break;
    case 'survey':
      if (!surveyNotApplicable(leaf, inputs)) checkPoints();
      break;
    case 'levels':
      if (inputs.level === undefined) say('level', `Tiêu chí ${leaf.code}: chưa chọn mức đánh giá.`);
      else if (!rule.levels.some((l) => l.code === inputs.level))
        say('level', `Tiêu chí ${leaf.code}: mức "${inputs.level}" không có trong bộ chỉ số.`);
      break;
    case 'binary':
      if (inputs.met === undefined) say('met', `Tiêu chí ${leaf.code}: chưa chọn Đạt/Không đạt.`);
      break;
    case 'ratio_bands':
    case 'proportional':
      if (inputs.numerator === undefined) say('numerator', `Tiêu chí ${leaf.code}: chưa nhập "${rule.numeratorLabel}".`);
      if (inputs.denominator === undefined) say('denominator', `Tiêu chí ${leaf.code}: chưa nhập "${rule.denominatorLabel}".`);
      if (inputs.numerator !== undefined && inputs.denominator !== undefined && inputs.numerator > inputs.denominator)
        say('numerator', `Tiêu chí ${leaf.code}: "${rule.numeratorLabel}" (${inputs.numerator}) lớn hơn "${rule.denominatorLabel}" (${inputs.denominator}).`);
      if (inputs.denominator === 0 && rule.whenNone === undefined)
        say('denominator', `Tiêu chí ${leaf.code}: "${rule.denominatorLabel}" bằng 0 (không phát sinh), nhưng phương pháp chấm điểm của tiêu chí không quy định trường hợp "Không phát sinh" nên không có điểm cho số liệu này; hãy kiểm tra lại số liệu.`);
      break;
    case 'count':
    case 'count_tiers':
    case 'count_deduction':
      if (inputs.count === undefined) say('count', `Tiêu chí ${leaf.code}: chưa nhập "${rule.countLabel}".`);
      break;
  }
  return p;
}

function whenNone(leaf: IndexedLeaf, mode: WhenNone): LeafEvaluation {
  if (mode === 'not_applicable') return { points: ZERO, applicable: false };
  return { points: mode === 'full' ? leaf.max : ZERO, applicable: true };
}

/** Ratio bands: the highest band whose threshold the ratio reaches (≥, or > when exclusive); none → 0. */
function ratioBandPoints(bands: { minPercent: string; exclusive?: boolean; points: string }[], ratioPercent: Decimal): Decimal {
  const sorted = [...bands].sort((a, b) => dec(b.minPercent).comparedTo(dec(a.minPercent)));
  for (const b of sorted) {
    const min = dec(b.minPercent);
    if (b.exclusive ? ratioPercent.greaterThan(min) : ratioPercent.greaterThanOrEqualTo(min)) return dec(b.points);
  }
  return ZERO;
}

/** A tier table on a count: the exact tier of the count, else the "or more" tier with the highest count reached, else 0. */
export function countTierPoints(tiers: readonly CountTier[], count: number): Decimal {
  const exact = tiers.find((t) => !t.orMore && t.count === count);
  if (exact) return dec(exact.points);
  let best: CountTier | undefined;
  for (const t of tiers) if (t.orMore && t.count <= count && (!best || t.count > best.count)) best = t;
  return best ? dec(best.points) : ZERO;
}

/** Deduction per occurrence inside a leaf: max − count × perItem, never below the floor. */
export function countDeductionPoints(max: Decimal, perItem: string, floor: string, count: number): Decimal {
  return Decimal.max(dec(floor), max.minus(dec(perItem).times(count)));
}

/**
 * Evaluates a leaf's scoring rule on the raw inputs. Rule-computed points keep `pointDecimals`
 * (half-up); survey points stay exact. Required evidence missing → 0, unless the rubric accepts an
 * explanation and it was accepted. For a deduction leaf the result is the amount to subtract.
 * Inputs must have passed checkLeafInputs.
 */
export function evaluateLeaf(leaf: IndexedLeaf, inputs: LeafInputs | undefined, settings: RuleSettings): LeafEvaluation {
  if (!inputs) return { points: ZERO, applicable: true };
  if (surveyNotApplicable(leaf, inputs)) return { points: ZERO, applicable: false };
  const rule = leaf.rule;
  // "Không phát sinh" (answered, or a zero denominator): the rule's clause; without one the
  // inputs were refused at entry (checkLeafInputs) and give nothing here.
  if (rule.type !== 'survey' && (inputs.noneOccurred === true || (isRatio(rule) && (inputs.denominator ?? 0) === 0)))
    return rule.whenNone !== undefined ? whenNone(leaf, rule.whenNone) : { points: ZERO, applicable: true };
  let points: Decimal;
  switch (rule.type) {
    case 'manual':
    case 'survey':
      points = inputs.points === undefined ? ZERO : dec(inputs.points);
      break;
    case 'levels':
      points = dec(rule.levels.find((l) => l.code === inputs.level)?.points ?? 0);
      break;
    case 'binary':
      points = inputs.met ? leaf.max : ZERO;
      break;
    case 'ratio_bands':
    case 'proportional': {
      const ratio = new Decimal(inputs.numerator ?? 0).dividedBy(inputs.denominator ?? 0);
      points =
        rule.type === 'proportional'
          ? roundHalfUp(leaf.max.times(ratio), settings.pointDecimals)
          : ratioBandPoints(rule.bands, ratio.times(100));
      break;
    }
    case 'count':
      points = Decimal.min(dec(rule.perItem).times(inputs.count ?? 0), leaf.max);
      break;
    case 'count_tiers':
      points = countTierPoints(rule.tiers, inputs.count ?? 0);
      break;
    case 'count_deduction':
      points = countDeductionPoints(leaf.max, rule.perItem, rule.floor, inputs.count ?? 0);
      break;
  }
  if (leaf.evidenceRequired && leaf.source === 'appraised' && leaf.effect === 'score' && inputs.hasEvidence !== true) {
    const explained = settings.evidencePolicy === 'explanation' && inputs.explanationAccepted === true;
    if (!explained) points = ZERO;
  }
  return { points, applicable: true };
}
