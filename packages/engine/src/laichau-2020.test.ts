import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { computeFromTotals } from './compute-cycle.ts';
import { dec, toFixedHalfUp } from './decimal.ts';
import { summarize } from './ranking.ts';
import { parseBandsSpec, parseResultsTable } from './results-table.ts';

export const LAICHAU_CSV = resolve(import.meta.dirname, '../../../fixtures/laichau-2020/results.csv');

/**
 * The published table gives the parts rounded to 2 decimals, while the province computed the
 * index from unrounded parts. From the printed parts, 25 of 28 indices come out exactly; these
 * three come out 0.01 above the published figure (see the fixture's README), and we do not tune
 * the arithmetic to them.
 */
const ROUNDED_PARTS = new Map([
  ['Sở Ngoại vụ', '86.54'],
  ['Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng', '72.20'],
  ['Huyện Sìn Hồ', '67.82'],
]);

describe('Lai Châu 2020 published results, reproduced by the engine', () => {
  const records = parse(readFileSync(LAICHAU_CSV), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const parsed = parseResultsTable(
    records.map((r, i) => ({ row: i + 2, group: r.group, unit: r.unit, appraised: r.appraised_points, survey: r.survey_points, max: r.max_points })),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const bands = parseBandsSpec('Tốt:80,Khá:70,Trung bình:0');
  const { units } = computeFromTotals(parsed.rows, { bands, ties: { mode: 'ordered', keys: ['appraised', 'survey'] } });
  const byName = new Map(units.map((u) => [u.name, u]));

  it('every index, class and order as published (three within 0.01, for the stated reason)', () => {
    for (const r of records) {
      const u = byName.get(r.unit)!;
      const shown = toFixedHalfUp(u.index);
      if (ROUNDED_PARTS.has(r.unit)) {
        expect(shown).toBe(ROUNDED_PARTS.get(r.unit));
        expect(dec(shown).minus(dec(r.index_percent)).abs().lessThanOrEqualTo(dec('0.01'))).toBe(true);
      } else expect(shown, r.unit).toBe(r.index_percent);
      expect(u.classification, r.unit).toBe(r.classification);
      expect(u.order, r.unit).toBe(Number(r.order));
      expect(u.total.toFixed(2), r.unit).toBe(r.total_points);
    }
  });

  it('the two equal totals (83.95) are ordered by appraised points: Giáo dục before Khoa học', () => {
    expect(byName.get('Sở Giáo dục và Đào tạo')!.order).toBe(4);
    expect(byName.get('Sở Khoa học và Công nghệ')!.order).toBe(5);
  });

  it('group averages as published: departments (both groups) 82.08, districts 72.65', () => {
    const depts = units.filter((u) => u.group !== 'districts');
    expect(toFixedHalfUp(summarize(depts, bands).meanIndex)).toBe('82.08');
    expect(toFixedHalfUp(summarize(units.filter((u) => u.group === 'districts'), bands).meanIndex)).toBe('72.65');
  });
});
