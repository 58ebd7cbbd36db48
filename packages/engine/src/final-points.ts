/**
 * The one rule for a leaf's final points (docs/workflow.md). A leaf passes through the stages
 * self-assessment → appraisal proposal → the unit's answer (accepted or explained) → council
 * decision → approval; each later stage that gave a figure overrides the earlier ones. The unit's
 * answer gives no figure of its own: an accepted proposal stands, and an explained one stands
 * until the council decides (approval is refused while an explained item is undecided).
 */

/** A leaf's figures at each stage, as stored (exact decimal strings, null when not given). */
export interface LeafStagePoints {
  self?: string | null;
  proposed?: string | null;
  council?: string | null;
  /** The approved figure (leaf_scores.points): written at approval, changed only by a correction. */
  final?: string | null;
}

/** What the stages give before approval: the council's decision, else the appraisers' proposal, else the unit's own score. */
export function decidedPointsOf(s: LeafStagePoints): string | null {
  return s.council ?? s.proposed ?? s.self ?? null;
}

/** A leaf's final points: the approved figure once written (approval or a correction), else what the stages give (decidedPointsOf). */
export function finalPointsOf(s: LeafStagePoints): string | null {
  return s.final ?? decidedPointsOf(s);
}

/** The appraisal's figure of a leaf (council decision, else proposal), null when never appraised — shown beside the unit's own score. */
export function appraisedPointsOf(s: LeafStagePoints): string | null {
  return s.council ?? s.proposed ?? null;
}
