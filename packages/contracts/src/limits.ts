/** Shared limits. */
export const Limits = {
  /** Largest spreadsheet or CSV accepted for import. */
  importFileBytes: 20 * 1024 * 1024,
  /** Rows of a results table / units list accepted in one import. */
  importRows: 200_000,
} as const;
