export * from './rubric.ts';
export * from './errors.ts';
export * from './limits.ts';
export * from './results.ts';
export * from './exports.ts';
export * from './survey.ts';
export * from './portal.ts';
export * from './text.ts';
