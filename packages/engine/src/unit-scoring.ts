import type { LeafInputs, RubricSettings } from '@parindex/contracts';
import { Decimal, ZERO, dec } from './decimal.ts';
import { type IndexedLeaf, type RubricIndex, leafApplies } from './rubric-index.ts';
import { conditionHolds, describeConditionTest } from './rule-conditions.ts';
import { evaluateLeaf, ruleNotApplicable, surveyNotApplicable } from './rules.ts';

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
  /**
   * Leaves left out of the maximum with the reason (for notes): survey leaves the survey scoring
   * marked not applicable, "không phát sinh" answers under a "không tính" clause, and leaves a
   * condition takes out.
   */
  notApplicable: { code: string; max: Decimal; reason?: string }[];
}

/** A leaf's points for the unit before they are summed: after its rule, then after the conditions. */
interface LeafState {
  leaf: IndexedLeaf;
  points: Decimal;
  applicable: boolean;
  reason?: string;
}

/**
 * Scores one unit: Σ applicable appraised leaves + Σ survey leaves + bonus (≤ cap) − deductions (≤ cap);
 * the maximum is Σ maxima of applicable score leaves. A leaf leaves the maximum when the unit
 * answered "không phát sinh" under a "không tính" clause, when a survey leaf was marked not
 * applicable by the survey scoring (too few answers), or when a condition on another leaf says so;
 * a condition may also set a leaf's points to 0 (conditions run after every leaf's own rule, in
 * dependency order: rule-conditions.ts). Interior nodes aggregate score leaves only.
 */
export function scoreUnit(
  index: RubricIndex,
  group: string,
  excluded: ReadonlySet<string>,
  scores: ReadonlyMap<string, LeafScoreInput>,
): UnitScoring {
  const settings: RubricSettings = index.doc.settings;
  const states = new Map<string, LeafState>();
  for (const leaf of index.leaves) {
    if (!leafApplies(leaf, group, excluded)) continue;
    const s = scores.get(leaf.code);
    // Checked before decided points: a stale score left on the row must not bring the leaf back.
    if (surveyNotApplicable(leaf, s?.inputs)) {
      states.set(leaf.code, { leaf, points: ZERO, applicable: false, ...(s?.inputs?.reason !== undefined && { reason: s.inputs.reason }) });
      continue;
    }
    if (ruleNotApplicable(leaf, s?.inputs)) {
      states.set(leaf.code, { leaf, points: ZERO, applicable: false, reason: 'Không phát sinh: tiêu chí không tính vào thang điểm của đơn vị.' });
      continue;
    }
    if (s?.points !== undefined && s.points !== null) states.set(leaf.code, { leaf, points: dec(s.points), applicable: true });
    else {
      const ev = evaluateLeaf(leaf, s?.inputs ?? undefined, settings);
      states.set(leaf.code, { leaf, points: ev.points, applicable: ev.applicable });
    }
  }
  applyConditions(index, states);

  let appraised = ZERO, survey = ZERO, bonus = ZERO, bonusMax = ZERO, deduction = ZERO, deductionMax = ZERO, max = ZERO;
  const nodePoints = new Map<string, { points: Decimal; max: Decimal }>();
  const leaves: LeafOutcome[] = [];
  const notApplicable: UnitScoring['notApplicable'] = [];
  for (const { leaf, points, applicable, reason } of states.values()) {
    if (!applicable) {
      if (reason !== undefined || leaf.source === 'survey') notApplicable.push({ code: leaf.code, max: leaf.max, ...(reason !== undefined && { reason }) });
      continue;
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

/**
 * Conditions between leaves, in dependency order: when the named leaf (applicable to the unit)
 * has points below / at most / equal to the value, the leaf scores 0 or leaves the maximum ("không
 * tính" wins over 0). A named leaf that does not apply to the unit decides nothing.
 */
function applyConditions(index: RubricIndex, states: Map<string, LeafState>): void {
  for (const code of index.conditionOrder) {
    const state = states.get(code);
    if (!state || !state.applicable) continue;
    for (const c of state.leaf.conditions ?? []) {
      const target = states.get(c.leaf);
      if (!target || !target.applicable || !conditionHolds(c, target.points)) continue;
      if (c.then === 'not_applicable') {
        state.applicable = false;
        state.reason = `Không tính theo điều kiện của tiêu chí ${c.from}: ${describeConditionTest(c)}.`;
        break;
      }
      state.points = ZERO;
    }
  }
}
