export * from './rubric.ts';
export * from './errors.ts';
export * from './limits.ts';
export * from './results.ts';
