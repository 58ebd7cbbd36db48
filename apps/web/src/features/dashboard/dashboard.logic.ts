/** Choices of the dashboard that need no React: which groups, the class bands as ranges, the heatmap cells. */
import type { ClassBand, DashboardDto } from '@parindex/contracts';
import { classify, dec } from '@parindex/engine';
import { compareDecimal } from '../../lib/format.ts';

export type DashboardGroup = DashboardDto['groups'][number];

/** The groups shown: all, or the one chosen (an unknown code shows all). */
export function shownGroups(d: DashboardDto, groupCode: string | null): DashboardGroup[] {
  const one = groupCode ? d.groups.filter((g) => g.summary.code === groupCode) : [];
  return one.length ? one : d.groups;
}

export interface BandRange {
  label: string;
  /** Inclusive lower bound (decimal string). */
  from: string;
  /** Exclusive upper bound; null for the highest band. */
  to: string | null;
}

/** Class bands as ranges, highest first: Xuất sắc ≥ 90, Tốt 80 – < 90, … */
export function bandRanges(bands: readonly ClassBand[]): BandRange[] {
  const sorted = [...bands].sort((a, b) => compareDecimal(b.min, a.min));
  return sorted.map((b, i) => ({ label: b.label, from: b.min, to: i === 0 ? null : sorted[i - 1].min }));
}

/** The range a (2-decimal) value falls in: the engine's `classify`, as on the published index. */
export function rangeOf(value: string, ranges: readonly BandRange[]): BandRange | undefined {
  if (!ranges.length) return undefined;
  const label = classify(dec(value), ranges.map((r) => ({ label: r.label, min: r.from })));
  return ranges.find((r) => r.label === label);
}

/** Heatmap cells [field, unit, value] for every unit and field; a field that does not apply has no cell. */
export function heatmapCells(group: DashboardGroup, fieldCodes: readonly string[]): { x: number; y: number; value: string }[] {
  const cells: { x: number; y: number; value: string }[] = [];
  group.units.forEach((u, y) => {
    fieldCodes.forEach((code, x) => {
      const v = u.fields.find((f) => f.code === code)?.indexRounded;
      if (v !== undefined && v !== null) cells.push({ x, y, value: v });
    });
  });
  return cells;
}

/** Shortens a field title for an axis: "Cải cách thủ tục hành chính" stays, longer ones end with "…". */
export function shortTitle(title: string, max = 34): string {
  return title.length <= max ? title : `${title.slice(0, max - 1).trimEnd()}…`;
}
