/**
 * Gaps and small derived figures the server shows next to stored results: points lost on a leaf
 * and the leaves that lost most, the change of a loss between two cycles, a unit's self-assessment
 * progress, bonus − deduction, and an external index's gap to its target and change on a year.
 * Exact decimals in, exact decimals out; rounding stays with display (decimal.ts).
 */
import { Decimal, ZERO, dec } from './decimal.ts';

type Exact = Decimal | string | number;

/** Points a leaf lost: max − points (exact). */
export function pointsLost(max: Exact, points: Exact): Decimal {
  return dec(max).minus(dec(points));
}

/** Leaves by points lost, most first; equal losses keep their order (stable). */
export function mostLostFirst<T extends { lost: Exact }>(leaves: readonly T[]): T[] {
  return [...leaves].sort((a, b) => dec(b.lost).comparedTo(dec(a.lost)));
}

const codeOrder = new Intl.Collator('vi', { numeric: true });

/** Only the leaves that lost points (lost > 0), most first; equal losses by code ("1.2" before "1.10"). */
export function leavesLosingPoints<T extends { code: string; lost: Exact }>(leaves: readonly T[]): T[] {
  return leaves.filter((l) => dec(l.lost).gt(0)).sort((a, b) => dec(b.lost).comparedTo(dec(a.lost)) || codeOrder.compare(a.code, b.code));
}

export type LossTrend = 'better' | 'worse' | 'same';

/** A leaf's loss then and now: points regained (then − now; > 0 better, < 0 worse). */
export function lossChange(lostThen: Exact, lostNow: Exact): { regained: Decimal; trend: LossTrend } {
  const regained = dec(lostThen).minus(dec(lostNow));
  return { regained, trend: regained.gt(0) ? 'better' : regained.lt(0) ? 'worse' : 'same' };
}

/** Net adjustment of a unit: bonus − deduction (exact). */
export function netAdjustment(bonus: Exact, deduction: Exact): Decimal {
  return dec(bonus).minus(dec(deduction));
}

export interface SelfEntry {
  effect: 'score' | 'bonus' | 'deduction';
  max: Exact;
  /** The unit's own points; null when not entered yet. */
  selfPoints: Exact | null;
}

/**
 * A unit's self-assessment so far: leaves entered, points claimed (score and bonus added,
 * deductions taken off) and the maximum of its score leaves.
 */
export function selfProgress(leaves: readonly SelfEntry[]): { done: number; claimed: Decimal; max: Decimal } {
  let done = 0;
  let claimed = ZERO;
  let max = ZERO;
  for (const leaf of leaves) {
    if (leaf.effect === 'score') max = max.plus(dec(leaf.max));
    if (leaf.selfPoints === null) continue;
    done++;
    claimed = leaf.effect === 'deduction' ? claimed.minus(dec(leaf.selfPoints)) : claimed.plus(dec(leaf.selfPoints));
  }
  return { done, claimed, max };
}

/** Up to `places` decimals, always rounded away from zero ("points still needed": 1.231 → "1.24"). */
export function toFixedUp(value: Decimal, places = 2): string {
  return value.toFixed(places, Decimal.ROUND_UP);
}

export interface IndexStanding {
  value: Exact;
  rank: number | null;
  /** How many were ranked (63 provinces, then 34 after the 2025 merger); null when not stated. */
  rankOf?: number | null;
}

export interface IndexTarget {
  targetValue: Exact | null;
  targetRank: number | null;
}

/**
 * Gap of a result to its target: rank places still to gain (rank − target rank; > 0 short, ≤ 0
 * met), value short (target − value; > 0 short, ≤ 0 met), and whether every set target is met
 * (null when neither is set).
 */
export function targetGap(result: IndexStanding, target: IndexTarget): { rank: number | null; value: Decimal | null; met: boolean | null } {
  const rank = target.targetRank !== null && result.rank !== null ? result.rank - target.targetRank : null;
  const value = target.targetValue !== null ? dec(target.targetValue).minus(dec(result.value)) : null;
  const checks = [rank === null ? null : rank <= 0, value === null ? null : value.lte(0)].filter((x): x is boolean => x !== null);
  return { rank, value, met: checks.length ? checks.every(Boolean) : null };
}

/**
 * Change on an earlier year: places gained (+) or lost (−) when both ranks are known and were
 * taken among as many (24/63 → 12/34 is no "12 places up": the population changed; the rank
 * is then null and the two positions are shown side by side), and the value change.
 */
export function standingChange(now: IndexStanding, before: IndexStanding): { rank: number | null; value: Decimal } {
  const samePopulation = (now.rankOf ?? null) === (before.rankOf ?? null);
  return {
    rank: now.rank !== null && before.rank !== null && samePopulation ? before.rank - now.rank : null,
    value: dec(now.value).minus(dec(before.value)),
  };
}

/** The components' sum and how far it lies from the stated total (absolute). */
export function componentSumGap(values: readonly Exact[], total: Exact): { sum: Decimal; gap: Decimal } {
  const sum = values.reduce<Decimal>((s, v) => s.plus(dec(v)), ZERO);
  return { sum, gap: sum.minus(dec(total)).abs() };
}
