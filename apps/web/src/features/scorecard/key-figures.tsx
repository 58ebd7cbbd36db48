import type { UnitScorecardDto } from '@parindex/contracts';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal, isZeroDecimal } from '../../lib/format.ts';
import { ClassTag } from '../results/cells.tsx';
import { ChangeCell } from '../results/change-cell.tsx';
import { scorecardMessages } from './scorecard.messages.ts';

/** The unit's headline figures as published: index, class, rank, points, change on last year. */
export function KeyFigures({ data }: { data: UnitScorecardDto }) {
  const m = useFeatureMessages(scorecardMessages);
  const { lang } = useI18n();
  const u = data.unit;
  const pts = (v: string) => formatDecimal(v, lang);
  return (
    <section className="sc-card" aria-labelledby="sc-figures">
      <h3 id="sc-figures" className="sc-card__title">
        {m.figuresTitle}
      </h3>
      <dl className="sc-figures">
        <div className="sc-figure sc-figure--main">
          <dt>{m.index}</dt>
          <dd>
            <span className="num sc-figure__big">{pts(u.indexRounded)}%</span>
            <span className="sc-figure__sub num">{m.groupMean(pts(data.group.meanIndexRounded))}</span>
          </dd>
        </div>
        <div className="sc-figure">
          <dt>{m.classification}</dt>
          <dd>
            <ClassTag label={u.classification} />
          </dd>
        </div>
        <div className="sc-figure">
          <dt>{m.rank}</dt>
          <dd className="num sc-figure__big">{m.rankOf(u.rank, data.group.count)}</dd>
        </div>
        <div className="sc-figure">
          <dt>{m.total}</dt>
          <dd className="num">{m.totalOf(pts(u.total), pts(u.max))}</dd>
        </div>
        <div className="sc-figure">
          <dt>{m.appraised}</dt>
          <dd className="num">{pts(u.appraised)}</dd>
        </div>
        <div className="sc-figure">
          <dt>
            <abbr title={m.surveyFull}>{m.survey}</abbr>
          </dt>
          <dd className="num">{pts(u.survey)}</dd>
        </div>
        {!isZeroDecimal(u.bonus) && (
          <div className="sc-figure">
            <dt>{m.bonus}</dt>
            <dd className="num">{formatDecimal(u.bonus, lang, { signed: true })}</dd>
          </div>
        )}
        {!isZeroDecimal(u.deduction) && (
          <div className="sc-figure">
            <dt>{m.deduction}</dt>
            <dd className="num">-{pts(u.deduction)}</dd>
          </div>
        )}
        <div className="sc-figure sc-figure--change">
          <dt>{m.change}</dt>
          <dd>
            <ChangeCell change={u.change} />
          </dd>
        </div>
      </dl>
      {u.exclusions.length > 0 && (
        <div className="sc-exclusions">
          <strong>{m.exclusions}:</strong>
          <ul>
            {u.exclusions.map((e) => (
              <li key={e.nodeCode}>{m.exclusion(e.nodeCode, e.basis)}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
