/** ECharts options of the dashboard. Numbers are for plotting only; every label is formatted from the exact strings. */
import type { DashboardDto } from '@parindex/contracts';
import type { Messages } from '../../app/messages.ts';
import { compareDecimal, formatDecimal, type NumberLang } from '../../lib/format.ts';
import { CHART_FONT } from '../charts/chart-theme.ts';
import type { ChartOption } from '../charts/echarts.ts';
import { classStyle } from '../results/class-style.ts';
import { PERCENT_RANGE } from '../scorecard/scorecard.charts.ts';
import type { DashboardMessages } from './dashboard.messages.ts';
import { type BandRange, type DashboardGroup, heatmapCells, shortTitle } from './dashboard.logic.ts';

export const GROUP_COLORS = ['#0b4f9c', '#d46b08', '#389e0d', '#722ed1', '#c41d7f', '#08979c'];
export const RANK_ROW = 26;
export const HEAT_ROW = 26;

/** Room for a legend of `items` entries above a plot: one line on a wide screen, one line each on a phone. */
export const legendRoom = (items: number, narrow: boolean, wide = 40) => (narrow ? 14 + items * 22 : wide);

/** Grid top and bottom of the heatmap: the field labels above; the colour key below (one line, or one line per range on a phone). */
function heatmapMargins(ranges: number, narrow: boolean) {
  return { top: narrow ? 28 : 64, bottom: narrow ? 12 + ranges * 22 : 40 };
}

export function heatmapHeight(units: number, ranges: number, narrow: boolean): number {
  const { top, bottom } = heatmapMargins(ranges, narrow);
  return top + bottom + 8 + units * HEAT_ROW;
}
const enc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

interface Ctx {
  m: DashboardMessages;
  t: Messages;
  lang: NumberLang;
  narrow: boolean;
}

/** Ranking of one group: a bar per unit in published order, coloured by class, with the group mean. */
export function rankingOption(g: DashboardGroup, classes: readonly string[], { m, t, lang, narrow }: Ctx): ChartOption {
  const fmt = (v: string) => formatDecimal(v, lang);
  const units = g.units;
  return {
    animationDuration: 300,
    textStyle: { fontFamily: CHART_FONT },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 0, right: 48, top: 48, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const u = units[(Array.isArray(params) ? params[0] : params).dataIndex];
        return u ? `<strong>${enc(u.unitName)}</strong><br/>${enc(m.colIndex)}: ${fmt(u.indexRounded)}<br/>${enc(m.colClass)}: ${enc(t.classLabel(u.classification))}<br/>${enc(m.colRank)}: ${u.rank}` : '';
      },
    },
    xAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { formatter: (v: number) => String(v) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: units.map((u) => `${u.rank}. ${u.unitName}`),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 130 : 280, overflow: 'truncate', ellipsis: '…', color: '#262626' },
    },
    series: classes.map((label, i) => ({
      type: 'bar' as const,
      name: t.classLabel(label),
      stack: 'index',
      barMaxWidth: 16,
      itemStyle: { color: classStyle(label).bar },
      data: units.map((u) => (u.classification === label ? Number(u.indexRounded) : '-')),
      label: { show: true, position: 'right' as const, color: '#1f1f1f', formatter: (p: { dataIndex: number }) => fmt(units[p.dataIndex].indexRounded) },
      markLine:
        i === 0
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed' as const, color: '#595959' },
              label: { position: 'start' as const, formatter: `${m.mean} ${fmt(g.summary.meanIndexRounded)}`, color: '#262626' },
              data: [{ xAxis: Number(g.summary.meanIndexRounded) }],
            }
          : undefined,
    })),
  };
}

/** Units × fields of one group, cells coloured by the class ranges (a light tint, dark text). */
export function heatmapOption(g: DashboardGroup, fields: DashboardDto['fields'], ranges: readonly BandRange[], { m, lang, narrow }: Ctx): ChartOption {
  const fmt = (v: string) => formatDecimal(v, lang);
  const cells = heatmapCells(g, fields.map((f) => f.code));
  const bound = (v: string) => fmt(v).replace(/[,.]00$/, '');
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 0, right: 8, ...heatmapMargins(ranges.length, narrow), outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    // Colour by range of the class bands (a visual aid: a field has no class of its own).
    visualMap: {
      type: 'piecewise',
      orient: narrow ? 'vertical' : 'horizontal',
      left: 0,
      bottom: 0,
      itemWidth: 16,
      itemHeight: 12,
      textStyle: { color: '#262626' },
      pieces: ranges.map((r) => ({
        gte: Number(r.from),
        ...(r.to === null ? {} : { lt: Number(r.to) }),
        color: classStyle(r.label).tint,
        label: m.range(bound(r.from), r.to === null ? null : bound(r.to)),
      })),
    },
    tooltip: {
      formatter: (p) => {
        const d = (p as unknown as { data: { x: number; y: number; raw: string } }).data;
        return `<strong>${enc(g.units[d.y].unitName)}</strong><br/>${enc(fields[d.x].code)}. ${enc(fields[d.x].title)}: ${fmt(d.raw)}%`;
      },
    },
    xAxis: {
      type: 'category',
      position: 'top',
      data: fields.map((f) => (narrow ? f.code : `${f.code}. ${shortTitle(f.title, 30)}`)),
      splitArea: { show: false },
      axisTick: { show: false },
      // Two lines at most; the full titles are in the key above the chart and in the table.
      axisLabel: { interval: 0, width: 112, overflow: 'break', lineHeight: 13, height: 26, lineOverflow: 'truncate', fontSize: 11, color: '#262626' },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: g.units.map((u) => u.unitName),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 110 : 240, overflow: 'truncate', ellipsis: '…', color: '#262626' },
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => ({ value: [c.x, c.y, Number(c.value)], x: c.x, y: c.y, raw: c.value })),
        // On a phone the cells are too small for figures: the table (open there) has them.
        label: { show: !narrow, color: '#1f1f1f', fontSize: 12, formatter: (p: { data: unknown }) => fmt((p.data as { raw: string }).raw) },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: '#1f1f1f', borderWidth: 1 } },
      },
    ],
  };
}

