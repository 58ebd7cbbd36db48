/**
 * The province dashboard's section on the national indices: per index the rank over the years
 * against the target (chart + table of values, ranks, targets and gaps), and PAPI's 8 dimensions.
 */
import { Alert, Table, Tag, type TableColumnsType } from 'antd';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { ChartPanel } from '../charts/chart-panel.tsx';
import { CHART_FONT } from '../charts/chart-theme.ts';
import type { ChartOption } from '../charts/echarts.ts';
import { changeText, indexValueText, positionText } from './external-format.ts';
import { externalMessages, type IndexSeries, type YearRow, useExternalIndices } from './external.api.ts';
import './external.css';

type M = (typeof externalMessages)['vi'];
type NumLang = 'vi' | 'en';

export function targetText(s: IndexSeries, t: YearRow['target'], m: M, lang: NumLang): string {
  if (!t) return '—';
  const parts = [t.targetRank !== null ? m.top(t.targetRank) : null, t.targetValue !== null ? m.atLeast(formatDecimal(t.targetValue, lang) + (s.unit === 'percent' ? '%' : '')) : null].filter(Boolean);
  return parts.join('; ') || '—';
}

export function GapTag({ row, m, lang }: { row: YearRow; m: M; lang: NumLang }) {
  const g = row.gap;
  if (!g || g.met === null) return <span className="ext-muted">—</span>;
  const parts: string[] = [];
  if (g.rank !== null) parts.push(g.rank > 0 ? m.placesShort(g.rank) : g.rank < 0 ? m.placesAhead(-g.rank) : m.met);
  if (g.value !== null) {
    const short = !g.value.startsWith('-') && g.value !== '0';
    const abs = g.value.replace(/^-/, '');
    parts.push(g.value === '0' ? m.met : short ? m.valueShort(formatDecimal(abs, lang)) : m.valueAhead(formatDecimal(abs, lang)));
  }
  return <Tag color={g.met ? 'green' : 'orange'}>{(g.met ? `${m.met}: ` : '') + parts.join('; ')}</Tag>;
}

function rankOption(s: IndexSeries, m: M): ChartOption {
  const rows = s.years.filter((y) => y.result || y.target);
  const ranks = rows.map((y) => y.result?.rank ?? null);
  const targets = rows.map((y) => y.target?.targetRank ?? null);
  const maxRank = Math.max(10, ...ranks.filter((r): r is number => r !== null), ...targets.filter((r): r is number => r !== null));
  return {
    animationDuration: 300,
    textStyle: { fontFamily: CHART_FONT },
    legend: { top: 0, left: 0 },
    grid: { left: 8, right: 24, top: 40, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((y) => String(y.year)) },
    yAxis: { type: 'value', inverse: true, min: 1, max: Math.ceil((maxRank + 5) / 10) * 10 },
    series: [
      { type: 'line', name: m.rank, symbolSize: 9, lineStyle: { width: 2.5, color: '#1f5fa8' }, itemStyle: { color: '#1f5fa8' }, data: ranks.map((r) => r ?? '-'), label: { show: true, position: 'top' } },
      ...(targets.some((t) => t !== null) ? [{ type: 'line' as const, name: m.targetRank, symbol: 'diamond', symbolSize: 9, lineStyle: { type: 'dashed' as const, color: '#c2410c' }, itemStyle: { color: '#c2410c' }, data: targets.map((r) => r ?? '-'), connectNulls: true }] : []),
    ],
  };
}

function IndexPanel({ s, m, lang }: { s: IndexSeries; m: M; lang: NumLang }) {
  const rows = s.years.filter((y) => y.result || y.target);
  const columns: TableColumnsType<YearRow> = [
    { key: 'year', title: m.colYear, render: (_, y) => y.year },
    { key: 'value', title: m.colValue, align: 'right', render: (_, y) => (y.result ? <span className="num">{indexValueText(s, y.result, lang)}</span> : '—') },
    { key: 'rank', title: m.colRank, align: 'right', render: (_, y) => (y.result?.rank ? <span className="num">{positionText(y.result)}</span> : '—') },
    ...(s.gradeLabel ? [{ key: 'grade', title: m.colGrade, render: (_: unknown, y: YearRow) => y.result?.grade ?? '—' }] : []),
    { key: 'change', title: m.colChange, render: (_, y) => changeText(y, s.years, m) },
    { key: 'target', title: m.colTarget, render: (_, y) => targetText(s, y.target, m, lang) },
    { key: 'gap', title: m.colGap, render: (_, y) => <GapTag row={y} m={m} lang={lang} /> },
  ];
  const sources = [...new Set(rows.map((y) => y.result?.source).filter((x): x is string => !!x))];
  return (
    <ChartPanel
      title={m.rankTitle(s.short)}
      subtitle={s.name}
      source={sources.join('; ') || s.name}
      option={rankOption(s, m)}
      height={240}
      ariaLabel={m.rankAria(s.short)}
      description={<span className="ext-muted">{s.name}{sources.length ? ` · ${m.source}: ${sources.join('; ')}` : ''}</span>}
      table={<Table<YearRow> size="small" bordered pagination={false} rowKey="year" columns={columns} dataSource={rows} scroll={{ x: 'max-content' }} />}
      tableOpen
    />
  );
}

