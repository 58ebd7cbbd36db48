/**
 * The states of a remediation action, in the order the page lists them. A module without zod, so
 * the web app can take the list at run time without bundling the schemas (remediation.ts builds
 * its enum from it).
 */
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
