/** ECharts options of the scorecard, built from the server's figures (numbers only for plotting; labels from the exact strings). */
import type { ComponentDto, TrendPointDto } from '@parindex/contracts';
import { compareDecimal, formatDecimal, roundHalfUp, type NumberLang } from '../../lib/format.ts';
import { CHART_FONT } from '../charts/chart-theme.ts';
import type { ChartOption } from '../charts/echarts.ts';
import type { ScorecardMessages } from './scorecard.messages.ts';

const UNIT_COLOR = '#0b4f9c';
const GROUP_COLOR = '#8c8c8c';
export const FIELD_ROW = 44;

/** A y axis for indices over time: from 5 points under the lowest value (not from 0, not exaggerated), up to 100. */
export const PERCENT_RANGE = {
  min: (v: { min: number }) => Math.max(0, Math.floor((v.min - 5) / 5) * 5),
  max: (v: { max: number }) => Math.min(100, Math.ceil((v.max + 2) / 5) * 5),
};

/** "3. Cải cách thủ tục hành chính" */
export const fieldLabel = (f: Pick<ComponentDto, 'code' | 'title'>) => `${f.code}. ${f.title}`;

export function fieldsOption(fields: readonly ComponentDto[], m: ScorecardMessages, lang: NumberLang, narrow: boolean): ChartOption {
  const fmt = (v: string | null) => (v === null ? '—' : formatDecimal(v, lang));
  return {
    animationDuration: 300,
    textStyle: { fontFamily: CHART_FONT },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, data: [m.seriesUnit, m.seriesGroup] },
    grid: { left: 0, right: 44, top: 30, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const f = fields[first.dataIndex];
        if (!f) return '';
        const enc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        return `<strong>${enc(fieldLabel(f))}</strong><br/>${enc(m.seriesUnit)}: ${fmt(f.indexRounded)}%<br/>${enc(m.seriesGroup)}: ${fmt(f.groupMeanIndexRounded)}%`;
      },
    },
    xAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { formatter: (v: number) => String(v) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: fields.map(fieldLabel),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 120 : 300, overflow: 'truncate', ellipsis: '…', color: '#262626' },
    },
    series: [
      {
        type: 'bar',
        name: m.seriesUnit,
        barMaxWidth: 14,
        itemStyle: { color: UNIT_COLOR },
        data: fields.map((f) => Number(f.indexRounded)),
        label: { show: true, position: 'right', color: '#1f1f1f', formatter: (p: { dataIndex: number }) => fmt(fields[p.dataIndex].indexRounded) },
      },
      {
        type: 'bar',
        name: m.seriesGroup,
        barMaxWidth: 14,
        itemStyle: { color: GROUP_COLOR },
        data: fields.map((f) => (f.groupMeanIndexRounded === null ? '-' : Number(f.groupMeanIndexRounded))),
        label: { show: !narrow, position: 'right', color: '#595959', fontSize: 11, formatter: (p: { dataIndex: number }) => fmt(fields[p.dataIndex].groupMeanIndexRounded) },
      },
    ],
  };
}

export function trendOption(trend: readonly TrendPointDto[], m: ScorecardMessages, lang: NumberLang): ChartOption {
  const fmt = (v: string | null) => (v === null ? '—' : formatDecimal(v, lang));
  const years = trend.map((p) => String(p.year));
  const mean = trend.map((p) => (p.groupMeanIndex === null ? null : roundHalfUp(p.groupMeanIndex, 2)));
  // The higher of the two points of a year gets its label above, the other below: they never collide.
  const unitAbove = trend.map((p, i) => mean[i] === null || compareDecimal(p.indexRounded, mean[i]!) >= 0);
  return {
    animationDuration: 300,
    textStyle: { fontFamily: CHART_FONT },
    legend: { top: 0, left: 0, data: [m.seriesUnit, m.seriesGroup] },
    grid: { left: 8, right: 24, top: 40, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${formatDecimal(String(v), lang)}%` : '—') },
    xAxis: { type: 'category', data: years, boundaryGap: true },
    yAxis: { type: 'value', ...PERCENT_RANGE, axisLabel: { formatter: (v: number) => `${v}%` } },
    series: [
      {
        type: 'line',
        name: m.seriesUnit,
        symbolSize: 9,
        lineStyle: { width: 3, color: UNIT_COLOR },
        itemStyle: { color: UNIT_COLOR },
        data: trend.map((p, i) => ({ value: Number(p.indexRounded), label: { position: unitAbove[i] ? 'top' : 'bottom' } })),
        label: { show: true, fontWeight: 'bold', formatter: (p: { dataIndex: number }) => fmt(trend[p.dataIndex].indexRounded) },
      },
      {
        type: 'line',
        name: m.seriesGroup,
        symbolSize: 6,
        lineStyle: { type: 'dashed', color: GROUP_COLOR },
        itemStyle: { color: GROUP_COLOR },
        // Plotting only: half-up on the digits, then a number for the axis.
        data: trend.map((_, i) => (mean[i] === null ? '-' : { value: Number(mean[i]), label: { position: unitAbove[i] ? 'bottom' : 'top' } })),
        label: { show: true, color: '#595959', fontSize: 11, formatter: (p: { dataIndex: number }) => fmt(trend[p.dataIndex].groupMeanIndex) },
      },
    ],
  };
}
