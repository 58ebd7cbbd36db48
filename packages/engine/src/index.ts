export * from './decimal.ts';
export * from './rubric-index.ts';
export * from './rules.ts';
export * from './unit-scoring.ts';
export * from './ranking.ts';
export * from './comparison.ts';
export * from './compute-cycle.ts';
export * from './results-table.ts';
