/** Decisions of the scorecard page that do not need React, kept here to be tested. */
import type { ScorecardLeafDto } from '@parindex/contracts';
import { compareDecimal, isZeroDecimal } from '../../lib/format.ts';

/** Show a "self-assessed" column only when some leaf's self-assessed points differ from its final points. */
export function selfColumnNeeded(leaves: readonly ScorecardLeafDto[]): boolean {
  return leaves.some((l) => l.selfPoints !== null && compareDecimal(l.selfPoints, l.points) !== 0);
}

/** Leaves that lost points (score leaves only), in the server's order (most lost first). */
export function lostLeaves(leaves: readonly ScorecardLeafDto[]): ScorecardLeafDto[] {
  return leaves.filter((l) => l.effect === 'score' && !isZeroDecimal(l.lost));
}