/** Count of units per class in each group: one stacked bar per group. */
export function classOption(groups: readonly DashboardGroup[], classes: readonly string[], { t, narrow }: Ctx): ChartOption {
  return {
    animationDuration: 300,
    textStyle: { fontFamily: CHART_FONT },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 0, right: 16, top: 40, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: groups.map((g) => g.summary.name),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 110 : 220, overflow: 'break', lineHeight: 14, color: '#262626' },
    },
    series: classes.map((label) => ({
      type: 'bar' as const,
      name: t.classLabel(label),
      stack: 'count',
      barMaxWidth: 28,
      itemStyle: { color: classStyle(label).bar },
      label: { show: true, color: '#fff', fontWeight: 'bold' as const, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
      data: groups.map((g) => g.summary.classCounts.find((c) => c.label === label)?.count ?? 0),
    })),
  };
}

/** Average component index per field, a bar per group. */
export function fieldAveragesOption(groups: readonly DashboardGroup[], fields: DashboardDto['fields'], { lang, narrow }: Ctx): ChartOption {
  const fmt = (v: string | null) => (v === null ? '—' : formatDecimal(v, lang));
  return {
    animationDuration: 300,
    textStyle: { fontFamily: CHART_FONT },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, orient: narrow ? 'vertical' : 'horizontal' },
    grid: { left: 0, right: 44, top: legendRoom(groups.length, narrow), bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? `${formatDecimal(String(v), lang)}%` : '—') },
    xAxis: { type: 'value', min: 0, max: 100, name: '%' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: fields.map((f) => (narrow ? f.code : `${f.code}. ${shortTitle(f.title, 40)}`)),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 40 : 260, overflow: 'truncate', color: '#262626' },
    },
    series: groups.map((g, i) => ({
      type: 'bar' as const,
      name: g.summary.name,
      barMaxWidth: 12,
      itemStyle: { color: GROUP_COLORS[i % GROUP_COLORS.length] },
      data: fields.map((f) => {
        const v = g.fieldAverages.find((a) => a.code === f.code)?.meanIndexRounded ?? null;
        return v === null ? '-' : Number(v);
      }),
      label: {
        show: groups.length === 1,
        position: 'right' as const,
        color: '#1f1f1f',
        formatter: (p: { dataIndex: number }) => fmt(g.fieldAverages.find((a) => a.code === fields[p.dataIndex].code)?.meanIndexRounded ?? null),
      },
    })),
  };
}

/**
 * Where a group's label goes in a year so that the labels of close lines do not collide: the
 * highest above its point, the lowest below, those in between to the right.
 */
export function labelSide(year: DashboardDto['trend'][number], groups: readonly DashboardGroup[], code: string): 'top' | 'bottom' | 'right' {
  const shown = year.groups.filter((x) => groups.some((g) => g.summary.code === x.code)).sort((a, b) => compareDecimal(b.meanIndexRounded, a.meanIndexRounded));
  const at = shown.findIndex((x) => x.code === code);
  return at <= 0 ? 'top' : at === shown.length - 1 ? 'bottom' : 'right';
}

/** The group means over the public years, a line per group. */
export function groupTrendOption(trend: DashboardDto['trend'], groups: readonly DashboardGroup[], { lang, narrow }: Ctx): ChartOption {
  const fmt = (v: string) => formatDecimal(v, lang);
  return {
    animationDuration: 300,
    textStyle: { fontFamily: CHART_FONT },
    legend: { top: 0, left: 0, orient: narrow ? 'vertical' : 'horizontal' },
    grid: { left: 8, right: 24, top: legendRoom(groups.length, narrow, 44), bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${formatDecimal(String(v), lang)}%` : '—') },
    xAxis: { type: 'category', data: trend.map((t) => String(t.year)) },
    yAxis: { type: 'value', ...PERCENT_RANGE, axisLabel: { formatter: (v: number) => `${v}%` } },
    series: groups.map((g, i) => {
      const points = trend.map((t) => t.groups.find((x) => x.code === g.summary.code) ?? null);
      return {
        type: 'line' as const,
        name: g.summary.name,
        symbolSize: 8,
        itemStyle: { color: GROUP_COLORS[i % GROUP_COLORS.length] },
        lineStyle: { width: 2.5, color: GROUP_COLORS[i % GROUP_COLORS.length] },
        data: points.map((p, x) => (p ? { value: Number(p.meanIndexRounded), label: { position: labelSide(trend[x], groups, g.summary.code) } } : '-')),
        label: { show: true, formatter: (p: { dataIndex: number }) => (points[p.dataIndex] ? fmt(points[p.dataIndex]!.meanIndexRounded) : '') },
      };
    }),
  };
}
