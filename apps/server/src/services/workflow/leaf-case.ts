/**
 * The case of one unit's leaf as the appraisers' queue and the council read it: the leaf, the
 * figures its rule can give, and the unit's row (inputs, self score, proposal, answer). One
 * presenter for both (assessment-appraisal.ts, council-items.ts).
 */
import type { LeafInputs, RubricSettings, ScoringRule } from '@parindex/contracts';
import { type IndexedLeaf, type PointsDomainDto, allowedPointsOf, presentPointsDomain, toExact } from '@parindex/engine';
import type { leafScores } from '../../db/schema.ts';

export interface LeafCase {
  leafCode: string;
  leafTitle: string;
  max: string;
  rule: ScoringRule;
  /** The figures a proposal or the council may give (engine: allowedPointsOf). */
  allowed: PointsDomainDto;
  /** The unit's raw inputs, for reading the case. */
  inputs: LeafInputs | null;
  selfPoints: string | null;
  selfNote: string | null;
  proposedPoints: string | null;
  proposedReason: string | null;
  responseText: string | null;
  revision: number;
}

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