function PapiPanel({ s, m, lang }: { s: IndexSeries; m: M; lang: NumLang }) {
  const withDims = s.years.filter((y) => y.result && y.result.components.length > 0);
  const latest = withDims.at(-1);
  if (!latest?.result) return null;
  const prev = withDims.at(-2);
  const dims = latest.result.components;
  const option: ChartOption = {
    animationDuration: 300,
    textStyle: { fontFamily: CHART_FONT },
    legend: { top: 0, left: 0 },
    grid: { left: 8, right: 40, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis' },
    yAxis: { type: 'category', inverse: true, data: dims.map((d) => `${d.code}. ${d.name}`), axisLabel: { width: 230, overflow: 'truncate' } },
    xAxis: { type: 'value', min: 0, max: 10 },
    series: [
      ...(prev?.result
        ? [{ type: 'bar' as const, name: String(prev.year), itemStyle: { color: '#a9c1de' }, data: dims.map((d) => Number(prev.result!.components.find((c) => c.code === d.code)?.value ?? 0)) }]
        : []),
      { type: 'bar' as const, name: String(latest.year), itemStyle: { color: '#1f5fa8' }, data: dims.map((d) => Number(d.value)), label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatDecimal(dims[p.dataIndex].value, lang) } },
    ],
  };
  type Row = { code: string; name: string; value: string; prev: string | null; max?: string | null };
  const data: Row[] = dims.map((d) => ({ ...d, prev: prev?.result?.components.find((c) => c.code === d.code)?.value ?? null }));
  const columns: TableColumnsType<Row> = [
    { key: 'dim', title: m.colDimension, render: (_, d) => `${d.code}. ${d.name}` },
    ...(prev ? [{ key: 'prev', title: String(prev.year), align: 'right' as const, render: (_: unknown, d: Row) => (d.prev ? <span className="num">{formatDecimal(d.prev, lang)}</span> : '—') }] : []),
    { key: 'value', title: String(latest.year), align: 'right', render: (_, d) => <span className="num">{formatDecimal(d.value, lang)}{d.max ? `/${formatDecimal(d.max, lang, { places: 0 })}` : ''}</span> },
  ];
  return (
    <ChartPanel
      title={m.papiTitle(latest.year)}
      subtitle={s.name}
      source={latest.result.source ?? s.name}
      option={option}
      height={80 + dims.length * 34}
      ariaLabel={m.papiAria}
      description={<span className="ext-muted">{m.papiDesc}</span>}
      table={<Table<Row> size="small" bordered pagination={false} rowKey="code" columns={columns} dataSource={data} />}
    />
  );
}

/** The dashboard section; renders nothing but a note when no index has been entered. */
export function ExternalIndicesSection() {
  const m = useFeatureMessages(externalMessages);
  const { lang } = useI18n();
  const q = useExternalIndices();
  if (q.isPending || q.isError) return null;
  const shown = q.data.filter((s) => s.years.some((y) => y.result));
  return (
    <section className="ext-section" aria-labelledby="ext-title" data-testid="external-indices">
      <h2 id="ext-title" className="ext-title">{m.sectionTitle}</h2>
      <p className="ext-muted">{m.sectionDesc}</p>
      {shown.length === 0 ? (
        <Alert type="info" showIcon message={m.noResults} />
      ) : (
        shown.map((s) => (
          <div key={s.code} className="dash-card">
            <IndexPanel s={s} m={m} lang={lang} />
          </div>
        ))
      )}
      {shown.filter((s) => s.code === 'papi').map((s) => (
        <div key="papi" className="dash-card">
          <PapiPanel s={s} m={m} lang={lang} />
        </div>
      ))}
    </section>
  );
}
