/**
 * Benchmark suites besides the national compute (main.ts). Each gets `add(name, value, unit)` to
 * report a figure; `npm run bench -- <suite…>` runs only the named ones.
 */
import { surveySuite } from './suites/survey.ts';
import { workflowSuite } from './suites/workflow.ts';

export type AddMetric = (name: string, value: number, unit: string) => void;

export const SUITES: Record<string, (add: AddMetric) => Promise<void>> = {};
SUITES.survey = surveySuite;
SUITES.workflow = workflowSuite;
