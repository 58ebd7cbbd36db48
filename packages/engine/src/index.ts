export * from './decimal.ts';
/** Display figures of decimal strings (rounding, comparison, ratio previews) for the web app. */
export * from './display.ts';
export * from './rubric-index.ts';
export * from './rules.ts';
/** Conditions between leaves: evaluation order, tests, cycles. */
export * from './rule-conditions.ts';
export * from './unit-scoring.ts';
export * from './ranking.ts';
export * from './comparison.ts';
export * from './compute-cycle.ts';
export * from './results-table.ts';
export * from './rubric-diff.ts';
/** Points given against a replacement's new maxima, and their proportional rescaling. */
export * from './rubric-rescale.ts';
export * from './rubric-references.ts';
export * from './rubric-validate.ts';
export * from './scorecard.ts';
/** Points lost, losses between cycles, self-assessment progress, external index gaps. */
export * from './gaps.ts';
/** Totals and full scale of a cycle imported from a published table. */
export * from './imported-totals.ts';
export * from './survey/index.ts';
/** Which points a leaf's rule can give; proposals and council decisions are checked against it. */
export * from './allowed-points.ts';
/** The one final-points rule of a leaf: final ?? council ?? proposal ?? self. */
export * from './final-points.ts';
export * from './prng.ts';
