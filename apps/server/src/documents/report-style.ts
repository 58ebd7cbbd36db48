/**
 * Colours, table grid and cells shared by the pages of the PDF results report (results-report.ts,
 * report-unit-page.ts).
 */
import type { ContentTable, TableCell } from 'pdfmake/interfaces';
import type { DocumentData } from './document-data.ts';

export const INK = '#1f2933';
export const MUTED = '#5f6b76';
export const RULE = '#c9d1d9';
export const HEAD_FILL = '#e8edf2';
/** Bar colours by class, best class first (bands are listed best first). */
export const CLASS_COLOURS = ['#1e7b4a', '#2f6fb3', '#d49b1f', '#d86a2b', '#b83232'];

export const t = (s: string) => s.normalize('NFC');

export function classColour(data: DocumentData, group: number, label: string): string {
  const i = data.results.groups[group].summary.classCounts.findIndex((c) => c.label === label);
  return CLASS_COLOURS[Math.min(i < 0 ? CLASS_COLOURS.length - 1 : i, CLASS_COLOURS.length - 1)];
}

export const grid = {
  hLineWidth: (i: number, node: ContentTable) => (i === 0 || i === node.table.body.length ? 0.8 : 0.4),
  vLineWidth: () => 0.4,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

export const th = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text: t(text), bold: true, fillColor: HEAD_FILL, alignment: 'center', verticalAlignment: 'middle', fontSize: 8, ...extra });
export const num = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text, alignment: 'right', ...extra });
