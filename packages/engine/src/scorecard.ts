/**
 * The unit scorecard (phiếu kết quả của đơn vị): component indices per field and criterion, the
 * comparison with the peer group, the unit's index over the years through lineage, and "what it
 * takes" — the points needed for the next class and the next rank, and the fewest leaves whose
 * lost points would cover them. Pure and exact, like the rest of the engine.
 */
import type { ClassBand, TiePolicy } from '@parindex/contracts';
import { type Change, type LineageLink, type PreviousResult, compareWithPrevious } from './comparison.ts';
import { Decimal, ZERO, dec, percent, sum } from './decimal.ts';
import { PUBLISHED_INDEX_DECIMALS, classify } from './ranking.ts';

/** A leaf the unit could still gain on: `lost` = max − points (0 for bonus and deduction leaves). */
export interface LostLeaf {
  code: string;
  lost: Decimal;
}

/** The leaves chosen to cover a gap, the points they give back together, and whether that is enough. */
export interface CoverPlan<L extends LostLeaf = LostLeaf> {
  leaves: L[];
  covered: Decimal;
  reachable: boolean;
}

/**
 * Fewest leaves whose lost points cover `gap` (≥ gap, or > gap when `strict`): take leaves by
 * largest lost points first. This is optimal for the count, since the k largest values have the
 * largest sum of any k leaves. Equal losses keep the input (rubric) order. When even every leaf
 * together does not cover the gap, all of them are returned with `reachable: false`.
 */
export function leavesToCover<L extends LostLeaf>(leaves: readonly L[], gap: Decimal, strict = false): CoverPlan<L> {
  const enough = (covered: Decimal) => (strict ? covered.greaterThan(gap) : covered.greaterThanOrEqualTo(gap));
  const candidates = leaves
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.lost.greaterThan(0))
    .sort((a, b) => b.l.lost.comparedTo(a.l.lost) || a.i - b.i)
    .map(({ l }) => l);
  const chosen: L[] = [];
  let covered = ZERO;
  for (const leaf of candidates) {
    if (enough(covered)) break;
    chosen.push(leaf);
    covered = covered.plus(leaf.lost);
  }
  return { leaves: chosen, covered, reachable: enough(covered) };
}

/** A unit's totals as ranked in its peer group. */
export interface RankedTotals {
  unitId: string;
  appraised: Decimal;
  survey: Decimal;
  total: Decimal;
  max: Decimal;
  /** Exact index (100 × total ÷ max). */
  index: Decimal;
  rank: number;
  /** Position in the group's published order. */
  order: number;
}

export interface ClassTarget {
  label: string;
  /** The band's minimum index. */
  min: Decimal;
  /**
   * The fewest points whose published (rounded) index reaches the band: (min − half a unit of the
   * last published decimal) × max ÷ 100 − total, exact — 79,995 is published as 80,00.
   */
  pointsNeeded: Decimal;
}

/**
 * The lowest exact index whose published figure (half-up to PUBLISHED_INDEX_DECIMALS) reaches
 * `min`: min − 0.005 for 2 decimals, since classify compares the rounded index with the band.
 */
export function lowestIndexPublishedAs(min: Decimal): Decimal {
  return min.minus(new Decimal(5).dividedBy(new Decimal(10).pow(PUBLISHED_INDEX_DECIMALS + 1)));
}

/**
 * Next class (xếp loại) up: the band just above the unit's current one, and the fewest points
 * that bring the unit's published index — the 2-decimal, half-up figure classification uses — to
 * its threshold on the unit's own scale (exact). Undefined when the unit is already in the
 * highest band.
 */
export function nextClassTarget(unit: Pick<RankedTotals, 'total' | 'max' | 'index'>, bands: readonly ClassBand[]): ClassTarget | undefined {
  const current = classify(unit.index, bands);
  const ascending = [...bands].sort((a, b) => dec(a.min).comparedTo(dec(b.min)));
  const at = ascending.findIndex((b) => b.label === current);
  const next = ascending.slice(at + 1).find((b) => dec(b.min).greaterThan(dec(ascending[at].min)));
  if (!next) return undefined;
  const min = dec(next.min);
  const needed = lowestIndexPublishedAs(min).times(unit.max).dividedBy(100).minus(unit.total);
  return { label: next.label, min, pointsNeeded: Decimal.max(ZERO, needed) };
}

export interface RankTarget {
  /** The rank the unit would reach. */
  rank: number;
  /** The unit to draw level with or to pass (the nearest one ranked above). */
  competitorId: string;
  competitorIndex: Decimal;
  /** Points at which the unit's index equals the competitor's: competitor index × max ÷ 100 − total, exact. */
  pointsNeeded: Decimal;
  /**
   * True when equalling the index is not enough and the unit must exceed `pointsNeeded`: with an
   * ordered tie-break the tie goes to the keys (appraised, survey…), which recovering points may
   * or may not win, so only a higher index is sure. With shared ranks an equal index shares the rank.
   */
  strict: boolean;
}

/**
 * Next rank up within the peer group: the nearest unit ranked above (the last in published order
 * among those with the next better rank) and the points that bring the unit's index level with
 * it. Under the "shared" tie policy an equal index shares its rank; under "ordered" the unit must
 * exceed it. Undefined for a unit ranked first. Ranks are decided on the exact index, not the
 * published one (rankUnits), so unlike the next class this figure has no rounding step: two units
 * both published at 85,00 can still be ranked apart, and a figure computed on the rounded index
 * would promise a rank the ranking does not give.
 */
