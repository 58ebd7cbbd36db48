import type { LeafInputs, RubricSettings } from '@parindex/contracts';
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
 * a unit cannot take an appraised leaf out of its own maximum through its inputs.
 */
export function surveyNotApplicable(leaf: Pick<IndexedLeaf, 'source'>, inputs: LeafInputs | null | undefined): boolean {
  return leaf.source === 'survey' && inputs?.notApplicable === true;
}

/** Checks the raw inputs against the leaf's rule: missing values, unknown level, numerator above denominator, points above the maximum. */
export function checkLeafInputs(leaf: IndexedLeaf, inputs: LeafInputs): InputProblem[] {
  const p: InputProblem[] = [];
  const say = (field: keyof LeafInputs, message: string) => p.push({ leafCode: leaf.code, field, message });
  const rule = leaf.rule;
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
      break;
    case 'count':
      if (inputs.count === undefined) say('count', `Tiêu chí ${leaf.code}: chưa nhập "${rule.countLabel}".`);
      break;
  }
  return p;
}

function whenNone(leaf: IndexedLeaf, mode: 'full' | 'zero' | 'not_applicable'): LeafEvaluation {
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
      const den = inputs.denominator ?? 0;
      if (den === 0) return whenNone(leaf, rule.whenNone);
      const ratio = new Decimal(inputs.numerator ?? 0).dividedBy(den);
      points =
        rule.type === 'proportional'
          ? roundHalfUp(leaf.max.times(ratio), settings.pointDecimals)
          : ratioBandPoints(rule.bands, ratio.times(100));
      break;
    }
    case 'count':
      points = Decimal.min(dec(rule.perItem).times(inputs.count ?? 0), leaf.max);
      break;
  }
  if (leaf.evidenceRequired && leaf.source === 'appraised' && leaf.effect === 'score' && inputs.hasEvidence !== true) {
    const explained = settings.evidencePolicy === 'explanation' && inputs.explanationAccepted === true;
    if (!explained) points = ZERO;
  }
  return { points, applicable: true };
}
