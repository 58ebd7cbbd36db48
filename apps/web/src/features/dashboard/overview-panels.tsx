import type { DashboardDto } from '@parindex/contracts';
import { Grid, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { ChartPanel } from '../charts/chart-panel.tsx';
import { classOption, fieldAveragesOption, groupTrendOption, legendRoom } from './dashboard.charts.ts';
import type { DashboardGroup } from './dashboard.logic.ts';
import { dashboardMessages } from './dashboard.messages.ts';

function useCtx() {
  const m = useFeatureMessages(dashboardMessages);
  const { t, lang } = useI18n();
  const narrow = !(Grid.useBreakpoint().md ?? true);
  return { m, t, lang, narrow };
}

const tableProps = { size: 'small' as const, bordered: true, pagination: false as const, scroll: { x: 'max-content' as const } };

/** Units per class in each group. */
export function ClassPanel({ data, groups, classes }: { data: DashboardDto; groups: DashboardGroup[]; classes: string[] }) {
  const ctx = useCtx();
  const { m, t } = ctx;
  const option = useMemo(() => classOption(groups, classes, ctx), [groups, classes, ctx.t, ctx.narrow]);
  const columns: TableColumnsType<DashboardGroup> = [
    { key: 'group', title: m.colGroup, render: (_, g) => g.summary.name },
    ...classes.map((label) => ({
      key: label,
      title: t.classLabel(label),
      align: 'right' as const,
      render: (_: unknown, g: DashboardGroup) => <span className="num">{g.summary.classCounts.find((c) => c.label === label)?.count ?? 0}</span>,
    })),
    { key: 'total', title: m.colTotal, align: 'right', render: (_, g) => <strong className="num">{g.summary.count}</strong> },
  ];
  return (
    <ChartPanel
      title={m.classTitle}
      subtitle={data.cycle.name}
      source={data.cycle.name}
      option={option}
      height={70 + groups.length * 56}
      ariaLabel={m.classAria}
      table={<Table<DashboardGroup> size="small" bordered pagination={false} rowKey={(g) => g.summary.code} columns={columns} dataSource={groups} />}
    />
  );
}

/** Average component index per field for each group. */
export function FieldAveragesPanel({ data, groups }: { data: DashboardDto; groups: DashboardGroup[] }) {
  const ctx = useCtx();
  const { m, lang } = ctx;
  const option = useMemo(() => fieldAveragesOption(groups, data.fields, ctx), [groups, data.fields, ctx.lang, ctx.narrow]);
  type Row = DashboardDto['fields'][number];
  const columns: TableColumnsType<Row> = [
    { key: 'field', title: m.colField, render: (_, f) => `${f.code}. ${f.title}` },
    ...groups.map((g) => ({
      key: g.summary.code,
      title: g.summary.name,
      align: 'right' as const,
      render: (_: unknown, f: Row) => {
        const v = g.fieldAverages.find((a) => a.code === f.code)?.meanIndexRounded ?? null;
        return <span className="num">{v === null ? m.noData : formatDecimal(v, lang)}</span>;
      },
    })),
  ];
  const perField = groups.length === 1 ? 34 : 18 + groups.length * 14;
  return (
    <ChartPanel
      title={m.fieldAvgTitle}
      subtitle={data.cycle.name}
      source={data.cycle.name}
      description={m.fieldAvgDesc}
      option={option}
      height={legendRoom(groups.length, ctx.narrow) + 30 + data.fields.length * perField}
      ariaLabel={m.fieldAvgAria}
      table={<Table<Row> {...tableProps} rowKey="code" columns={columns} dataSource={data.fields} />}
    />
  );
}

/** Group means over the public years up to this one. */
export function GroupTrendPanel({ data, groups }: { data: DashboardDto; groups: DashboardGroup[] }) {
  const ctx = useCtx();
  const { m, lang } = ctx;
  const option = useMemo(() => groupTrendOption(data.trend, groups, ctx), [data.trend, groups, ctx.lang, ctx.narrow]);
  type Row = DashboardDto['trend'][number];
  const columns: TableColumnsType<Row> = [
    { key: 'year', title: m.colYear, dataIndex: 'year', width: 70 },
    ...groups.map((g) => ({
      key: g.summary.code,
      title: g.summary.name,
      align: 'right' as const,
      render: (_: unknown, row: Row) => {
        const p = row.groups.find((x) => x.code === g.summary.code);
        return p ? (
          <span className="num">
            {formatDecimal(p.meanIndexRounded, lang)} <span className="dash-count">({m.units(p.count)})</span>
          </span>
        ) : (
          m.noData
        );
      },
    })),
  ];
  return (
    <ChartPanel
      title={m.trendTitle}
      subtitle={data.cycle.name}
      source={data.cycle.name}
      description={m.trendNote}
      option={option}
      height={legendRoom(groups.length, ctx.narrow, 44) + 236}
      ariaLabel={m.trendAria}
      table={<Table<Row> {...tableProps} rowKey="cycleId" columns={columns} dataSource={data.trend} />}
    />
  );
}