export function nextRankTarget(unit: RankedTotals, group: readonly RankedTotals[], ties: TiePolicy): RankTarget | undefined {
  const above = group.filter((u) => u.unitId !== unit.unitId && u.rank < unit.rank);
  if (above.length === 0) return undefined;
  const nearestRank = Math.max(...above.map((u) => u.rank));
  const competitor = above.filter((u) => u.rank === nearestRank).sort((a, b) => b.order - a.order)[0];
  return {
    rank: competitor.rank,
    competitorId: competitor.unitId,
    competitorIndex: competitor.index,
    pointsNeeded: competitor.index.times(unit.max).dividedBy(100).minus(unit.total),
    strict: ties.mode === 'ordered',
  };
}

export interface WhatItTakes<L extends LostLeaf> {
  /** Σ lost points of the leaves: the most the unit could gain back. */
  recoverable: Decimal;
  nextClass?: ClassTarget & { plan: CoverPlan<L> };
  nextRank?: RankTarget & { plan: CoverPlan<L> };
}

/**
 * "What it takes" (cần bao nhiêu điểm): the next class and the next rank, each with the points
 * needed and the fewest leaves whose lost points cover them. Bonus points are not counted as a
 * way up: they are outside the scale and capped.
 */
export function whatItTakes<L extends LostLeaf>(
  unit: RankedTotals,
  leaves: readonly L[],
  bands: readonly ClassBand[],
  group: readonly RankedTotals[],
  ties: TiePolicy,
): WhatItTakes<L> {
  const out: WhatItTakes<L> = { recoverable: sum(leaves.filter((l) => l.lost.greaterThan(0)).map((l) => l.lost)) };
  const cls = nextClassTarget(unit, bands);
  if (cls) out.nextClass = { ...cls, plan: leavesToCover(leaves, cls.pointsNeeded) };
  const rank = nextRankTarget(unit, group, ties);
  if (rank) out.nextRank = { ...rank, plan: leavesToCover(leaves, rank.pointsNeeded, rank.strict) };
  return out;
}

/** A field, criterion or deeper node of one unit: points and applicable maximum. */
export interface NodePoints {
  code: string;
  points: Decimal;
  max: Decimal;
}

/** Component index (chỉ số thành phần) of a field or criterion = 100 × points ÷ applicable max, like the unit index. */
export function componentIndex(node: Pick<NodePoints, 'points' | 'max'>): Decimal | undefined {
  return percent(node.points, node.max);
}

export interface ComponentAverage {
  /** Mean of the component indices of the units to which the node applies (excluded units do not count). */
  mean: Decimal;
  count: number;
}

/** Peer-group average per field/criterion: the mean of the units' component indices (not of points), as the group index is. */
export function groupComponentAverages(units: readonly (readonly NodePoints[])[]): Map<string, ComponentAverage> {
  const acc = new Map<string, Decimal[]>();
  for (const nodes of units)
    for (const n of nodes) {
      const idx = componentIndex(n);
      if (idx === undefined) continue;
      const list = acc.get(n.code) ?? [];
      list.push(idx);
      acc.set(n.code, list);
    }
  const out = new Map<string, ComponentAverage>();
  for (const [code, list] of acc) out.set(code, { mean: sum(list).dividedBy(list.length), count: list.length });
  return out;
}

export interface ComponentComparison {
  code: string;
  index: Decimal;
  groupMean?: Decimal;
  /** index − group mean, in percentage points. */
  delta?: Decimal;
}

/** A unit's component indices against its group's averages, node by node. */
export function compareComponents(nodes: readonly NodePoints[], averages: ReadonlyMap<string, ComponentAverage>): ComponentComparison[] {
  const out: ComponentComparison[] = [];
  for (const n of nodes) {
    const index = componentIndex(n);
    if (index === undefined) continue;
    const avg = averages.get(n.code);
    out.push({ code: n.code, index, groupMean: avg?.mean, delta: avg ? index.minus(avg.mean) : undefined });
  }
  return out;
}

/** One earlier cycle's published results, for the trend. */
export interface PastCycle {
  cycleId: string;
  year: number;
  results: readonly PreviousResult[];
}

export interface TrendPoint {
  cycleId: string;
  year: number;
  /** direct: the unit itself or its 1:1 predecessor (with its rank); weighted: merged/split units' weighted index, no rank. */
  basis: 'direct' | 'weighted';
  index: Decimal;
  total: Decimal;
  rank?: number;
}

/**
 * A unit's index in each earlier cycle through lineage, with the same rule as the change on last
 * year (compareWithPrevious): the unit itself or a 1:1 predecessor → its own figures and rank;
 * merged or split → the weighted index of the predecessors and no rank. A merged unit stays
 * "weighted" in a year where only one of its predecessors had results: that predecessor's rank
 * is not the merged unit's. Cycles without any baseline for the unit are left out. Oldest first.
 */
export function unitTrend(unit: { unitId: string; total: Decimal; index: Decimal; rank: number }, past: readonly PastCycle[], lineage: readonly LineageLink[]): TrendPoint[] {
  const merged = lineage.filter((l) => l.successorId === unit.unitId).length > 1;
  const out: TrendPoint[] = [];
  for (const c of [...past].sort((a, b) => a.year - b.year)) {
    const change: Change | undefined = compareWithPrevious([unit], c.results, lineage).get(unit.unitId);
    if (!change || change.basis === 'none' || !change.previousIndex || !change.previousTotal) continue;
    const basis = merged ? 'weighted' : change.basis;
    out.push({
      cycleId: c.cycleId,
      year: c.year,
      basis,
      index: change.previousIndex,
      total: change.previousTotal,
      rank: basis === 'direct' ? change.previousRank : undefined,
    });
  }
  return out;
}

export type { Decimal };
