import type { UnitResultDto } from '@parindex/contracts';
import { Grid, Table, type TableColumnsType } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { ChangeCell } from './change-cell.tsx';
import { ClassTag, MaxCell, PointsCell, TotalCell } from './cells.tsx';

interface Props {
  caption: string;
  units: UnitResultDto[];
}

/**
 * The results table as provinces publish it. Rows stay in the server's published order (ties
 * already broken by the rubric's rule): no column sorts, so nothing re-sorts by float.
 */
export function ResultsTable({ caption, units }: Props) {
  const { t, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;

  const columns: TableColumnsType<UnitResultDto> = [
    {
      key: 'order',
      title: t.colOrder,
      dataIndex: 'order',
      align: 'center',
      width: 52,
      render: (order: number) => <span className="num">{order}</span>,
    },
    {
      key: 'unit',
      title: t.colUnit,
      dataIndex: 'unitName',
      fixed: wide ? 'left' : undefined,
      width: wide ? 260 : 150,
      render: (name: string, u) => (
        <span className="unit-name" title={u.unitCode}>
          {name}
        </span>
      ),
    },
    {
      key: 'appraised',
      title: t.colAppraised,
      dataIndex: 'appraised',
      align: 'right',
      render: (v: string) => <PointsCell value={v} />,
    },
    {
      key: 'survey',
      title: t.colSurvey === t.colSurveyFull ? t.colSurvey : <abbr title={t.colSurveyFull}>{t.colSurvey}</abbr>,
      dataIndex: 'survey',
      align: 'right',
      render: (v: string) => <PointsCell value={v} />,
    },
    { key: 'total', title: t.colTotal, align: 'right', render: (_, u) => <TotalCell unit={u} /> },
    { key: 'max', title: t.colMax, align: 'right', render: (_, u) => <MaxCell unit={u} /> },
    {
      key: 'index',
      title: t.colIndex,
      dataIndex: 'indexRounded',
      align: 'right',
      render: (v: string) => <strong className="num">{formatDecimal(v, lang)}</strong>,
    },
    {
      key: 'class',
      title: t.colClass,
      dataIndex: 'classification',
      render: (label: string) => <ClassTag label={label} />,
    },
    {
      key: 'rank',
      title: t.colRank,
      dataIndex: 'rank',
      align: 'right',
      render: (rank: number) => <span className="num">{rank}</span>,
    },
    { key: 'change', title: t.colChange, render: (_, u) => <ChangeCell change={u.change} />, width: 200 },
  ];

  return (
    <Table<UnitResultDto>
      className="results-table"
      caption={<span className="visually-hidden">{caption}</span>}
      size="small"
      bordered
      rowKey="unitId"
      columns={columns}
      dataSource={units}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
