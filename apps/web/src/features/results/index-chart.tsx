import type { CycleDto, GroupSummaryDto, UnitResultDto } from '@parindex/contracts';
import { Grid } from 'antd';
import { useMemo } from 'react';
import { ChartPanel } from '../charts/chart-panel.tsx';
import type { ChartOption as PanelOption } from '../charts/echarts.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { Messages } from '../../app/messages.ts';
import { formatDecimal, type NumberLang } from '../../lib/format.ts';
import { classStyle } from './class-style.ts';
import { echarts, type ChartOption } from './echarts.ts';

interface Props {
  cycle: CycleDto;
  summary: GroupSummaryDto;
  units: UnitResultDto[];
}

const FONT = "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";
const ROW = 28;
const TOP = 92;
const BOTTOM = 36;

/** Classes in the group's order (summary), then any label only the units carry. */
function classesOf(summary: GroupSummaryDto, units: UnitResultDto[]): string[] {
  const labels = summary.classCounts.map((c) => c.label);
  for (const u of units) if (!labels.includes(u.classification)) labels.push(u.classification);
  return labels;
}

function buildOption(p: Props & { t: Messages; lang: NumberLang; narrow: boolean }): ChartOption {
  const { cycle, summary, units, t, lang, narrow } = p;
  const fmt = (v: string) => formatDecimal(v, lang);
  const mean = Number(summary.meanIndexRounded);
  const series = classesOf(summary, units).map((label, i) => ({
    type: 'bar' as const,
    name: t.classLabel(label),
    stack: 'index',
    barMaxWidth: 18,
    itemStyle: { color: classStyle(label).bar },
    // Plotting only: the displayed figures come from the exact strings, not from these numbers.
    data: units.map((u) => (u.classification === label ? Number(u.indexRounded) : '-')),
    label: {
      show: true,
      position: 'right' as const,
      color: '#1f1f1f',
      formatter: (params: { dataIndex: number }) => fmt(units[params.dataIndex].indexRounded),
    },
    markLine:
      i === 0 && Number.isFinite(mean)
        ? {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed' as const, color: '#595959' },
            // The y axis is inverted, so 'start' puts the label above the first bar, clear of the x axis.
            label: { position: 'start' as const, formatter: `${t.chartMean} ${fmt(summary.meanIndexRounded)}`, color: '#262626' },
            data: [{ xAxis: mean }],
          }
        : undefined,
  }));
  return {
    animationDuration: 300,
    textStyle: { fontFamily: FONT },
    // One line each (truncated on a phone), so the title never runs into the subtitle.
    title: {
      text: summary.name,
      subtext: t.chartSubtitle(cycle.name),
      left: 0,
      textStyle: { fontSize: 14, width: narrow ? 330 : 1000, overflow: 'truncate' },
      subtextStyle: { color: '#595959', width: narrow ? 330 : 1000, overflow: 'truncate' },
    },
    legend: { top: 58, left: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 0, right: 48, top: TOP, bottom: BOTTOM, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const u = units[first.dataIndex];
        if (!u) return '';
        const enc = echarts.format.encodeHTML;
        return [
          `<strong>${enc(u.unitName)}</strong>`,
          `${enc(t.colIndex)}: ${fmt(u.indexRounded)}`,
          `${enc(t.colClass)}: ${enc(t.classLabel(u.classification))}`,
          `${enc(t.colRank)}: ${u.rank}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: '%',
      axisLabel: { formatter: (v: number) => String(v) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: units.map((u) => u.unitName),
      axisTick: { show: false },
      axisLabel: { width: narrow ? 130 : 260, overflow: 'truncate', ellipsis: '…', color: '#262626' },
    },
    series,
  };
}

function fileName(cycle: CycleDto, summary: GroupSummaryDto): string {
  const code = summary.code.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
  return `chi-so-cchc-${cycle.year}-${code}.png`;
}

/**
 * Horizontal bars of the units' indices, coloured by class, with the group mean: PNG and SVG
 * downloads and the same figures as a table (ChartPanel).
 */
export default function IndexChart({ cycle, summary, units }: Props) {
  const { t, lang } = useI18n();
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const option = useMemo(() => buildOption({ cycle, summary, units, t, lang, narrow }), [cycle, summary, units, t, lang, narrow]);
  const fmt = (v: string) => formatDecimal(v, lang);
  return (
    <ChartPanel
      title={t.tableCaption(summary.name, cycle.year).replace(/^Bảng kết quả /, 'Biểu đồ ')}
      subtitle={cycle.name}
      source={cycle.name}
      option={option as unknown as PanelOption}
      height={TOP + BOTTOM + units.length * ROW}
      ariaLabel={t.chartAria(summary.name)}
      table={
        <table className="chart-table">
          <thead>
            <tr>
              <th scope="col">{t.colUnit}</th>
              <th scope="col">{t.colIndex}</th>
              <th scope="col">{t.colClass}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.unitId}>
                <td>{u.unitName}</td>
                <td className="num">{fmt(u.indexRounded)}</td>
                <td>{t.classLabel(u.classification)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
