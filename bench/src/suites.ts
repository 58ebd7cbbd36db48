/**
 * The benchmark suites. Each gets a context: `add(name, value, unit)` reports a figure, and
 * `uses(kind, detail)` says which database it measured, for the run's stamp (stamp.ts).
 * `npm run bench -- <suite…>` runs only the named ones.
 */
import { exportsSuite } from './suites/exports.ts';
import { nationalSuite } from './suites/national.ts';
import { portalSuite } from './suites/portal.ts';
import { surveySuite } from './suites/survey.ts';
import { surveyIoSuite } from './suites/survey-io.ts';
import { workflowSuite } from './suites/workflow.ts';
import { workflowBrowserSuite } from './suites/workflow-browser.ts';

export type AddMetric = (name: string, value: number, unit: string) => void;
export type DatabaseKind = 'postgresql' | 'embedded';

export interface SuiteContext {
  add: AddMetric;
  /** Records that the suite measured this database (PostgreSQL: a throwaway database on BENCH_DATABASE_URL; embedded: PGlite). */
  uses(kind: DatabaseKind, detail?: string): void;
}

export type Suite = (ctx: SuiteContext) => Promise<void>;

export const SUITES: Record<string, Suite> = {
  national: nationalSuite,
  survey: surveySuite,
  workflow: workflowSuite,
  exports: exportsSuite,
  portal: portalSuite,
  'survey-io': surveyIoSuite,
  'workflow-browser': workflowBrowserSuite,
};
