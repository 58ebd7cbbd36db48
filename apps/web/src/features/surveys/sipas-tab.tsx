/**
 * SIPAS (Chỉ số hài lòng) per unit and factor: a table with the province row; downloadable charts
 * of the units' overall index, of units × factors (a heatmap: 50 units × 5 factors is too many
 * bars to read), and of the province's figure per factor.
 */
import { Alert, Spin, Switch, Table } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { compareDecimal, formatDecimal, formatInteger } from '../../lib/format.ts';
import { ChartPanel } from '../charts/chart-panel.tsx';
import type { ChartOption } from '../charts/echarts.ts';
import { CHART_FONT } from '../charts/chart-theme.ts';
import { type SipasFactorResult, type SipasReport, type SipasUnit, useSurveyQuery } from './surveys.api.ts';
import { surveysMessages } from './surveys.messages.ts';

export function SipasTab({ qid, title, cycleName }: { qid: string; title: string; cycleName: string }) {
  const m = useFeatureMessages(surveysMessages);
  const { lang } = useI18n();
  const q = useSurveyQuery<SipasReport>(qid, 'sipas');
  const [showEmpty, setShowEmpty] = useState(false);
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  const report = q.data!;
  const pct = (v?: string) => (v === undefined || v === null ? '—' : formatDecimal(v, lang, { places: 2 }));
  const factors = report.province.factors;
  const rows: (SipasUnit & { key: string; province?: boolean })[] = [
    ...report.units.filter((u) => showEmpty || u.responses > 0).map((u) => ({ ...u, key: u.unitCode ?? '' })),
    { ...report.province, unitName: m.province, key: '__province', province: true },
  ];
  const withData = report.units.filter((u) => u.overall !== undefined).sort((a, b) => compareDecimal(b.overall ?? '0', a.overall ?? '0'));

  const table = (
    <Table
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      scroll={{ x: true }}
      rowClassName={(r) => (r.province ? 'sv-row--total' : '')}
      columns={[
        { title: m.unit, dataIndex: 'unitName', fixed: 'left' as const },
        { title: m.responses, dataIndex: 'responses', align: 'right' as const, render: (n: number) => formatInteger(n, lang) },
        ...factors.map((f, i) => ({ title: f.name, key: f.code, align: 'right' as const, render: (_: unknown, r: SipasUnit) => pct(r.factors[i]?.percent) })),
        { title: m.overall, dataIndex: 'overall', align: 'right' as const, render: (v?: string) => <strong>{pct(v)}</strong> },
      ]}
    />
  );

  const option: ChartOption = {
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: 48, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${formatDecimal(String(v), lang, { places: 2 })}%` },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
    yAxis: { type: 'category', inverse: true, data: withData.map((u) => u.unitName ?? u.unitCode ?? ''), axisLabel: { width: 200, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: withData.map((u) => Number(u.overall)),
        itemStyle: { color: '#0b4f9c' },
        barMaxWidth: 22,
        label: { show: true, position: 'right', formatter: (p) => formatDecimal(String(p.value), lang, { places: 1 }) },
        markLine: report.province.overall !== undefined ? { symbol: 'none', data: [{ xAxis: Number(report.province.overall), name: m.province }], label: { position: 'end', formatter: `${m.province}: ${pct(report.province.overall)}%` }, lineStyle: { color: '#d4380d', type: 'dashed' } } : undefined,
      },
    ],
  };

  // Units × factors (and the overall index), the province on top; empty cells where a unit has no valid answer on a factor.
  const heatRows = [{ ...report.province, unitName: m.province }, ...withData];
  const heatCols = [...factors.map((f) => f.name), m.overall];
  const cellOf = (u: SipasUnit, x: number) => (x < factors.length ? u.factors[x]?.percent : u.overall);
  const heatOption: ChartOption = {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: 8, top: 48, bottom: 48, containLabel: true },
    tooltip: { formatter: (p) => { const [x, y, v] = (p as unknown as { value: [number, number, number] }).value; return `${heatRows[y].unitName ?? ''}<br/>${heatCols[x]}: ${formatDecimal(String(v), lang, { places: 2 })}%`; } },
    xAxis: { type: 'category', position: 'top', data: heatCols, axisTick: { show: false }, axisLabel: { interval: 0, width: 110, overflow: 'break', fontSize: 11 } },
    yAxis: { type: 'category', inverse: true, data: heatRows.map((u) => u.unitName ?? u.unitCode ?? ''), axisTick: { show: false }, axisLabel: { width: 200, overflow: 'truncate' } },
    visualMap: { type: 'continuous', min: 0, max: 100, orient: 'horizontal', left: 0, bottom: 0, itemHeight: 160, text: ['100%', '0%'], inRange: { color: ['#fff1f0', '#fff7e6', '#f6ffed', '#b7eb8f'] } },
    series: [
      {
        type: 'heatmap',
        data: heatRows.flatMap((u, y) => heatCols.map((_, x) => [x, y, cellOf(u, x)] as const).filter((c) => c[2] !== undefined && c[2] !== null).map(([x, yy, v]) => [x, yy, Number(v)])),
        label: { show: true, fontSize: 11, color: '#1f1f1f', formatter: (p) => formatDecimal(String((p.value as number[])[2]), lang, { places: 1 }) },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
      },
    ],
  };

  const provinceTable = (
    <Table<SipasFactorResult>
      size="small"
      rowKey="code"
      dataSource={factors}
      pagination={false}
      columns={[
        { title: m.factor, dataIndex: 'name' },
        { title: m.answers, dataIndex: 'n', align: 'right', render: (n: number) => formatInteger(n, lang) },
        { title: '%', dataIndex: 'percent', align: 'right', render: (v?: string) => pct(v) },
      ]}
    />
  );
  const provinceOption: ChartOption = {
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: 48, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${formatDecimal(String(v), lang, { places: 2 })}%` },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
    yAxis: { type: 'category', inverse: true, data: factors.map((f) => f.name), axisLabel: { width: 220, overflow: 'break' } },
    series: [
      {
        type: 'bar',
        data: factors.map((f) => (f.percent === undefined ? null : Number(f.percent))),
        itemStyle: { color: '#0b4f9c' },
        barMaxWidth: 26,
        label: { show: true, position: 'right', formatter: (p) => formatDecimal(String(p.value), lang, { places: 1 }) },
        markLine: report.province.overall !== undefined ? { symbol: 'none', data: [{ xAxis: Number(report.province.overall), name: m.overall }], label: { position: 'end', formatter: `${m.overall}: ${pct(report.province.overall)}%` }, lineStyle: { color: '#d4380d', type: 'dashed' } } : undefined,
      },
    ],
  };
  const subtitle = `${title} ${cycleName}`.trim();

  return (
    <div>
      <h3 className="sv-h3">{m.sipasHeading}</h3>
      {report.meanOfUnits !== undefined && (
        <p className="sv-help">
          {m.province}: <strong>{pct(report.province.overall)}%</strong> · {m.meanOfUnits}: <strong>{pct(report.meanOfUnits)}%</strong>
        </p>
      )}
      <label className="sv-switch">
        <Switch size="small" checked={showEmpty} onChange={setShowEmpty} /> {m.showEmptyUnits}
      </label>
      {table}
      {withData.length > 0 ? (
        <div className="sv-gap">
          <ChartPanel title={m.sipasChart} subtitle={subtitle} source={m.sipasSource} option={option} height={Math.max(160, 40 + withData.length * 32)} ariaLabel={m.sipasChart} table={table} />
        </div>
      ) : (
        <p className="sv-help">{m.noData}</p>
      )}
      {report.province.responses > 0 && (
        <>
          <div className="sv-gap">
            <ChartPanel title={m.sipasFactorChart} subtitle={subtitle} source={m.sipasSource} option={heatOption} height={110 + heatRows.length * 28} ariaLabel={m.sipasFactorChart} table={table} />
          </div>
          <div className="sv-gap">
            <ChartPanel title={m.sipasProvinceChart} subtitle={subtitle} source={m.sipasSource} option={provinceOption} height={60 + factors.length * 40} ariaLabel={m.sipasProvinceChart} table={provinceTable} />
          </div>
        </>
      )}
    </div>
  );
}
