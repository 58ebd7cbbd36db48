import type { CycleDto, GroupSummaryDto, UnitResultDto } from '@parindex/contracts';
import { Card } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal, formatInteger } from '../../lib/format.ts';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { ClassTag, isReduced } from './cells.tsx';
import { noteNumbers, resultsMessages } from './results.messages.ts';
import { ResultsTable } from './results-table.tsx';

// echarts is the heaviest dependency: load it after the table is on screen.
const IndexChart = lazy(() => import('./index-chart.tsx'));

interface Props {
  cycle: CycleDto;
  summary: GroupSummaryDto;
  units: UnitResultDto[];
  /** The group's full maximum, from the server. */
  fullMax?: string;
  /** Links each unit's name to its page. */
  unitHref?: (unitId: string) => string;
}

/** One peer group (nhóm): its summary line, the published table, and the chart of indices. */
export function GroupCard({ cycle, summary, units, fullMax, unitHref }: Props) {
  const { t } = useI18n();
  const notes = noteNumbers(units, (max) => isReduced(max, fullMax));
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
        <ResultsTable caption={t.tableCaption(summary.name, cycle.year)} units={units} unitHref={unitHref} fullMax={fullMax} notes={notes} />
        <TableNotes units={units} notes={notes} fullMax={fullMax} />
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

/** Numbered notes under the table: each reduced scale and each exclusion with its legal basis (on screen, on a phone and in print). */
function TableNotes({ units, notes, fullMax }: { units: UnitResultDto[]; notes: ReadonlyMap<string, number>; fullMax?: string }) {
  const rm = useFeatureMessages(resultsMessages);
  const { lang } = useI18n();
  if (notes.size === 0) return null;
  const noted = units.filter((u) => notes.has(u.unitId));
  return (
    <div className="table-notes">
      <h4 className="table-notes__title">{rm.notesTitle}</h4>
      <ol>
        {noted.map((u) => (
          <li key={u.unitId} id={`note-${u.unitId}`} value={notes.get(u.unitId)}>
            {isReduced(u.max, fullMax) ? rm.reducedNote(u.unitName, formatDecimal(u.max, lang), formatDecimal(fullMax ?? '100', lang)) : `${u.unitName}:`}
            {u.exclusions.length > 0 ? (
              <ul>
                {u.exclusions.map((e) => (
                  <li key={e.nodeCode}>{rm.excludedNode(e.nodeCode, e.basis)}</li>
                ))}
              </ul>
            ) : (
              <> {rm.reducedNoBasis}</>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
