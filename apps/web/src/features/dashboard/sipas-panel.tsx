/** SIPAS (chỉ số hài lòng) per unit and factor: a heatmap backed by its table; a clear note when the year ran no SIPAS survey. */
import type { DashboardDto, SipasRowDto } from '@parindex/contracts';
import { Grid, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import type { Lang } from '../../app/messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal, type NumberLang } from '../../lib/format.ts';
import { ChartPanel } from '../charts/chart-panel.tsx';
import { CHART_FONT } from '../charts/chart-theme.ts';
import type { ChartOption } from '../charts/echarts.ts';

const vi = {
  title: (survey: string) => `SIPAS theo đơn vị và yếu tố — ${survey}`,
  desc: 'Tỷ lệ người dân, tổ chức hài lòng (%) với từng yếu tố của sự phục vụ, tính từ các phiếu SIPAS đã nhận trên hệ thống (đã loại các phiếu bị loại khi kiểm tra). Chỉ đơn vị có phiếu được vẽ.',
  aria: 'Bản đồ nhiệt tỷ lệ hài lòng SIPAS của các đơn vị theo 5 yếu tố; số liệu đầy đủ ở bảng.',
  colUnit: 'Đơn vị',
  colForms: 'Số phiếu',
  colOverall: 'Chung (%)',
  none: 'Chưa có',
  emptyTitle: 'SIPAS theo đơn vị và yếu tố',
  empty: (year: number) =>
    `Năm ${year} không có cuộc khảo sát SIPAS nào được thực hiện trên hệ thống, nên không có chỉ số hài lòng theo đơn vị. Chỉ số SIPAS chung của tỉnh (nếu có) ở phần “Chỉ số bên ngoài” phía dưới.`,
  noForms: 'Chưa có phiếu SIPAS nào về các đơn vị của nhóm đang chọn.',
};
const en: typeof vi = {
  title: (survey) => `SIPAS per unit and factor — ${survey}`,
  desc: 'Share of citizens and organisations satisfied (%) with each factor of the service, from the SIPAS forms received on the system (excluded forms left out). Only units with forms are plotted.',
  aria: 'Heatmap of the SIPAS satisfaction of the units for the 5 factors; the table has the figures.',
  colUnit: 'Unit',
  colForms: 'Forms',
  colOverall: 'Overall (%)',
  none: 'None',
  emptyTitle: 'SIPAS per unit and factor',
  empty: (year) => `No SIPAS survey was run on the system in ${year}, so there is no satisfaction index per unit. The province's overall SIPAS (if entered) is under “External indices” below.`,
  noForms: 'No SIPAS forms about the units of the selected group yet.',
};
const messages: Record<Lang, typeof vi> = { vi, en };
const ROW = 26;

function sipasOption(rows: SipasRowDto[], factors: { code: string; name: string }[], lang: NumberLang, narrow: boolean): ChartOption {
  const fmt = (v: string) => formatDecimal(v, lang);
  const cells = rows.flatMap((r, y) => r.factors.flatMap((f, x) => (f.percentRounded === null ? [] : [{ value: [x, y, Number(f.percentRounded)], raw: f.percentRounded }])));
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 0, right: 8, top: narrow ? 28 : 48, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    visualMap: { show: false, min: 0, max: 100, inRange: { color: ['#fff1f0', '#fffbe6', '#f6ffed', '#b7eb8f'] } },
    tooltip: { formatter: (p) => { const d = (p as unknown as { data: { value: number[]; raw: string } }).data; return `${rows[d.value[1]].unitName}<br/>${factors[d.value[0]].name}: ${fmt(d.raw)}%`; } },
    xAxis: { type: 'category', position: 'top', data: factors.map((f, i) => (narrow ? String(i + 1) : f.name)), axisTick: { show: false }, axisLabel: { interval: 0, width: 120, overflow: 'break', lineHeight: 13, fontSize: 11, color: '#262626' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.unitName), axisTick: { show: false }, axisLabel: { width: narrow ? 110 : 240, overflow: 'truncate', ellipsis: '…', color: '#262626' } },
    series: [{ type: 'heatmap', data: cells, label: { show: !narrow, color: '#1f1f1f', formatter: (p: { data: unknown }) => fmt((p.data as { raw: string }).raw) }, itemStyle: { borderColor: '#fff', borderWidth: 2 } }],
  };
}

/** One panel per SIPAS questionnaire of the year, filtered to the groups shown. */
export function SipasPanel({ data, groups }: { data: DashboardDto; groups: readonly string[] }) {
  const m = useFeatureMessages(messages);
  const { lang } = useI18n();
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const surveys = data.sipas.surveys;
  if (surveys.length === 0)
    return (
      <section className="dash-card sipas-empty" aria-label={m.emptyTitle}>
        <h3 className="chart-panel__title">{m.emptyTitle}</h3>
        <p className="sc-muted">{m.empty(data.cycle.year)}</p>
      </section>
    );
  return (
    <>
      {surveys.map((s) => (
        <SurveyPanel key={s.code} survey={s} groups={groups} m={m} lang={lang} narrow={narrow} cycleName={data.cycle.name} />
      ))}
    </>
  );
}

function SurveyPanel({ survey, groups, m, lang, narrow, cycleName }: { survey: DashboardDto['sipas']['surveys'][number]; groups: readonly string[]; m: typeof vi; lang: NumberLang; narrow: boolean; cycleName: string }) {
  const rows = useMemo(() => survey.units.filter((u) => u.group !== null && groups.includes(u.group) && u.responses > 0), [survey, groups]);
  const option = useMemo(() => sipasOption(rows, survey.factors, lang, narrow), [rows, survey.factors, lang, narrow]);
  const pct = (v: string | null) => (v === null ? m.none : formatDecimal(v, lang));
  const columns: TableColumnsType<SipasRowDto> = [
    { key: 'unit', title: m.colUnit, render: (_, r) => r.unitName },
    { key: 'n', title: m.colForms, align: 'right', render: (_, r) => <span className="num">{r.responses}</span> },
    ...survey.factors.map((f, i) => ({ key: f.code, title: f.name, align: 'right' as const, render: (_: unknown, r: SipasRowDto) => <span className="num">{pct(r.factors[i]?.percentRounded ?? null)}</span> })),
    { key: 'overall', title: m.colOverall, align: 'right', render: (_, r) => <strong className="num">{pct(r.overallRounded)}</strong> },
  ];
  if (rows.length === 0)
    return (
      <section className="dash-card" aria-label={m.title(survey.title)}>
        <h3 className="chart-panel__title">{m.title(survey.title)}</h3>
        <p className="sc-muted">{m.noForms}</p>
      </section>
    );
  return (
    <div className="dash-card">
      <ChartPanel
        title={m.title(survey.title)}
        subtitle={cycleName}
        source={cycleName}
        description={m.desc}
        option={option}
        height={(narrow ? 40 : 64) + rows.length * ROW}
        ariaLabel={m.aria}
        tableOpen={narrow}
        table={<Table<SipasRowDto> size="small" bordered rowKey={(r) => r.unitId ?? 'province'} columns={columns} dataSource={[...rows, survey.province]} pagination={false} scroll={{ x: 'max-content' }} />}
      />
    </div>
  );
}
