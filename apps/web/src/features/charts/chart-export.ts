/**
 * Downloadable images of a chart: the same option as on screen, with its title, subtitle and
 * source line drawn in, so an image pasted into a report or an article says what it shows.
 */
import type { ChartOption } from './echarts.ts';

/** Room added above the plot for the title and subtitle, and below it for the source line. */
export const EXPORT_TOP = 72;
export const EXPORT_BOTTOM = 28;
/** A margin on both sides, so nothing touches the image's edge. */
export const EXPORT_SIDE = 12;

export interface ExportFrame {
  title: string;
  subtitle?: string;
  source: string;
}

/** Moves a positioned part (grid, legend, visualMap) clear of the title above and the source line below. */
function makeRoom<T>(part: T): T {
  const shift = (p: unknown) => {
    if (!p || typeof p !== 'object') return p;
    const o = { ...(p as { top?: unknown; bottom?: unknown }) };
    if (typeof o.top === 'number') o.top += EXPORT_TOP;
    else if (o.top === undefined && o.bottom === undefined) o.top = EXPORT_TOP;
    if (typeof o.bottom === 'number') o.bottom += EXPORT_BOTTOM;
    const side = o as { left?: unknown; right?: unknown };
    if (typeof side.left === 'number') side.left += EXPORT_SIDE;
    if (typeof side.right === 'number') side.right += EXPORT_SIDE;
    return o;
  };
  return (Array.isArray(part) ? part.map(shift) : shift(part)) as T;
}

/** The on-screen option made into an image: title on top, source at the bottom, no toolbox, no animation. */
export function withExportFrame(option: ChartOption, frame: ExportFrame): ChartOption {
  const grid = option.grid;
  return {
    ...option,
    animation: false,
    toolbox: { show: false },
    backgroundColor: '#ffffff',
    grid: makeRoom(grid),
    legend: option.legend ? makeRoom(option.legend) : undefined,
    visualMap: option.visualMap ? makeRoom(option.visualMap) : undefined,
    title: [
      {
        text: frame.title,
        subtext: frame.subtitle,
        left: EXPORT_SIDE,
        top: 8,
        textStyle: { fontSize: 16, fontWeight: 'bold', color: '#1f1f1f' },
        subtextStyle: { fontSize: 12, color: '#434343' },
      },
      { text: frame.source, left: EXPORT_SIDE, bottom: 6, textStyle: { fontSize: 11, fontWeight: 'normal', color: '#595959' } },
    ],
  };
}

/** A file name from a title: lower case, no diacritics, dashes, at most 80 characters cut at a dash ("Chỉ số CCHC 2025" → "chi-so-cchc-2025"). */
export function fileNameOf(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const short = slug.length <= 80 ? slug : slug.slice(0, 81).replace(/-[^-]*$/, '');
  return short || 'bieu-do';
}
