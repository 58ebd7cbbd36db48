import { Alert, Button } from 'antd';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageMeta } from '../../app/page-meta.ts';
import { Link, cyclePath } from '../../app/router.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { PublicHead, PublicPage } from '../results/public-page.tsx';
import '../results/results.css';
import { FieldComponents } from './field-components.tsx';
import { KeyFigures } from './key-figures.tsx';
import { LeavesTable } from './leaves-table.tsx';
import { scorecardMessages } from './scorecard.messages.ts';
import { useUnitScorecard } from './scorecard.queries.ts';
import { Trend } from './trend.tsx';
import { WhatItTakes } from './what-it-takes.tsx';
import './scorecard.css';

/** A unit's scorecard (phiếu kết quả) in a published year: `/cycles/:id/units/:unitId`. Printable. */
export function ScorecardPage({ cycleId, unitId }: { cycleId: string; unitId: string }) {
  const m = useFeatureMessages(scorecardMessages);
  const { lang } = useI18n();
  const q = useUnitScorecard(cycleId, unitId);
  const d = q.data;
  usePageMeta(
    d ? `${d.unit.unitName} — ${d.cycle.year}` : null,
    d ? m.describe(d.unit.unitName, d.cycle.year, formatDecimal(d.unit.indexRounded, lang), d.unit.classification, d.unit.rank, d.group.count) : null,
  );

  const crumbs = (
    <>
      <li>
        <Link href="/">{m.home}</Link>
      </li>
      <li>
        <Link href={cyclePath(cycleId)}>{d ? m.resultsOf(d.cycle.year) : '…'}</Link>
      </li>
      {d && <li aria-current="page">{d.unit.unitName}</li>}
    </>
  );
  return (
    <PublicPage className="scorecard" breadcrumbLabel={m.breadcrumb} crumbs={crumbs} query={q}>
      {(data) => (
        <>
          <PublicHead
            title={data.unit.unitName}
            sub={m.subtitle(data.cycle.year, data.group.name)}
            cycle={data.cycle.name}
            actions={
              <>
                <Link className="link-button" href={cyclePath(cycleId)}>
                  {m.back}
                </Link>
                <Button onClick={() => window.print()}>{m.print}</Button>
              </>
            }
          />
          <KeyFigures data={data} />
          {data.hasComponents ? (
            <>
              <WhatItTakes data={data} />
              <FieldComponents data={data} />
              <LeavesTable data={data} />
            </>
          ) : (
            <Alert className="sc-card" type="info" showIcon title={m.noComponents} />
          )}
          <Trend data={data} />
        </>
      )}
    </PublicPage>
  );
}
