import type { DashboardDto } from '@parindex/contracts';
import { describe, expect, it } from 'vitest';
import { messages } from '../../app/messages.ts';
import { classOption, heatmapOption } from './dashboard.charts.ts';
import { bandRanges, heatmapCells, rangeOf, shownGroups } from './dashboard.logic.ts';
import { dashboardMessages } from './dashboard.messages.ts';

const bands = [{ label: 'Tốt', min: '80' }, { label: 'Xuất sắc', min: '90' }, { label: 'Khá', min: '70' }, { label: 'Trung bình', min: '0' }];
const group = (code: string, units: [string, (string | null)[]][]): DashboardDto['groups'][number] => ({
  summary: { code, name: `Nhóm ${code}`, count: units.length, meanIndex: '80', meanIndexRounded: '80.00', highestIndex: '90', lowestIndex: '70', classCounts: [{ label: 'Xuất sắc', count: 1 }, { label: 'Tốt', count: 0 }] },
  fieldAverages: [],
  units: units.map(([name, fields], i) => ({
    unitId: name, unitName: name, rank: i + 1, order: i + 1, index: '80', indexRounded: '80.00', classification: 'Tốt', change: null,
    fields: fields.map((v, j) => ({ code: String(j + 1), indexRounded: v })),
  })),
});
const dashboard = { groups: [group('so', [['A', ['90.00', null]]]), group('xa', [['B', ['70.00', '79.99']]])] } as DashboardDto;

describe('dashboard', () => {
  it('shows one group or all (an unknown code shows all)', () => {
    expect(shownGroups(dashboard, 'xa').map((g) => g.summary.code)).toEqual(['xa']);
    expect(shownGroups(dashboard, null)).toHaveLength(2);
    expect(shownGroups(dashboard, 'khong-co')).toHaveLength(2);
  });

  it('turns the class bands into ranges, highest first, and places values as classification does', () => {
    const r = bandRanges(bands);
    expect(r.map((x) => [x.label, x.from, x.to])).toEqual([['Xuất sắc', '90', null], ['Tốt', '80', '90'], ['Khá', '70', '80'], ['Trung bình', '0', '70']]);
    expect(rangeOf('80.00', r)?.label).toBe('Tốt');
    expect(rangeOf('79.99', r)?.label).toBe('Khá');
  });

  it('heatmap: no cell where a field does not apply; Vietnamese labels; legend ranges without ",00"', () => {
    expect(heatmapCells(dashboard.groups[0], ['1', '2'])).toEqual([{ x: 0, y: 0, value: '90.00' }]);
    const ctx = { m: dashboardMessages.vi, t: messages.vi, lang: 'vi' as const, narrow: false };
    const o = heatmapOption(dashboard.groups[1], [{ code: '1', title: 'A' }, { code: '2', title: 'B' }], bandRanges(bands), ctx);
    const s = (o.series as { label: { formatter: (p: { data: unknown }) => string }; data: { raw: string }[] }[])[0];
    expect(s.label.formatter({ data: s.data[1] })).toBe('79,99');
    const pieces = (o.visualMap as { pieces: { label: string }[] }).pieces.map((p) => p.label);
    expect(pieces).toEqual(['từ 90', '80 – dưới 90', '70 – dưới 80', '0 – dưới 70']);
  });

  it('class counts per group, zero for a class a group has none of', () => {
    const ctx = { m: dashboardMessages.vi, t: messages.vi, lang: 'vi' as const, narrow: false };
    const o = classOption(dashboard.groups, ['Xuất sắc', 'Tốt', 'Khá'], ctx);
    expect((o.series as { data: number[] }[]).map((s) => s.data)).toEqual([[1, 1], [0, 0], [0, 0]]);
  });
});
