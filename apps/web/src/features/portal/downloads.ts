/** The results table's download links (the export route: /api/cycles/:id/results/export?format=…). */
export const DOWNLOAD_FORMATS = ['xlsx', 'pdf', 'docx', 'csv', 'json'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export function exportHref(cycleId: string, format: DownloadFormat): string {
  return `/api/cycles/${encodeURIComponent(cycleId)}/results/export?format=${format}`;
}

/** The rubric the year was scored on, as the annex XLSX (published years only). */
export function rubricExportHref(cycleId: string): string {
  return `/api/cycles/${encodeURIComponent(cycleId)}/rubric/export`;
}
