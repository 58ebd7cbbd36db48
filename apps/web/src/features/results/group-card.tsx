import type { CycleDto, GroupSummaryDto, UnitResultDto } from '@parindex/contracts';
import { Card } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal, formatInteger } from '../../lib/format.ts';
import { ClassTag } from './cells.tsx';
import { ResultsTable } from './results-table.tsx';

// echarts is the heaviest dependency: load it after the table is on screen.
const IndexChart = lazy(() => import('./index-chart.tsx'));

interface Props {
  cycle: CycleDto;
  summary: GroupSummaryDto;
  units: UnitResultDto[];
  /** Links each unit's name to its page. */
  unitHref?: (unitId: string) => string;
}

/** One peer group (nhóm): its summary line, the published table, and the chart of indices. */
export function GroupCard({ cycle, summary, units, unitHref }: Props) {
  const { t } = useI18n();
  const headingId = `group-${summary.code}`;
  return (
    <section aria-labelledby={headingId}>
      <Card
        className="group-card"
        title={
          <h3 id={headingId} className="group-card__title">
            <span className="group-card__kicker">{t.group}:</span> {summary.name}
          </h3>
        }
      >
        <GroupSummary summary={summary} />
        <ResultsTable caption={t.tableCaption(summary.name, cycle.year)} units={units} unitHref={unitHref} />
        <Suspense fallback={<div className="chart-placeholder">{t.chartLoading}</div>}>
          <IndexChart cycle={cycle} summary={summary} units={units} />
        </Suspense>
      </Card>
    </section>
  );
}

function GroupSummary({ summary }: { summary: GroupSummaryDto }) {
  const { t, lang } = useI18n();
  const pct = (v: string) => `${formatDecimal(v, lang)}%`;
  return (
    <dl className="group-summary">
      <div>
        <dt>{t.unitsCount}</dt>
        <dd className="num">{formatInteger(summary.count, lang)}</dd>
      </div>
      <div>
        <dt>{t.meanIndex}</dt>
        <dd className="num">{pct(summary.meanIndexRounded)}</dd>
      </div>
      <div>
        <dt>{t.highestIndex}</dt>
        <dd className="num">{pct(summary.highestIndex)}</dd>
      </div>
      <div>
        <dt>{t.lowestIndex}</dt>
        <dd className="num">{pct(summary.lowestIndex)}</dd>
      </div>
      {summary.classCounts.length > 0 && (
        <div>
          <dt>{t.classCounts}</dt>
          <dd>
            {summary.classCounts.map((c) => (
              <ClassTag key={c.label} label={c.label} count={c.count} />
            ))}
          </dd>
        </div>
      )}
    </dl>
  );
}
