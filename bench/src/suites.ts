/**
 * Benchmark suites besides the national compute (main.ts). Each gets `add(name, value, unit)` to
 * report a figure; `npm run bench -- <suite…>` runs only the named ones.
 */
import { exportsSuite } from './suites/exports.ts';
import { portalSuite } from './suites/portal.ts';
import { surveySuite } from './suites/survey.ts';
import { surveyIoSuite } from './suites/survey-io.ts';
import { workflowSuite } from './suites/workflow.ts';
import { workflowBrowserSuite } from './suites/workflow-browser.ts';

export type AddMetric = (name: string, value: number, unit: string) => void;

export const SUITES: Record<string, (add: AddMetric) => Promise<void>> = {};
SUITES.survey = surveySuite;
SUITES.workflow = workflowSuite;
SUITES.exports = exportsSuite;
SUITES.portal = portalSuite;
SUITES['survey-io'] = surveyIoSuite;
SUITES['workflow-browser'] = workflowBrowserSuite;
