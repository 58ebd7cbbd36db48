import { Decimal, ZERO, sum } from './decimal.ts';

/** Last cycle's published figures of a unit. */
export interface PreviousResult {
  unitId: string;
  total: Decimal;
  index: Decimal;
  rank: number;
}

/** Unit lineage (predecessor → successor with a weight, e.g. population share) for the 2025 mergers. */
export interface LineageLink {
  predecessorId: string;
  successorId: string;
  weight: Decimal;
}

/** Change against the previous cycle. rankDelta > 0 means the unit moved up ("tăng N bậc"). */
export interface Change {
  basis: 'direct' | 'weighted' | 'none';
  previousIndex?: Decimal;
  previousTotal?: Decimal;
  previousRank?: number;
  indexDelta?: Decimal;
  totalDelta?: Decimal;
  rankDelta?: number;
}

export interface CurrentResult {
  unitId: string;
  total: Decimal;
  index: Decimal;
  rank: number;
}

/**
 * Compares each unit with the previous cycle through lineage. Same unit, or a 1:1 successor (one
 * predecessor that has no other successor) → direct: points, index and rank change. Merged from
 * several, or split from one → weighted baseline (Σ wᵢ·xᵢ ÷ Σ wᵢ of the predecessors' index and
 * points) and no rank change, because the ranking is not comparable. No baseline → basis "none".
 */
export function compareWithPrevious(
  current: readonly CurrentResult[],
  previous: readonly PreviousResult[],
  lineage: readonly LineageLink[],
): Map<string, Change> {
  const prevById = new Map(previous.map((p) => [p.unitId, p]));
  const predecessorsOf = new Map<string, LineageLink[]>();
  const successorCount = new Map<string, number>();
  for (const l of lineage) {
    predecessorsOf.set(l.successorId, [...(predecessorsOf.get(l.successorId) ?? []), l]);
    successorCount.set(l.predecessorId, (successorCount.get(l.predecessorId) ?? 0) + 1);
  }
  const out = new Map<string, Change>();
  for (const c of current) {
    const allLinks = predecessorsOf.get(c.unitId) ?? [];
    const links = allLinks.filter((l) => prevById.has(l.predecessorId));
    // Direct only for a true 1:1 lineage: a unit merged from several stays "weighted" (no rank
    // change) even when only one of its predecessors had results last year.
    const direct =
      allLinks.length === 1 && links.length === 1 && successorCount.get(links[0].predecessorId) === 1
        ? prevById.get(links[0].predecessorId)
        : links.length === 0 && !predecessorsOf.has(c.unitId)
          ? prevById.get(c.unitId)
          : undefined;
    if (direct) {
      out.set(c.unitId, {
        basis: 'direct',
        previousIndex: direct.index,
        previousTotal: direct.total,
        previousRank: direct.rank,
        indexDelta: c.index.minus(direct.index),
        totalDelta: c.total.minus(direct.total),
        rankDelta: direct.rank - c.rank,
      });
      continue;
    }
    if (links.length === 0) {
      out.set(c.unitId, { basis: 'none' });
      continue;
    }
    const weights = sum(links.map((l) => l.weight));
    if (weights.lessThanOrEqualTo(ZERO)) {
      out.set(c.unitId, { basis: 'none' });
      continue;
    }
    const weighted = (pick: (p: PreviousResult) => Decimal) =>
      sum(links.map((l) => l.weight.times(pick(prevById.get(l.predecessorId)!)))).dividedBy(weights);
    const previousIndex = weighted((p) => p.index);
    const previousTotal = weighted((p) => p.total);
    out.set(c.unitId, {
      basis: 'weighted',
      previousIndex,
      previousTotal,
      indexDelta: c.index.minus(previousIndex),
      totalDelta: c.total.minus(previousTotal),
    });
  }
  return out;
}

export type { Decimal };
