import type { TrendPointDto, UnitScorecardDto } from '@parindex/contracts';
import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { ClassTag } from '../results/cells.tsx';
import { ChartPanel } from '../charts/chart-panel.tsx';
import { trendOption } from './scorecard.charts.ts';
import { scorecardMessages } from './scorecard.messages.ts';

/** The unit's index over the public years (through its predecessors when merged) against the group mean. */
export function Trend({ data }: { data: UnitScorecardDto }) {
  const m = useFeatureMessages(scorecardMessages);
  const { lang } = useI18n();
  const option = useMemo(() => trendOption(data.trend, m, lang), [data.trend, m, lang]);
  const merged = data.trend.some((p) => p.basis === 'weighted');
  const n = (v: string | null) => (v === null ? '—' : formatDecimal(v, lang));
  const basis = (p: TrendPointDto) => (p.basis === 'current' ? m.basisCurrent : p.basis === 'direct' ? m.basisDirect : m.basisWeighted);
  const columns: TableColumnsType<TrendPointDto> = [
    { key: 'year', title: m.colYear, dataIndex: 'year', width: 70 },
    { key: 'index', title: m.colIndex, align: 'right', render: (_, p) => <strong className="num">{n(p.indexRounded)}</strong> },
    { key: 'class', title: m.classification, render: (_, p) => (p.classification ? <ClassTag label={p.classification} /> : '—') },
    { key: 'rank', title: m.rank, align: 'right', render: (_, p) => (p.rank === null ? <span className="sc-muted">{m.notRanked}</span> : <span className="num">{p.rank}</span>) },
    { key: 'mean', title: m.colGroupMean, align: 'right', render: (_, p) => <span className="num">{n(p.groupMeanIndex)}</span> },
    { key: 'basis', title: m.colBasis, render: (_, p) => basis(p) },
  ];
  return (
    <section className="sc-card">
      <ChartPanel
        title={m.trendTitle}
        subtitle={data.unit.unitName}
        source={data.cycle.name}
        description={merged ? m.trendNote : undefined}
        option={option}
        height={260}
        ariaLabel={m.trendAria(data.unit.unitName)}
        tableOpen
        table={
          <Table<TrendPointDto>
            size="small"
            bordered
            rowKey="cycleId"
            columns={columns}
            dataSource={data.trend}
            pagination={false}
            scroll={{ x: 'max-content' }}
            caption={<span className="visually-hidden">{m.trendTitle}</span>}
          />
        }
      />
    </section>
  );
}
