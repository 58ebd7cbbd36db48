import type { ComponentDto, UnitScorecardDto } from '@parindex/contracts';
import { Collapse, Grid, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { compareDecimal, formatDecimal } from '../../lib/format.ts';
import { ChartPanel } from '../charts/chart-panel.tsx';
import { FIELD_ROW, fieldsOption } from './scorecard.charts.ts';
import { scorecardMessages } from './scorecard.messages.ts';

/** The unit's component index per field against the group average (chart and table), and per criterion (table). */
export function FieldComponents({ data }: { data: UnitScorecardDto }) {
  const m = useFeatureMessages(scorecardMessages);
  const { lang } = useI18n();
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const option = useMemo(() => fieldsOption(data.fields, m, lang, narrow), [data.fields, m, lang, narrow]);
  return (
    <section className="sc-card">
      <ChartPanel
        title={m.fieldsTitle}
        subtitle={`${data.unit.unitName} — ${data.cycle.name}`}
        source={data.cycle.name}
        description={m.fieldsDesc}
        option={option}
        height={60 + data.fields.length * FIELD_ROW}
        ariaLabel={m.fieldsAria(data.unit.unitName)}
        table={<ComponentTable rows={data.fields} first={m.colField} caption={m.fieldsTitle} />}
      />
      {data.criteria.length > 0 && (
        <Collapse
          className="sc-criteria"
          items={[
            {
              key: 'criteria',
              label: m.criteriaShow(data.criteria.length),
              children: <ComponentTable rows={data.criteria} first={m.colCriterion} caption={m.criteriaTitle} />,
            },
          ]}
        />
      )}
    </section>
  );
}

function Delta({ value }: { value: string | null }) {
  const { lang } = useI18n();
  if (value === null) return <span>—</span>;
  const rounded = formatDecimal(value, lang, { signed: true });
  const c = compareDecimal(value, '0');
  return <span className={`num ${c > 0 ? 'change--up' : c < 0 ? 'change--down' : ''}`}>{rounded}</span>;
}

function ComponentTable({ rows, first, caption }: { rows: ComponentDto[]; first: string; caption: string }) {
  const m = useFeatureMessages(scorecardMessages);
  const { lang } = useI18n();
  const n = (v: string | null) => (v === null ? '—' : formatDecimal(v, lang));
  const columns: TableColumnsType<ComponentDto> = [
    { key: 'code', title: m.colCode, dataIndex: 'code', width: 64, render: (c: string) => <span className="sc-code">{c}</span> },
    { key: 'title', title: first, dataIndex: 'title', render: (t: string) => <span className="sc-title-cell">{t}</span> },
    { key: 'points', title: m.colPoints, align: 'right', render: (_, r) => <span className="num">{n(r.points)}</span> },
    { key: 'max', title: m.colMax, align: 'right', render: (_, r) => <span className="num">{n(r.max)}</span> },
    { key: 'index', title: m.colIndex, align: 'right', render: (_, r) => <strong className="num">{n(r.indexRounded)}</strong> },
    { key: 'mean', title: m.colGroupMean, align: 'right', render: (_, r) => <span className="num">{n(r.groupMeanIndexRounded)}</span> },
    { key: 'delta', title: m.colDelta, align: 'right', render: (_, r) => <Delta value={r.deltaVsGroup} /> },
  ];
  return (
    <Table<ComponentDto>
      size="small"
      bordered
      rowKey="code"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      caption={<span className="visually-hidden">{caption}</span>}
    />
  );
}
