import type { LeafInputs, RubricSettings } from '@parindex/contracts';
import { Decimal, ZERO, dec } from './decimal.ts';
import { type RubricIndex, leafApplies } from './rubric-index.ts';
import { evaluateLeaf } from './rules.ts';

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
}

/**
 * Scores one unit: Σ applicable appraised leaves + Σ survey leaves + bonus (≤ cap) − deductions (≤ cap);
 * the maximum is Σ maxima of applicable score leaves. A leaf whose rule finds nothing happened and
 * is set "not applicable" leaves the maximum too. Interior nodes aggregate score leaves only.
 */
export function scoreUnit(
  index: RubricIndex,
  group: string,
  excluded: ReadonlySet<string>,
  scores: ReadonlyMap<string, LeafScoreInput>,
): UnitScoring {
  const settings: RubricSettings = index.doc.settings;
  let appraised = ZERO, survey = ZERO, bonus = ZERO, deduction = ZERO;
  const nodePoints = new Map<string, Decimal>();
  const leaves: LeafOutcome[] = [];
  /** Positions of the leaves that count for this unit: its maxima depend on nothing else. */
  let counted = '';
  for (let i = 0; i < index.leaves.length; i++) {
    const leaf = index.leaves[i];
    if (!leafApplies(leaf, group, excluded)) continue;
    const s = scores.get(leaf.code);
    let points: Decimal;
    if (s?.points !== undefined && s.points !== null) points = dec(s.points);
    else {
      const ev = evaluateLeaf(leaf, s?.inputs ?? undefined, settings);
      if (!ev.applicable) continue;
      points = ev.points;
    }
    counted += `${i},`;
    if (leaf.effect === 'bonus') {
      bonus = bonus.plus(points);
      leaves.push({ code: leaf.code, points, max: leaf.max, lost: ZERO });
      continue;
    }
    if (leaf.effect === 'deduction') {
      deduction = deduction.plus(points);
      leaves.push({ code: leaf.code, points, max: leaf.max, lost: ZERO });
      continue;
    }
    if (leaf.source === 'survey') survey = survey.plus(points);
    else appraised = appraised.plus(points);
    leaves.push({ code: leaf.code, points, max: leaf.max, lost: leaf.max.minus(points) });
    for (const a of leaf.ancestors) {
      const p = nodePoints.get(a);
      nodePoints.set(a, p ? p.plus(points) : ZERO.plus(points));
    }
  }
  const m = maximaOf(index, counted);
  bonus = Decimal.min(bonus, settings.bonusCap !== undefined ? dec(settings.bonusCap) : m.bonusMax);
  deduction = Decimal.min(deduction, settings.deductionCap !== undefined ? dec(settings.deductionCap) : m.deductionMax);
  const total = Decimal.max(ZERO, appraised.plus(survey).plus(bonus).minus(deduction));
  const nodes: NodeOutcome[] = [];
  for (const [code, n] of index.nodes) {
    const max = m.nodeMax.get(code);
    if (max && !n.isLeaf && max.greaterThan(0)) nodes.push({ code, depth: n.depth, points: nodePoints.get(code)!, max });
  }
  return { appraised, survey, bonus, deduction, total, max: m.max, nodes, leaves };
}

interface Maxima {
  /** Σ maxima of the counted score leaves (the applicable maximum). */
  max: Decimal;
  bonusMax: Decimal;
  deductionMax: Decimal;
  /** Per interior node with a counted score leaf under it: Σ maxima of those leaves. */
  nodeMax: Map<string, Decimal>;
}

/**
 * The maxima for one set of counted leaves (`counted`: their positions, "3,4,7,"). Most units of a
 * cycle count the same leaves, so each set is summed once per rubric index — in leaf order, as
 * the points are, so the figures are the same as summing them unit by unit.
 */
const maximaCache = new WeakMap<RubricIndex, Map<string, Maxima>>();
const MAXIMA_PER_RUBRIC = 256;

function maximaOf(index: RubricIndex, counted: string): Maxima {
  let cache = maximaCache.get(index);
  if (!cache) maximaCache.set(index, (cache = new Map()));
  const hit = cache.get(counted);
  if (hit) return hit;
  let max = ZERO, bonusMax = ZERO, deductionMax = ZERO;
  const nodeMax = new Map<string, Decimal>();
  for (const i of counted.split(',')) {
    if (i === '') continue;
    const leaf = index.leaves[Number(i)];
    if (leaf.effect === 'bonus') bonusMax = bonusMax.plus(leaf.max);
    else if (leaf.effect === 'deduction') deductionMax = deductionMax.plus(leaf.max);
    else {
      max = max.plus(leaf.max);
      for (const a of leaf.ancestors) nodeMax.set(a, (nodeMax.get(a) ?? ZERO).plus(leaf.max));
    }
  }
  const m = { max, bonusMax, deductionMax, nodeMax };
  if (cache.size >= MAXIMA_PER_RUBRIC) cache.clear();
  cache.set(counted, m);
  return m;
}
