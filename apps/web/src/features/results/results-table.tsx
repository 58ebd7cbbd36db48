import type { UnitResultDto } from '@parindex/contracts';
import { Grid, Table, type TableColumnsType } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { ChangeCell } from './change-cell.tsx';
import { ClassTag, MaxCell, PointsCell, TotalCell } from './cells.tsx';

const PHONE_ORDER = ['order', 'unit', 'index', 'class', 'rank', 'change', 'appraised', 'survey', 'total', 'max'];

interface Props {
  caption: string;
  units: UnitResultDto[];
  /** When given, each unit's name links to its page (the unit's scorecard). */
  unitHref?: (unitId: string) => string;
  /** The group's full maximum (a unit below it is on a reduced scale). */
  fullMax?: string;
  /** Note numbers of units with a reduced scale or exclusions (the notes are under the table). */
  notes?: ReadonlyMap<string, number>;
}

/**
 * The results table as provinces publish it. Rows stay in the server's published order (ties
 * already broken by the rubric's rule): no column sorts, so nothing re-sorts by float.
 */
export function ResultsTable({ caption, units, unitHref, fullMax, notes }: Props) {
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
      render: (name: string, u) =>
        unitHref ? (
          <Link className="unit-name" href={unitHref(u.unitId)}>
            {name}
          </Link>
        ) : (
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
    { key: 'max', title: t.colMax, align: 'right', render: (_, u) => <MaxCell unit={u} fullMax={fullMax} note={notes?.get(u.unitId)} /> },
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

  // On a phone the figures people look for first (index, class, rank) come right after the name.
  const shown = wide ? columns : PHONE_ORDER.map((key) => columns.find((c) => c.key === key)!).filter(Boolean);

  return (
    <Table<UnitResultDto>
      className="results-table"
      caption={<span className="visually-hidden">{caption}</span>}
      size="small"
      bordered
      rowKey="unitId"
      columns={shown}
      dataSource={units}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
