/**
 * The case of one unit's leaf as the appraisers' queue and the council read it: the leaf, the
 * figures its rule can give, and the unit's row (inputs, self score, proposal, answer). One
 * presenter for both (assessment-appraisal.ts, council-items.ts).
 */
import type { LeafCase, RubricSettings } from '@parindex/contracts';
import { type IndexedLeaf, allowedPointsOf, presentPointsDomain, toExact } from '@parindex/engine';
import type { leafScores } from '../../db/schema.ts';

// The case's shape (LeafCase, and QueueItem / CouncilItem built on it) is defined once in packages/contracts (workflow.ts).
export type { LeafCase };

type Row = typeof leafScores.$inferSelect;

/** The leaf's case; a leaf without a row yet reads as nothing entered (revision 0). */
export function leafCaseOf(leaf: IndexedLeaf, r: Row | undefined, settings: RubricSettings): LeafCase {
  return {
    leafCode: leaf.code,
    leafTitle: leaf.title,
    max: toExact(leaf.max),
    rule: leaf.rule,
    allowed: presentPointsDomain(allowedPointsOf(leaf, settings)),
    inputs: r?.inputs ?? null,
    selfPoints: r?.selfPoints ?? null,
    selfNote: r?.selfNote ?? null,
    proposedPoints: r?.proposedPoints ?? null,
    proposedReason: r?.proposedReason ?? null,
    responseText: r?.responseText ?? null,
    revision: r?.revision ?? 0,
  };
}
