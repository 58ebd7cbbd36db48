import type { DashboardDto, DashboardUnitDto } from '@parindex/contracts';
import { Grid, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, unitPath } from '../../app/router.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { ChartPanel } from '../charts/chart-panel.tsx';
import { ClassTag } from '../results/cells.tsx';
import { ChangeCell } from '../results/change-cell.tsx';
import { classStyle } from '../results/class-style.ts';
import { RANK_ROW, heatmapHeight, heatmapOption, rankingOption } from './dashboard.charts.ts';
import { type BandRange, type DashboardGroup, rangeOf } from './dashboard.logic.ts';
import { dashboardMessages } from './dashboard.messages.ts';

interface Props {
  data: DashboardDto;
  group: DashboardGroup;
  classes: string[];
  ranges: BandRange[];
}

function useCtx() {
  const m = useFeatureMessages(dashboardMessages);
  const { t, lang } = useI18n();
  const narrow = !(Grid.useBreakpoint().md ?? true);
  return { m, t, lang, narrow };
}

const UnitLink = ({ cycleId, u }: { cycleId: string; u: DashboardUnitDto }) => (
  <Link href={unitPath(cycleId, u.unitId)} className="dash-unit">
    {u.unitName}
  </Link>
);

/** One group's ranking: bars coloured by class with the group mean; the table has rank, index, class and change. */
export function RankingPanel({ data, group, classes }: Omit<Props, 'ranges'>) {
  const ctx = useCtx();
  const { m, lang } = ctx;
  const option = useMemo(() => rankingOption(group, classes, ctx), [group, classes, ctx.m, ctx.t, ctx.lang, ctx.narrow]);
  const columns: TableColumnsType<DashboardUnitDto> = [
    { key: 'rank', title: m.colRank, dataIndex: 'rank', align: 'right', width: 70 },
    { key: 'unit', title: m.colUnit, render: (_, u) => <UnitLink cycleId={data.cycle.id} u={u} /> },
    { key: 'index', title: m.colIndex, align: 'right', render: (_, u) => <strong className="num">{formatDecimal(u.indexRounded, lang)}</strong> },
    { key: 'class', title: m.colClass, render: (_, u) => <ClassTag label={u.classification} /> },
    { key: 'change', title: m.colChange, render: (_, u) => <ChangeCell change={u.change} /> },
  ];
  return (
    <ChartPanel
      title={m.rankingTitle(group.summary.name)}
      subtitle={data.cycle.name}
      source={data.cycle.name}
      option={option}
      height={72 + group.units.length * RANK_ROW}
      ariaLabel={m.rankingAria(group.summary.name)}
      table={<Table<DashboardUnitDto> size="small" bordered rowKey="unitId" columns={columns} dataSource={group.units} pagination={false} scroll={{ x: 'max-content' }} />}
    />
  );
}

/** One group's units × fields heatmap of component indices; the table has the same cells. */
export function HeatmapPanel({ data, group, ranges }: Omit<Props, 'classes'>) {
  const ctx = useCtx();
  const { m, lang, narrow } = ctx;
  const option = useMemo(() => heatmapOption(group, data.fields, ranges, ctx), [group, data.fields, ranges, ctx.m, ctx.lang, ctx.narrow]);
  const columns: TableColumnsType<DashboardUnitDto> = [
    { key: 'unit', title: m.colUnit, fixed: narrow ? undefined : 'left', render: (_, u) => <UnitLink cycleId={data.cycle.id} u={u} /> },
    ...data.fields.map((f, i) => ({
      key: f.code,
      title: <abbr title={f.title}>{f.code}</abbr>,
      align: 'right' as const,
      onCell: (u: DashboardUnitDto) => {
        const v = u.fields[i]?.indexRounded;
        return v ? { style: { background: classStyle(rangeOf(v, ranges)?.label ?? '').tint } } : {};
      },
      render: (_: unknown, u: DashboardUnitDto) => {
        const v = u.fields[i]?.indexRounded ?? null;
        return <span className="num">{v === null ? m.noData : formatDecimal(v, lang)}</span>;
      },
    })),
  ];
  return (
    <ChartPanel
      title={m.heatmapTitle(group.summary.name)}
      subtitle={data.cycle.name}
      source={data.cycle.name}
      description={
        <>
          {m.heatmapDesc}
          <FieldKey fields={data.fields} />
        </>
      }
      option={option}
      height={heatmapHeight(group.units.length, ranges.length, narrow)}
      tableOpen={narrow}
      ariaLabel={m.heatmapAria(group.summary.name)}
      table={<Table<DashboardUnitDto> size="small" bordered rowKey="unitId" columns={columns} dataSource={group.units} pagination={false} scroll={{ x: 'max-content' }} />}
    />
  );
}

/** The field codes and their titles, for the heatmap's short column labels. */
export function FieldKey({ fields }: { fields: DashboardDto['fields'] }) {
  const m = useFeatureMessages(dashboardMessages);
  return (
    <details className="dash-fieldkey" open>
      <summary>{m.fieldKey}</summary>
      <ol>
        {fields.map((f) => (
          <li key={f.code}>
            <span className="sc-code">{f.code}.</span> {f.title}
          </li>
        ))}
      </ol>
    </details>
  );
}
