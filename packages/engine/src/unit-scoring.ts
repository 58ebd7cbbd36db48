import type { LeafInputs, RubricSettings } from '@parindex/contracts';
import { Decimal, ZERO, dec } from './decimal.ts';
import { type RubricIndex, leafApplies } from './rubric-index.ts';
import { evaluateLeaf, surveyNotApplicable } from './rules.ts';

/** What is known of one leaf for one unit: the raw inputs, and/or the decided points (appraised/final) that take precedence. */
export interface LeafScoreInput {
  inputs?: LeafInputs | null;
  points?: string | Decimal | null;
}

export interface LeafOutcome {
  code: string;
  points: Decimal;
  max: Decimal;
  /** Points lost (max − points) for score leaves; 0 for bonus and deduction. */
  lost: Decimal;
}

export interface NodeOutcome {
  code: string;
  depth: number;
  points: Decimal;
  max: Decimal;
}

/** A unit's points split as published: appraised (thẩm định), survey (điều tra XHH), bonus, deduction. */
export interface UnitScoring {
  appraised: Decimal;
  survey: Decimal;
  bonus: Decimal;
  deduction: Decimal;
  total: Decimal;
  max: Decimal;
  /** Fields, criteria and deeper interior nodes with an applicable maximum, in rubric order. */
  nodes: NodeOutcome[];
  leaves: LeafOutcome[];
  /** Survey leaves left out of the maximum because the survey scoring marked them not applicable, with the reason (for notes). */
  notApplicable: { code: string; max: Decimal; reason?: string }[];
}

/**
 * Scores one unit: Σ applicable appraised leaves + Σ survey leaves + bonus (≤ cap) − deductions (≤ cap);
 * the maximum is Σ maxima of applicable score leaves. A leaf whose rule finds nothing happened and
 * is set "not applicable" leaves the maximum too, as does a survey leaf the survey scoring marked
 * not applicable (too few answers). Interior nodes aggregate score leaves only.
 */
export function scoreUnit(
  index: RubricIndex,
  group: string,
  excluded: ReadonlySet<string>,
  scores: ReadonlyMap<string, LeafScoreInput>,
): UnitScoring {
  const settings: RubricSettings = index.doc.settings;
  let appraised = ZERO, survey = ZERO, bonus = ZERO, bonusMax = ZERO, deduction = ZERO, deductionMax = ZERO, max = ZERO;
  const nodePoints = new Map<string, { points: Decimal; max: Decimal }>();
  const leaves: LeafOutcome[] = [];
  const notApplicable: UnitScoring['notApplicable'] = [];
  for (const leaf of index.leaves) {
    if (!leafApplies(leaf, group, excluded)) continue;
    const s = scores.get(leaf.code);
    // Checked before decided points: a stale score left on the row must not bring the leaf back.
    if (surveyNotApplicable(leaf, s?.inputs)) {
      notApplicable.push({ code: leaf.code, max: leaf.max, ...(s?.inputs?.reason !== undefined && { reason: s.inputs.reason }) });
      continue;
    }
    let points: Decimal;
    if (s?.points !== undefined && s.points !== null) points = dec(s.points);
    else {
      const ev = evaluateLeaf(leaf, s?.inputs ?? undefined, settings);
      if (!ev.applicable) continue;
      points = ev.points;
    }
    if (leaf.effect === 'bonus') {
      bonus = bonus.plus(points);
      bonusMax = bonusMax.plus(leaf.max);
      leaves.push({ code: leaf.code, points, max: leaf.max, lost: ZERO });
      continue;
    }
    if (leaf.effect === 'deduction') {
      deduction = deduction.plus(points);
      deductionMax = deductionMax.plus(leaf.max);
      leaves.push({ code: leaf.code, points, max: leaf.max, lost: ZERO });
      continue;
    }
    if (leaf.source === 'survey') survey = survey.plus(points);
    else appraised = appraised.plus(points);
    max = max.plus(leaf.max);
    leaves.push({ code: leaf.code, points, max: leaf.max, lost: leaf.max.minus(points) });
    for (const a of leaf.ancestors) {
      const n = nodePoints.get(a) ?? { points: ZERO, max: ZERO };
      nodePoints.set(a, { points: n.points.plus(points), max: n.max.plus(leaf.max) });
    }
  }
  bonus = Decimal.min(bonus, settings.bonusCap !== undefined ? dec(settings.bonusCap) : bonusMax);
  deduction = Decimal.min(deduction, settings.deductionCap !== undefined ? dec(settings.deductionCap) : deductionMax);
  const total = Decimal.max(ZERO, appraised.plus(survey).plus(bonus).minus(deduction));
  const nodes: NodeOutcome[] = [];
  for (const [code, n] of index.nodes) {
    const agg = nodePoints.get(code);
    if (agg && !n.isLeaf && agg.max.greaterThan(0)) nodes.push({ code, depth: n.depth, points: agg.points, max: agg.max });
  }
  return { appraised, survey, bonus, deduction, total, max, nodes, leaves, notApplicable };
}
