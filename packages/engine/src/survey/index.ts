export * from './questionnaire-index.ts';
export * from './sample.ts';
export * from './confidence.ts';
export * from './scoring.ts';
export * from './sipas.ts';
export * from './quality.ts';
export * from './responses.ts';
